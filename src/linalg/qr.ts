/**
 * The safe TS face of the Householder QR kernels (assembly/qr.ts):
 * validated copies in, arena-owned work space, fresh arrays out.
 *
 *   qr(A)                          A P = Q R (thin Q), column pivoting by default
 *   dampedLeastSquaresStep(J, r, lambda, d)
 *                                  argmin_delta || [J; sqrt(lambda) D] delta + [r; 0] ||
 *                                  (the QR path of a Levenberg-Marquardt step, More 1978)
 */
import { core } from "../wasm/module.js";
import { toMatrix, toVector, type Matrix, type MatrixInput } from "./matrix.js";
import { LsqError, describeValue } from "../errors.js";

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
    const tau = arena.allocF64(k);
    const jpvt = arena.allocBytes(4 * n);
    const work = arena.allocF64(3 * n);
    const qb = arena.allocF64(m * k);
    const status = w.qr_f64(pa, n, m, n, tau, jpvt, work, pivot ? 1 : 0);
    if (status !== 0) throw new LsqError("WASM_ERROR", `qr_f64 returned status ${status}`);
    const f = arena.f64;
    const qo = qb >>> 3;
    for (let i = 0; i < m * k; i++) f[qo + i] = 0;
    for (let i = 0; i < k; i++) f[qo + i * k + i] = 1;
    w.qr_apply_q_f64(pa, n, m, k, tau, qb, k, k);
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
    const tau = arena.allocF64(k);
    const jpvt = arena.allocBytes(4 * n);
    const work = arena.allocF64(3 * n);
    const f = arena.f64;
    const ao = pa >>> 3;
    f.set(A.data, ao);
    for (let i = m * n; i < mt * n; i++) f[ao + i] = 0;
    const bo = pb >>> 3;
    for (let i = 0; i < m; i++) f[bo + i] = -rv[i];
    for (let i = m; i < mt; i++) f[bo + i] = 0;
    if (lambda > 0) for (let j = 0; j < n; j++) f[ao + (m + j) * n + j] = sl * (dv === null ? 1 : dv[j]);
    w.qr_f64(pa, n, mt, n, tau, jpvt, work, 1);
    w.qr_apply_qt_f64(pa, n, mt, k, tau, pb, 1, 1);
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
