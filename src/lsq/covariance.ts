/**
 * (J^T J)^-1 from a Jacobian, rank-aware, without forming J^T J when J has
 * full rank: pivoted Householder QR in wasm, J P = Q R, then
 *     (J^T J)^-1 = P R^-1 R^-T P^T                     (Golub & Van Loan 5.3)
 * R^-1 by triangular solves on the unit vectors (trsv_upper_f64).
 * Rank deficient (|R_kk| <= max(m,n) eps |R_00|): the Moore-Penrose
 * pseudo-inverse of the column-scaled J^T J by a cyclic Jacobi eigensolver
 * (eigenvalues below the same relative threshold dropped), so dependent
 * parameters get finite (minimum-norm) variances and `rank` tells the caller.
 */
import { core } from "../wasm/module.js";

const EPS = 2.220446049250313e-16;

export interface UnscaledCovariance {
  /** n x n row-major (J^T J)^+ */
  inverse: Float64Array;
  rank: number;
}

/** J row-major m x n (JS memory). */
export function inverseGaussNewton(J: Float64Array, m: number, n: number): UnscaledCovariance {
  const { exports: e, arena } = core();
  const mark = arena.mark();
  try {
    const pA = arena.pushF64(J);
    const pTau = arena.allocF64(n);
    const pPiv = arena.allocBytes(4 * n);
    const pWork = arena.allocF64(3 * n + 2);
    const pX = arena.allocF64(n);
    e.qr_f64(pA, n, m, n, pTau, pPiv, pWork, 1);
    const k = Math.min(m, n);
    let f = arena.f64;
    const oA = pA >>> 3;
    const r00 = Math.abs(f[oA]);
    let rank = 0;
    while (rank < k && Math.abs(f[oA + rank * n + rank]) > Math.max(m, n) * EPS * r00) rank++;
    if (rank < n) return { inverse: pseudoInverse(J, m, n), rank };
    const piv = Int32Array.from(new Int32Array(arena.memory.buffer, pPiv, n));
    // Rinv columns: R x = e_j
    const Rinv = new Float64Array(n * n);
    const oX = pX >>> 3;
    for (let j = 0; j < n; j++) {
      f = arena.f64;
      f.fill(0, oX, oX + n);
      f[oX + j] = 1;
      e.trsv_upper_f64(pA, n, pX, n, 0);
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
    return { inverse: out, rank };
  } finally {
    arena.release(mark);
  }
}

/** (J^T J)^+ by Jacobi eigen-decomposition of the column-scaled J^T J (small n only). */
function pseudoInverse(J: Float64Array, m: number, n: number): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < m; i++) for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) A[a * n + b] += J[i * n + a] * J[i * n + b];
  const sc = new Float64Array(n);
  for (let a = 0; a < n; a++) sc[a] = A[a * n + a] > 0 ? 1 / Math.sqrt(A[a * n + a]) : 1;
  for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) {
    const v = A[a * n + b] * sc[a] * sc[b];
    A[a * n + b] = v;
    A[b * n + a] = v;
  }
  const V = new Float64Array(n * n);
  for (let a = 0; a < n; a++) V[a * n + a] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let emax = 0;
  for (let a = 0; a < n; a++) emax = Math.max(emax, Math.abs(A[a * n + a]));
  const tol = emax * Math.max(m, n) * EPS * 1e3;
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const ev = A[k * n + k];
    if (!(ev > tol)) continue;
    const inv = 1 / ev;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[a * n + b] += V[a * n + k] * V[b * n + k] * inv;
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[a * n + b] *= sc[a] * sc[b];
  return out;
}
