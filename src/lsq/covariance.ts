/**
 * (J^T J)^-1 from a Jacobian, rank-aware, without forming J^T J when J has
 * full rank: pivoted Householder QR in wasm, J P = Q R, then
 *     (J^T J)^-1 = P R^-1 R^-T P^T                     (Golub & Van Loan 5.3)
 * R^-1 by triangular solves on the unit vectors (trsv_upper_f64).
 * Rank deficient (|R_kk| <= max(m,n) eps |R_00|): see rankDeficient below —
 * the rank and the numerical null space from the pivoted QR of the
 * column-scaled J, which parameters are not identifiable (a component in that
 * null space), and for the others their (unique) covariance entries.
 */
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import { factorQr, qrWorkspace } from "../linalg/qr.js";

const EPS = 2.220446049250313e-16;

export interface UnscaledCovariance {
  /**
   * n x n row-major (J^T J)^-1 when rank = n. Rank deficient: a generalized inverse whose entries
   * (a, b) with a and b both identifiable are the unique covariance entries (those of any
   * identifiable reparametrisation); entries involving a parameter in `notIdentifiable` are 0 and
   * meaningless (its variance is unbounded).
   */
  inverse: Float64Array;
  /** numerical rank of J (of the column-scaled J when the unscaled test finds a deficiency) */
  rank: number;
  /** columns with a component in the numerical null space of J (ascending); empty when rank = n */
  notIdentifiable: number[];
}

/**
 * A parameter counts as not identifiable when the unit-norm basis of the numerical null space
 * (column-scaled coordinates) has a row of norm above this: exactly determined parameters sit at
 * rounding level there (~1e-15), dependent ones at O(1).
 */
export const NULL_SPACE_TOLERANCE = 1e-6;

/** J row-major m x n (JS memory). */
export function inverseGaussNewton(J: Float64Array, m: number, n: number): UnscaledCovariance {
  const { exports: e, arena } = core();
  const mark = arena.mark();
  try {
    const pA = arena.pushF64(J);
    const ws = qrWorkspace(m, n);
    const pPiv = ws.jpvt;
    const pX = arena.allocF64(n);
    factorQr(ws, pA, true);
    const k = Math.min(m, n);
    let f = arena.f64;
    const oA = pA >>> 3;
    const r00 = Math.abs(f[oA]);
    let rank = 0;
    while (rank < k && Math.abs(f[oA + rank * n + rank]) > Math.max(m, n) * EPS * r00) rank++;
    if (rank < n) return rankDeficient(J, m, n);
    const piv = Int32Array.from(new Int32Array(arena.memory.buffer, pPiv, n));
    // Rinv columns: R x = e_j
    const Rinv = new Float64Array(n * n);
    const oX = pX >>> 3;
    for (let j = 0; j < n; j++) {
      f = arena.f64;
      f.fill(0, oX, oX + n);
      f[oX + j] = 1;
      check("trsv_upper_f64", e.trsv_upper_f64(pA, n, pX, n, 0));
      f = arena.f64;
      for (let i = 0; i < n; i++) Rinv[i * n + j] = f[oX + i];
    }
    // C = Rinv Rinv^T (pivoted order), then un-pivot
    const out = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let t = Math.max(a, b); t < n; t++) s += Rinv[a * n + t] * Rinv[b * n + t];
        const pa = piv[a];
        const pb = piv[b];
        out[pa * n + pb] = s;
        out[pb * n + pa] = s;
      }
    }
    return { inverse: out, rank, notIdentifiable: [] };
  } finally {
    arena.release(mark);
  }
}

/**
 * Rank-deficient J. Columns are scaled to unit norm first (units must not decide the rank: a
 * parameter in 1e-8 units beside one in 1e3 units is not a deficiency), then pivoted QR:
 *     Js P = Q [R11 R12; 0 R22],  r = #{t : |R_tt| > max(m,n) eps |R_00|},  R22 taken as 0.
 * Null space of Js P: the columns of N = [-R11^-1 R12; I] (Golub & Van Loan 5.5.6); after
 * orthonormalising N (modified Gram-Schmidt, twice), parameter j is not identifiable when its
 * row of N has norm > NULL_SPACE_TOLERANCE (e_j is then not in the row space of J: no
 * combination of the data determines it). For the identifiable ones, e_a^T G e_b is the same for
 * every generalized inverse G of J^T J, so the basic one is used:
 *     G = D^-1 P [R11^-1 R11^-T 0; 0 0] P^T D^-1   (D = column norms)
 * (if the scaled J turns out to have full rank, this is the exact inverse).
 */
function rankDeficient(J: Float64Array, m: number, n: number): UnscaledCovariance {
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // column norm without over/underflow: max * sqrt(sum (v / max)^2)
    let amax = 0;
    for (let i = 0; i < m; i++) amax = Math.max(amax, Math.abs(J[i * n + j]));
    let ss = 0;
    if (amax > 0) for (let i = 0; i < m; i++) ss += (J[i * n + j] / amax) ** 2;
    d[j] = amax * Math.sqrt(ss);
  }
  const Js = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) Js[i * n + j] = d[j] > 0 ? J[i * n + j] / d[j] : 0;
  const { arena } = core();
  const mark = arena.mark();
  const R = new Float64Array(n * n);
  let piv: Int32Array;
  const k = Math.min(m, n);
  try {
    const pA = arena.pushF64(Js);
    const ws = qrWorkspace(m, n);
    const pPiv = ws.jpvt;
    factorQr(ws, pA, true);
    const f = arena.f64;
    const oA = pA >>> 3;
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) R[i * n + j] = f[oA + i * n + j];
    piv = Int32Array.from(new Int32Array(arena.memory.buffer, pPiv, n));
  } finally {
    arena.release(mark);
  }
  const r00 = Math.abs(R[0]);
  let r = 0;
  while (r < k && r00 > 0 && Math.abs(R[r * n + r]) > Math.max(m, n) * EPS * r00) r++;
  // R11^-1 (r x r, upper) by back substitution on the unit vectors
  const Ri = new Float64Array(r * r);
  for (let c = 0; c < r; c++) {
    for (let i = c; i >= 0; i--) {
      let v = i === c ? 1 : 0;
      for (let t = i + 1; t <= c; t++) v -= R[i * n + t] * Ri[t * r + c];
      Ri[i * r + c] = v / R[i * n + i];
    }
  }
  const inverse = new Float64Array(n * n);
  for (let a = 0; a < r; a++) {
    for (let b = 0; b <= a; b++) {
      let v = 0;
      for (let t = a; t < r; t++) v += Ri[a * r + t] * Ri[b * r + t];
      const pa = piv[a];
      const pb = piv[b];
      const g = v / (d[pa] * d[pb]);
      inverse[pa * n + pb] = g;
      inverse[pb * n + pa] = g;
    }
  }
  // null-space basis N (n x q, pivoted order): top block -R11^-1 R12, bottom block I
  const q = n - r;
  const N = new Float64Array(n * q);
  for (let c = 0; c < q; c++) {
    for (let i = 0; i < r; i++) {
      let v = 0;
      for (let t = i; t < r; t++) v += Ri[i * r + t] * R[t * n + r + c];
      N[i * q + c] = -v;
    }
    N[(r + c) * q + c] = 1;
  }
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < q; c++) {
      for (let b = 0; b < c; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += N[i * q + b] * N[i * q + c];
        for (let i = 0; i < n; i++) N[i * q + c] -= dot * N[i * q + b];
      }
      let nn = 0;
      for (let i = 0; i < n; i++) nn += N[i * q + c] ** 2;
      const inv = 1 / Math.sqrt(nn);
      for (let i = 0; i < n; i++) N[i * q + c] *= inv;
    }
  }
  const notIdentifiable: number[] = [];
  for (let i = 0; i < n; i++) {
    let rowNorm2 = 0;
    for (let c = 0; c < q; c++) rowNorm2 += N[i * q + c] ** 2;
    if (Math.sqrt(rowNorm2) > NULL_SPACE_TOLERANCE) notIdentifiable.push(piv[i]);
  }
  notIdentifiable.sort((a, b) => a - b);
  for (const j of notIdentifiable) for (let b = 0; b < n; b++) inverse[j * n + b] = inverse[b * n + j] = 0;
  return { inverse, rank: r, notIdentifiable };
}
