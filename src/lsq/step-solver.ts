/**
 * The damped Gauss-Newton step, solved in the wasm core:
 *
 *     (J^T J + lambda diag(d)) delta = -J^T r          (d = D^2, Moré's scaling)
 *
 * Two paths:
 * - 'cholesky' (fast): H = J^T J and g = J^T r accumulated by
 *   normal_accumulate_f64 once per Jacobian; for each lambda, damped_copy_f64
 *   + cholesky_f64 + cholesky_solve_f64 (H is kept, so retries are cheap).
 * - 'qr' (accurate, never squares cond(J)): pivoted Householder QR of J once
 *   per Jacobian, J P = Q R; for each lambda the small (k + n) x n augmented
 *   system [R; sqrt(lambda) D P] z = [-Q^T r; 0] is factored again by QR
 *   (the same least-squares problem as [J; sqrt(lambda) D] delta ~ [-r; 0],
 *   since rows of Q^T r beyond k do not depend on delta). Moré (1978) does
 *   this with Givens rotations; a second small QR is simpler and as stable.
 * - 'auto': Cholesky while the column-scaled H is well conditioned
 *   (estimated cond < 1e8 from the factor's diagonal), QR otherwise or when a
 *   Cholesky fails.
 *
 * All buffers are allocated once in the arena by the constructor (the caller
 * marks/releases around the whole solve); solve() allocates nothing.
 *
 * Internal helper, also meant for other second-order loops (neural-network LM):
 * `setSystem(J, r, columns)` then `solve(lambda, d, out)`.
 */
import { core, type Core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import type { LinearSolver } from "./options.js";

/** cond(D^-1 H D^-1) above this sends 'auto' to QR: the step then keeps ~8 digits either way. */
const AUTO_COND_LIMIT = 1e8;

export class StepSolver {
  readonly m: number;
  readonly n: number;
  readonly mode: LinearSolver;
  private readonly c: Core;
  /** free columns of the current system */
  nf = 0;
  /** solver of the current system */
  path: "qr" | "cholesky" = "cholesky";
  private qrReady = false;
  private cholReady = false;
  // arena pointers (bytes)
  private readonly pJ: number;
  private readonly pR: number;
  private readonly pH: number;
  private readonly pG: number;
  private readonly pA: number;
  private readonly pX: number;
  private readonly pD: number;
  private readonly pQ: number;
  private readonly pQtr: number;
  private readonly pTau: number;
  private readonly pTau2: number;
  private readonly pPiv: number;
  private readonly pPiv2: number;
  private readonly pWork: number;
  private readonly pAug: number;
  private readonly pRhs: number;
  /** rank found by the pivoted QR (lambda = 0 solves use only this many columns) */
  rank = 0;

  /** Allocates every buffer for systems of up to m rows and n columns. Call inside an arena mark/release. */
  constructor(m: number, n: number, mode: LinearSolver) {
    this.c = core();
    this.m = m;
    this.n = n;
    this.mode = mode;
    const k = Math.min(m, n);
    // One arena allocation carved into the buffers (each 16-aligned, the same layout as one
    // allocation per buffer): a fit pays one capacity check instead of sixteen.
    const sizes = [8 * m * n, 8 * m, 8 * n * n, 8 * n, 8 * n * n, 8 * n, 8 * n, 8 * m * n, 8 * m, 8 * n, 8 * n, 4 * n, 4 * n, 8 * (3 * n + 2), 8 * (k + n) * n, 8 * (k + n)];
    let total = 0;
    for (let i = 0; i < sizes.length; i++) total += Math.ceil(sizes[i] / 16) * 16;
    let p = this.c.arena.allocBytes(total);
    const ptrs: number[] = [];
    for (let i = 0; i < sizes.length; i++) {
      ptrs.push(p);
      p += Math.ceil(sizes[i] / 16) * 16;
    }
    this.pJ = ptrs[0];
    this.pR = ptrs[1];
    this.pH = ptrs[2];
    this.pG = ptrs[3];
    this.pA = ptrs[4];
    this.pX = ptrs[5];
    this.pD = ptrs[6];
    this.pQ = ptrs[7];
    this.pQtr = ptrs[8];
    this.pTau = ptrs[9];
    this.pTau2 = ptrs[10];
    this.pPiv = ptrs[11];
    this.pPiv2 = ptrs[12];
    this.pWork = ptrs[13]; // qr_f64 needs 3n (column norms x2 + row buffer)
    this.pAug = ptrs[14];
    this.pRhs = ptrs[15];
  }

  /**
   * Loads a system: J (row-major m x ncols, JS memory), r (m), and the list of
   * free columns (cols[0..nf-1]); the system is J restricted to those columns.
   */
  setSystem(J: Float64Array, ncols: number, r: Float64Array, cols: Int32Array, nf: number): void {
    const m = this.m;
    this.nf = nf;
    const f = this.view();
    const oJ = this.pJ >>> 3;
    if (nf === ncols) {
      // every column free (cols is then 0..n-1 in order): one block copy
      f.set(J.length === m * ncols ? J : J.subarray(0, m * ncols), oJ);
    } else {
      for (let i = 0; i < m; i++) {
        const src = i * ncols;
        const dst = oJ + i * nf;
        for (let j = 0; j < nf; j++) f[dst + j] = J[src + cols[j]];
      }
    }
    const oR = this.pR >>> 3;
    f.set(r.length === m ? r : r.subarray(0, m), oR);
    this.qrReady = false;
    this.cholReady = false;
    if (nf === 0) return;
    if (this.mode === "qr") {
      this.path = "qr";
    } else {
      this.accumulateNormal();
      this.path = this.mode === "cholesky" || this.wellConditioned() ? "cholesky" : "qr";
    }
  }

  private accumulateNormal(): void {
    const nf = this.nf;
    const f = this.view();
    const oH = this.pH >>> 3;
    const oG = this.pG >>> 3;
    f.fill(0, oH, oH + nf * nf);
    f.fill(0, oG, oG + nf);
    this.c.exports.normal_accumulate_f64(this.pH, nf, this.pG, this.pJ, nf, this.pR, 0, this.m, nf);
    this.cholReady = true;
  }

  /** Cholesky of the unit-diagonal scaled H; cond estimate (max L_ii / min L_ii)^2. */
  private wellConditioned(): boolean {
    const nf = this.nf;
    const f = this.view();
    const oH = this.pH >>> 3;
    const oA = this.pA >>> 3;
    const oX = this.pX >>> 3;
    for (let i = 0; i < nf; i++) {
      const h = f[oH + i * nf + i];
      if (!(h > 0) || !Number.isFinite(h)) return false;
      f[oX + i] = 1 / Math.sqrt(h);
    }
    for (let i = 0; i < nf; i++) for (let j = 0; j <= i; j++) f[oA + i * nf + j] = f[oH + i * nf + j] * f[oX + i] * f[oX + j];
    if (this.c.exports.cholesky_f64(this.pA, nf, nf) !== 0) return false;
    const g = this.view();
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < nf; i++) {
      const l = g[oA + i * nf + i];
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
    const ratio = hi / lo;
    return ratio * ratio < AUTO_COND_LIMIT;
  }

  private factorQr(): void {
    const { m, nf } = this;
    const f = this.view();
    const oJ = this.pJ >>> 3;
    const oQ = this.pQ >>> 3;
    f.copyWithin(oQ, oJ, oJ + m * nf);
    const oR = this.pR >>> 3;
    const oQtr = this.pQtr >>> 3;
    f.copyWithin(oQtr, oR, oR + m);
    const e = this.c.exports;
    e.qr_f64(this.pQ, nf, m, nf, this.pTau, this.pPiv, this.pWork, 1);
    const k = Math.min(m, nf);
    check("qr_apply_qt_f64", e.qr_apply_qt_f64(this.pQ, nf, m, k, this.pTau, this.pQtr, 1, 1));
    // numerical rank from the pivoted R's diagonal (Golub & Van Loan 5.4.2)
    const g = this.view();
    const r00 = Math.abs(g[oQ]);
    const tol = r00 * Math.max(m, nf) * 2.220446049250313e-16;
    let rank = 0;
    while (rank < k && Math.abs(g[oQ + rank * nf + rank]) > tol) rank++;
    this.rank = rank;
    this.qrReady = true;
  }

  /**
   * delta = -(J^T J + lambda diag(d))^{-1} J^T r on the free columns, written
   * to out[0..nf-1] (free-column order). d (length >= nf, free-column order)
   * must be positive when lambda > 0. With lambda = 0 a rank-deficient J gives
   * the basic solution on the independent columns (others 0).
   * Returns false only when the system could not be solved at all.
   */
  solve(lambda: number, d: Float64Array, out: Float64Array): boolean {
    const nf = this.nf;
    if (nf === 0) return true;
    this.lastLambda = lambda;
    if (this.path === "cholesky") {
      if (this.solveCholesky(lambda, d, out)) {
        this.lastPath = "cholesky";
        return true;
      }
      if (this.mode === "cholesky") return false;
      this.path = "qr";
    }
    this.lastPath = "qr";
    return this.solveQr(lambda, d, out);
  }

  /**
   * ||R^-T v||^2 for the triangular factor of the LAST successful solve with
   * lambda > 0 (R^T R = J^T J + lambda D^2: R = L^T on the Cholesky path, the
   * augmented QR's R on the QR path). v in free-column order. Moré's (1978)
   * derivative of ||D delta(lambda)|| needs it.
   */
  normInvRt(v: Float64Array): number {
    const nf = this.nf;
    const e = this.c.exports;
    let f = this.view();
    const oX = this.pX >>> 3;
    if (this.lastPath === "cholesky") {
      for (let j = 0; j < nf; j++) f[oX + j] = v[j];
      check("trsv_lower_f64", e.trsv_lower_f64(this.pA, nf, this.pX, nf, 0));
    } else {
      const piv = this.pivots();
      for (let j = 0; j < nf; j++) f[oX + j] = v[piv[j]];
      check("trsv_upper_f64", e.trsv_upper_f64(this.lastLambda === 0 ? this.pQ : this.pAug, nf, this.pX, nf, 1));
    }
    f = this.view();
    let s = 0;
    for (let j = 0; j < nf; j++) s += f[oX + j] * f[oX + j];
    return s;
  }

  /**
   * arena.f64, cached: the arena's getter reads memory.buffer (a runtime call) every time. Kernels
   * never grow memory; a growth by any allocation detaches the cached view (length 0), which is
   * the test for re-deriving it.
   */
  private fView: Float64Array | null = null;
  private view(): Float64Array {
    let v = this.fView;
    if (v === null || v.length === 0) v = this.fView = this.c.arena.f64;
    return v;
  }

  private pivView: Int32Array | null = null;
  private pivots(): Int32Array {
    // a growth of memory detaches the view (length 0): only then is it re-derived
    if (this.pivView === null || this.pivView.length === 0) this.pivView = new Int32Array(this.c.arena.memory.buffer, this.pPiv, this.n);
    return this.pivView;
  }

  /** which factor the last successful solve left behind ('qr' with lambda = 0 leaves none usable by normInvRt) */
  lastPath: "qr" | "cholesky" = "cholesky";
  /** lambda of the last successful solve */
  lastLambda = 0;

  private solveCholesky(lambda: number, d: Float64Array, out: Float64Array): boolean {
    const nf = this.nf;
    if (!this.cholReady) this.accumulateNormal();
    const e = this.c.exports;
    let f = this.view();
    const oD = this.pD >>> 3;
    for (let j = 0; j < nf; j++) f[oD + j] = d[j];
    check("damped_copy_f64", e.damped_copy_f64(this.pA, nf, this.pH, nf, nf, lambda, this.pD));
    if (e.cholesky_f64(this.pA, nf, nf) !== 0) return false;
    f = this.view();
    const oX = this.pX >>> 3;
    const oG = this.pG >>> 3;
    for (let j = 0; j < nf; j++) f[oX + j] = -f[oG + j];
    check("cholesky_solve_f64", e.cholesky_solve_f64(this.pA, nf, this.pX, nf));
    f = this.view();
    for (let j = 0; j < nf; j++) {
      const v = f[oX + j];
      if (!Number.isFinite(v)) return false;
      out[j] = v;
    }
    return true;
  }

  private solveQr(lambda: number, d: Float64Array, out: Float64Array): boolean {
    const { m, nf } = this;
    if (!this.qrReady) this.factorQr();
    const e = this.c.exports;
    const k = Math.min(m, nf);
    let f = this.view();
    const oQ = this.pQ >>> 3;
    const oQtr = this.pQtr >>> 3;
    const piv = this.pivots();
    const oX = this.pX >>> 3;
    if (lambda === 0) {
      const rank = this.rank;
      for (let j = 0; j < rank; j++) f[oX + j] = -f[oQtr + j];
      if (rank > 0) check("trsv_upper_f64", e.trsv_upper_f64(this.pQ, nf, this.pX, rank, 0));
      f = this.view();
      for (let j = 0; j < nf; j++) out[j] = 0;
      for (let j = 0; j < rank; j++) out[piv[j]] = f[oX + j];
    } else {
      const rows = k + nf;
      const oA = this.pAug >>> 3;
      f.fill(0, oA, oA + rows * nf);
      for (let i = 0; i < k; i++) for (let j = i; j < nf; j++) f[oA + i * nf + j] = f[oQ + i * nf + j];
      const sl = Math.sqrt(lambda);
      for (let j = 0; j < nf; j++) f[oA + (k + j) * nf + j] = sl * Math.sqrt(d[piv[j]]);
      const oRhs = this.pRhs >>> 3;
      for (let i = 0; i < k; i++) f[oRhs + i] = -f[oQtr + i];
      f.fill(0, oRhs + k, oRhs + rows);
      e.qr_f64(this.pAug, nf, rows, nf, this.pTau2, this.pPiv2, this.pWork, 0);
      check("qr_apply_qt_f64", e.qr_apply_qt_f64(this.pAug, nf, rows, nf, this.pTau2, this.pRhs, 1, 1));
      check("trsv_upper_f64", e.trsv_upper_f64(this.pAug, nf, this.pRhs, nf, 0));
      f = this.view();
      for (let j = 0; j < nf; j++) out[piv[j]] = f[oRhs + j];
    }
    for (let j = 0; j < nf; j++) if (!Number.isFinite(out[j])) return false;
    return true;
  }
}
