/**
 * The safe TS face of the Householder QR kernels (assembly/qr.ts):
 * validated copies in, arena-owned work space, fresh arrays out.
 *
 *   qr(A)                          A P = Q R (thin Q), column pivoting by default
 *   dampedLeastSquaresStep(J, r, lambda, d)
 *                                  argmin_delta || [J; sqrt(lambda) D] delta + [r; 0] ||
 *                                  (the QR path of a Levenberg-Marquardt step, More 1978)
 *   dampedStepSolver(J, r)         one QR of J, then .step(lambda, d) per damping value in O(n^3)
 *   solveUpperInPlace / solveUpperTransposedInPlace   small triangular solves in TS
 */
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import { toMatrix, toVector, type Matrix, type MatrixInput } from "./matrix.js";
import { LsqError, describeValue } from "../errors.js";

/**
 * Arena space for one qr_f64 call on an m x n matrix (tau: min(m, n), jpvt: n i32, work: 3n f64 —
 * the kernel's work size lives here only). Allocate it where the other buffers are allocated (the
 * allocation may grow memory), then `factorQr` the matrix in place.
 */
export interface QrWorkspace {
  readonly m: number;
  readonly n: number;
  readonly tau: number;
  readonly jpvt: number;
  readonly work: number;
}

export function qrWorkspace(m: number, n: number): QrWorkspace {
  const { arena } = core();
  return { m, n, tau: arena.allocF64(Math.min(m, n)), jpvt: arena.allocBytes(4 * n), work: arena.allocF64(3 * n) };
}

/** A (m x n, leading dimension n, at byte pointer `a`) = Q R P^T in place (see qr_f64); checks the status. */
export function factorQr(ws: QrWorkspace, a: number, pivot: boolean): void {
  check("qr_f64", core().exports.qr_f64(a, ws.n, ws.m, ws.n, ws.tau, ws.jpvt, ws.work, pivot ? 1 : 0));
}

export interface QrDecomposition {
  /** m x k with k = min(m, n), orthonormal columns. */
  q: Matrix;
  /** k x n upper trapezoidal. */
  r: Matrix;
  /** permutation[j] = original index of column j of A P (identity without pivoting). */
  permutation: Int32Array;
}

export interface QrOptions {
  /** Businger-Golub column pivoting (|R_kk| non-increasing). Default true. */
  pivot?: boolean;
}

/** Householder QR with optional column pivoting: A P = Q R. */
export function qr(a: MatrixInput, options: QrOptions = {}): QrDecomposition {
  const A = toMatrix(a, "A");
  const pivot = options.pivot ?? true;
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const { exports: w, arena } = core();
  const mark = arena.mark();
  try {
    const pa = arena.pushF64(A.data);
    const ws = qrWorkspace(m, n);
    const { tau, jpvt } = ws;
    const qb = arena.allocF64(m * k);
    factorQr(ws, pa, pivot);
    const f = arena.f64;
    const qo = qb >>> 3;
    for (let i = 0; i < m * k; i++) f[qo + i] = 0;
    for (let i = 0; i < k; i++) f[qo + i * k + i] = 1;
    check("qr_apply_q_f64", w.qr_apply_q_f64(pa, n, m, k, tau, qb, k, k));
    const q = arena.readF64(qb, m * k);
    const all = arena.readF64(pa, m * n);
    const r = new Float64Array(k * n);
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = all[i * n + j];
    const permutation = new Int32Array(arena.memory.buffer, jpvt, n).slice();
    return { q: { rows: m, cols: k, data: q }, r: { rows: k, cols: n, data: r }, permutation };
  } finally {
    arena.release(mark);
  }
}

/**
 * Solves R x = c in place (R upper n x n, row-major with leading dimension ldr,
 * starting at offset ro of `f`); x = c on input. Components whose pivot is zero
 * are set to zero (basic solution) so the result is never NaN.
 */
export function solveUpperInPlace(f: Float64Array, ro: number, ldr: number, x: Float64Array, n: number): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    const o = ro + i * ldr;
    for (let j = i + 1; j < n; j++) s -= f[o + j] * x[j];
    const d = f[o + i];
    x[i] = d !== 0 ? s / d : 0;
  }
}

/** Solves R^T x = c in place (forward substitution), same layout as solveUpperInPlace. */
export function solveUpperTransposedInPlace(f: Float64Array, ro: number, ldr: number, x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const d = f[ro + i * ldr + i];
    const xi = d !== 0 ? x[i] / d : 0;
    x[i] = xi;
    for (let j = i + 1; j < n; j++) x[j] -= f[ro + i * ldr + j] * xi;
  }
}

/**
 * The QR path of a damped Gauss-Newton / Levenberg-Marquardt step (More 1978):
 *
 *   delta = argmin || [J; sqrt(lambda) D] delta + [r; 0] ||_2,   D = diag(d) (identity if d is null)
 *
 * equivalent to (J^T J + lambda D^2) delta = -J^T r but without squaring cond(J).
 * J is m x n (m >= 1); works for m < n when lambda > 0. The stacked (m + n) x n
 * matrix is factored with column pivoting; directions with a zero pivot get a zero
 * component (never NaN). Cost O((m + n) n^2) per call.
 */
export function dampedLeastSquaresStep(J: MatrixInput, r: ArrayLike<number>, lambda: number, d: ArrayLike<number> | null = null): Float64Array {
  const A = toMatrix(J, "J");
  const { rows: m, cols: n } = A;
  const rv = toVector(r, "r", m);
  if (!(typeof lambda === "number" && lambda >= 0 && Number.isFinite(lambda))) {
    throw new LsqError("INVALID_ARGUMENT", `lambda must be a finite number >= 0, got ${describeValue(lambda)}`);
  }
  const dv = d === null ? null : toVector(d, "d", n);
  const sl = Math.sqrt(lambda);
  const mt = lambda > 0 ? m + n : m;
  const { exports: w, arena } = core();
  const mark = arena.mark();
  try {
    const pa = arena.allocF64(mt * n);
    const pb = arena.allocF64(mt);
    const k = Math.min(mt, n);
    const ws = qrWorkspace(mt, n);
    const { tau, jpvt } = ws;
    const f = arena.f64;
    const ao = pa >>> 3;
    f.set(A.data, ao);
    for (let i = m * n; i < mt * n; i++) f[ao + i] = 0;
    const bo = pb >>> 3;
    for (let i = 0; i < m; i++) f[bo + i] = -rv[i];
    for (let i = m; i < mt; i++) f[bo + i] = 0;
    if (lambda > 0) for (let j = 0; j < n; j++) f[ao + (m + j) * n + j] = sl * (dv === null ? 1 : dv[j]);
    factorQr(ws, pa, true);
    check("qr_apply_qt_f64", w.qr_apply_qt_f64(pa, n, mt, k, tau, pb, 1, 1));
    const g = arena.f64;
    const z = new Float64Array(n);
    for (let i = 0; i < k; i++) z[i] = g[bo + i];
    // Treat pivots below eps * |R_00| * max(mt, n) as zero (rank-deficient step).
    const tol = 2.220446049250313e-16 * Math.max(mt, n) * Math.abs(g[ao]);
    let rank = 0;
    while (rank < k && Math.abs(g[ao + rank * n + rank]) > tol) rank++;
    for (let i = rank; i < n; i++) z[i] = 0;
    solveUpperInPlace(g, ao, n, z, rank);
    const perm = new Int32Array(arena.memory.buffer, jpvt, n);
    const delta = new Float64Array(n);
    for (let j = 0; j < n; j++) delta[perm[j]] = z[j];
    return delta;
  } finally {
    arena.release(mark);
  }
}

/** Reuses one QR of J for many damping values (see `dampedStepSolver`). */
export interface DampedStepSolver {
  /** Numerical rank of J (pivots |R_kk| > eps * max(m, n) * |R_00|). */
  readonly rank: number;
  /** delta = argmin || [J; sqrt(lambda) D] delta + [r; 0] || (d = null: D = I). */
  step(lambda: number, d?: ArrayLike<number> | null): Float64Array;
}

/**
 * Factor J P = Q R once (pivoted Householder QR), keep R and c = (Q^T r)[0:n]; then
 *   || J delta + r ||^2 = || R P^T delta + c ||^2 + const,
 * so each damped step only factors the small stacked (2n x n) matrix [R; sqrt(lambda) D P]
 * (More 1978 does this with Givens rotations; a Householder QR of the 2n x n stack is the
 * same in exact arithmetic): O(n^3) per lambda instead of O(m n^2). Nothing is held in wasm
 * memory between calls, so the solver may live across other lsqkit calls.
 */
export function dampedStepSolver(J: MatrixInput, r: ArrayLike<number>): DampedStepSolver {
  const A = toMatrix(J, "J");
  const { rows: m, cols: n } = A;
  const rv = toVector(r, "r", m);
  const k = Math.min(m, n);
  const R = new Float64Array(n * n); // k rows used; rows k..n-1 stay zero (m < n)
  const c = new Float64Array(n);
  let perm: Int32Array;
  let rank = 0;
  const { exports: w, arena } = core();
  const mark = arena.mark();
  try {
    const pa = arena.pushF64(A.data);
    const pb = arena.pushF64(rv);
    const ws = qrWorkspace(m, n);
    const { tau, jpvt } = ws;
    factorQr(ws, pa, true);
    check("qr_apply_qt_f64", w.qr_apply_qt_f64(pa, n, m, k, tau, pb, 1, 1));
    const f = arena.f64;
    const ao = pa >>> 3;
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) R[i * n + j] = f[ao + i * n + j];
    for (let i = 0; i < k; i++) c[i] = f[(pb >>> 3) + i];
    perm = new Int32Array(arena.memory.buffer, jpvt, n).slice();
    const tol = 2.220446049250313e-16 * Math.max(m, n) * Math.abs(R[0]);
    while (rank < k && Math.abs(R[rank * n + rank]) > tol) rank++;
  } finally {
    arena.release(mark);
  }
  return {
    rank,
    step(lambda: number, d: ArrayLike<number> | null = null): Float64Array {
      if (!(typeof lambda === "number" && lambda >= 0 && Number.isFinite(lambda))) {
        throw new LsqError("INVALID_ARGUMENT", `lambda must be a finite number >= 0, got ${describeValue(lambda)}`);
      }
      const dv = d === null ? null : toVector(d, "d", n);
      const delta = new Float64Array(n);
      if (lambda === 0) {
        // Gauss-Newton step; directions beyond the numerical rank get 0 (basic solution).
        const z = new Float64Array(n);
        for (let i = 0; i < rank; i++) z[i] = -c[i];
        solveUpperInPlace(R, 0, n, z, rank);
        for (let j = 0; j < n; j++) delta[perm[j]] = z[j];
        return delta;
      }
      // Stack [R; sqrt(lambda) D P] (2n x n) and [-c; 0], factor, solve.
      const sl = Math.sqrt(lambda);
      const mt = 2 * n;
      const mk = arena.mark();
      try {
        const ps = arena.allocF64(mt * n);
        const pv = arena.allocF64(mt);
        const ws2 = qrWorkspace(mt, n);
        const { tau: tau2, jpvt: jp2 } = ws2;
        let f = arena.f64;
        const so = ps >>> 3;
        f.set(R, so);
        for (let i = n * n; i < mt * n; i++) f[so + i] = 0;
        // column j of J P is original column perm[j]: D P has d[perm[j]] at (j, j)
        for (let j = 0; j < n; j++) f[so + (n + j) * n + j] = sl * (dv === null ? 1 : dv[perm[j]]);
        const vo = pv >>> 3;
        for (let i = 0; i < n; i++) f[vo + i] = -c[i];
        for (let i = n; i < mt; i++) f[vo + i] = 0;
        factorQr(ws2, ps, true);
        check("qr_apply_qt_f64", w.qr_apply_qt_f64(ps, n, mt, n, tau2, pv, 1, 1));
        f = arena.f64;
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) z[i] = f[vo + i];
        const tol = 2.220446049250313e-16 * mt * Math.abs(f[so]);
        let rk = 0;
        while (rk < n && Math.abs(f[so + rk * n + rk]) > tol) rk++;
        for (let i = rk; i < n; i++) z[i] = 0;
        solveUpperInPlace(f, so, n, z, rk);
        const p2 = new Int32Array(arena.memory.buffer, jp2, n);
        // z is in the order of p2 applied to the (perm-ordered) columns
        for (let j = 0; j < n; j++) delta[perm[p2[j]]] = z[j];
        return delta;
      } finally {
        arena.release(mk);
      }
    },
  };
}
