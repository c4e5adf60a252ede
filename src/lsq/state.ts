/**
 * The state every minimizer loop shares: current point, residuals, Jacobian
 * (analytic or finite differences), robust scaling, gradient, Moré's column
 * scaling D, the free set (fixed parameters and active bounds removed), the
 * trial point with box projection, the predicted reduction, counters, the log.
 *
 * Buffers are allocated once here; the loops only index into them.
 *
 * Bounds (choice documented): projection. A parameter at a bound whose
 * negative gradient points out of the box is frozen for the step (it joins
 * the fixed set); the step on the remaining free parameters is computed as if
 * unconstrained and the trial point is projected onto the box, so every point
 * ever evaluated, and the result, is inside [lower, upper]. The gain ratio of
 * a clipped step uses its own predicted reduction -g^T d - 1/2 ||J d||^2.
 */
import { LsqError, describeValue } from "../errors.js";
import { FiniteDifferences } from "./finite-difference.js";
import { robustCost, robustify } from "./loss.js";
import type { ResolvedOptions } from "./options.js";
import type { Problem } from "./problem.js";
import { StepSolver } from "./step-solver.js";
import type { IterationInfo } from "./summary.js";

/**
 * jacobian 'adaptive': forward differences until an accepted step decreases the cost by less than
 * this fraction, central differences from then on (Jacobian accuracy matters near the solution;
 * far from it forward differences halve the evaluations). Measured on NIST: same accuracy as
 * 'central' (mean LRE 9.49 vs 9.41), 22 % fewer evaluations on small Gaussian-peak fits.
 */
const ADAPTIVE_SWITCH = 1e-5;
const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Every m- and n-sized array of a solve. */
interface Buffers {
  m: number;
  n: number;
  x: Float64Array;
  xt: Float64Array;
  r: Float64Array;
  rt: Float64Array;
  J: Float64Array;
  Jw: Float64Array | null;
  rw: Float64Array | null;
  g: Float64Array;
  colNorm: Float64Array;
  D: Float64Array;
  free: Int32Array;
  dFree: Float64Array;
  stepFree: Float64Array;
  step: Float64Array;
  pEval: Float64Array;
  jv: Float64Array;
  fdR1: Float64Array;
  fdR2: Float64Array;
}

/**
 * The buffers of the last finished solve, reused by the next one of the same size: a loop of
 * many small fits then allocates none of them. (A Float64Array of more than 64 bytes costs
 * ~0.7 us in V8, and a solve has ~10 of them: a tenth of a small curve fit.) A solve started
 * while another runs (a model that fits inside its residuals) finds no spare and allocates.
 */
let spare: Buffers | null = null;

function takeBuffers(m: number, n: number, robust: boolean): Buffers {
  const b = spare;
  if (b !== null && b.m === m && b.n === n && (!robust || b.Jw !== null)) {
    spare = null;
    // zeroed like fresh arrays, so a reused solve is bit-identical to a fresh one
    for (const a of [b.x, b.xt, b.r, b.rt, b.J, b.g, b.colNorm, b.D, b.free, b.dFree, b.stepFree, b.step, b.pEval, b.jv, b.fdR1, b.fdR2]) a.fill(0);
    if (b.Jw) b.Jw.fill(0);
    if (b.rw) b.rw.fill(0);
    return b;
  }
  return {
    m,
    n,
    x: new Float64Array(n),
    xt: new Float64Array(n),
    r: new Float64Array(m),
    rt: new Float64Array(m),
    J: new Float64Array(m * n),
    Jw: robust ? new Float64Array(m * n) : null,
    rw: robust ? new Float64Array(m) : null,
    g: new Float64Array(n),
    colNorm: new Float64Array(n),
    D: new Float64Array(n),
    free: new Int32Array(n),
    dFree: new Float64Array(n),
    stepFree: new Float64Array(n),
    step: new Float64Array(n),
    pEval: new Float64Array(n),
    jv: new Float64Array(m),
    fdR1: new Float64Array(m),
    fdR2: new Float64Array(m),
  };
}

/** ||a[off], a[off + stride], ...|| (count entries) without over/underflow: max |a_i| * sqrt(sum (a_i / max)^2). */
function scaledNorm(a: Float64Array, off: number, stride: number, count: number): number {
  let amax = 0;
  for (let i = 0; i < count; i++) {
    const v = Math.abs(a[off + i * stride]);
    if (v !== v) return NaN;
    if (v > amax) amax = v;
  }
  if (!(amax > 0) || amax === Infinity) return amax;
  let ss = 0;
  for (let i = 0; i < count; i++) {
    const t = a[off + i * stride] / amax;
    ss += t * t;
  }
  return amax * Math.sqrt(ss);
}

export class SolverState {
  readonly m: number;
  readonly n: number;
  /** the options; bounds and lossScale are in internal units once start() rescaled the problem */
  o: ResolvedOptions;
  readonly x: Float64Array;
  readonly xt: Float64Array;
  readonly r: Float64Array;
  readonly rt: Float64Array;
  readonly J: Float64Array;
  /** robustified J and r (aliases of J and r for the linear loss) */
  readonly Jw: Float64Array;
  readonly rw: Float64Array;
  /** gradient J~^T r~ (all n; 0 for fixed) */
  readonly g: Float64Array;
  readonly colNorm: Float64Array;
  /** Moré's scaling: D_j = max over iterations of ||J~_:j|| (non-decreasing, MINPACK mode 1) */
  readonly D: Float64Array;
  readonly free: Int32Array;
  nf = 0;
  /** D_j^2 of the free parameters (free order) */
  readonly dFree: Float64Array;
  readonly stepFree: Float64Array;
  /** full-length step actually taken to the trial point: xt - x */
  readonly step: Float64Array;
  readonly solver: StepSolver;
  private fd: FiniteDifferences | null;
  private readonly pEval: Float64Array;
  private readonly tmp = new Float64Array(3);
  private readonly jv: Float64Array;
  /**
   * J holds the plain Jacobian at x exactly as a fresh evaluation would give it (analytic with
   * every entry finite, or central differences), so curveFit's statistics can reuse it.
   */
  jacobianAtX = false;
  /**
   * The last linearization had a free column that could not be evaluated: problem.jacobian
   * returned false / non-finite entries there, or finite differences failed on both sides.
   */
  jacobianInvalid = false;
  /** trial points since the last linearization whose residuals were finite / failed */
  trialsOk = 0;
  trialsFailed = 0;
  private fallbackFd: FiniteDifferences | null = null;
  cost = 0;
  costT = 0;
  initialCost = 0;
  gradientMaxNorm = 0;
  /** ||D x|| at the current point */
  xNorm = 0;
  /** whether the last trial step was clipped by the box */
  clipped = false;
  iterations = 0;
  successfulIterations = 0;
  residualEvaluations = 0;
  jacobianEvaluations = 0;
  readonly t0: number;
  readonly log: IterationInfo[] | undefined;
  private readonly buffers: Buffers;

  /** Hands the buffers back for the next solve of the same size (call once, after the last use of this state). */
  release(): void {
    spare = this.buffers;
  }

  constructor(
    readonly problem: Problem,
    x0: Float64Array,
    m: number,
    opts: ResolvedOptions,
  ) {
    this.t0 = now();
    const n = x0.length;
    this.m = m;
    this.n = n;
    this.o = opts;
    const robust = opts.loss !== "linear";
    const b = takeBuffers(m, n, robust);
    this.buffers = b;
    this.x = b.x;
    this.x.set(x0);
    this.xt = b.xt;
    this.r = b.r;
    this.rt = b.rt;
    this.J = b.J;
    this.Jw = robust ? b.Jw! : this.J;
    this.rw = robust ? b.rw! : this.r;
    this.g = b.g;
    this.colNorm = b.colNorm;
    this.D = b.D;
    this.free = b.free;
    this.dFree = b.dFree;
    this.stepFree = b.stepFree;
    this.step = b.step;
    this.pEval = b.pEval;
    this.jv = b.jv;
    this.log = opts.log ? [] : undefined;
    for (let j = 0; j < n; j++) {
      if (x0[j] < opts.lower[j] || x0[j] > opts.upper[j]) {
        throw new LsqError("INVALID_ARGUMENT", `p0[${j}] = ${x0[j]} is outside its bounds [${opts.lower[j]}, ${opts.upper[j]}]`);
      }
    }
    if (problem.jacobian) {
      this.fd = null;
    } else {
      const typical = new Float64Array(n);
      for (let j = 0; j < n; j++) typical[j] = x0[j] !== 0 ? Math.abs(x0[j]) : 1;
      this.fd = new FiniteDifferences(m, n, (p, out) => this.callResiduals(p, out), typical, opts.jacobian === "central", b.fdR1, b.fdR2);
    }
    this.solver = new StepSolver(m, n, opts.linearSolver);
  }

  get elapsedMs(): number {
    return now() - this.t0;
  }

  private callResiduals(p: Float64Array, out: Float64Array): boolean {
    this.residualEvaluations++;
    if (this.ps !== null) return this.callScaled(p, out);
    this.pEval.set(p);
    return this.problem.residuals(this.pEval, out) !== false;
  }

  /** residuals in internal units: the user sees p = ps .* u and its r is multiplied by rs */
  private callScaled(u: Float64Array, out: Float64Array): boolean {
    const ps = this.ps!;
    for (let j = 0; j < this.n; j++) this.pEval[j] = u[j] * ps[j];
    if (this.problem.residuals(this.pEval, out) === false) return false;
    const rs = this.rs;
    if (rs !== 1) for (let i = 0; i < this.m; i++) out[i] *= rs;
    return true;
  }

  /**
   * Internal units for problems outside the comfortable double range (choice documented here and
   * in leastSquares' TSDoc). When at p0 some |r_i| or |p0_j| is outside [2^-100, 2^100], the solve
   * runs on r~ = rs r and p = ps .* u with rs and ps_j powers of 2 (exact, no rounding):
   * rs ~ 1 / max|r(p0)| (1 / min(max|r(p0)|, lossScale) with a robust loss, whose lossScale is
   * scaled too) and ps_j ~ |p0_j|, or for p0_j = 0 ps_j ~ max|r(p0)| / ||J_:j(p0)|| (the
   * column norm computed scaled, by max|J_ij| sqrt(sum (J_ij / max)^2), so it neither overflows
   * nor underflows; 1 when the column is 0 or not finite); |log2 ps_j| <= 50 is left at 1. Then the cost,
   * the gradient and the column norms of the gradient test are all O(1) quantities, and cost
   * over/underflow (residuals ~1e160 or ~1e-170, parameters ~1e300, sigma ~1e300) no longer
   * stops the solve at p0. Results are converted back (x = ps .* u, r = r~ / rs, cost / rs^2);
   * a cost that overflows there is reported as 'outOfRange' (success false). Costs one extra
   * Jacobian at p0, only for such problems; every other problem runs exactly as before.
   */
  private chooseScaling(): void {
    const { m, n, x, r, J, o } = this;
    const BIG = 2 ** 100;
    const SMALL = 2 ** -100;
    let maxR = 0;
    for (let i = 0; i < m; i++) maxR = Math.max(maxR, Math.abs(r[i]));
    const maxAbsR = maxR;
    // With a robust loss the robustified residuals are of the order of min(|r|, lossScale)
    // (outliers are cut down to ~lossScale), so that is the magnitude to bring to 1.
    if (o.loss !== "linear" && maxR > o.lossScale) maxR = o.lossScale;
    let extreme = maxR > BIG || (maxR > 0 && maxR < SMALL);
    for (let j = 0; j < n && !extreme; j++) {
      const a = Math.abs(x[j]);
      if (a > BIG || (a > 0 && a < SMALL)) extreme = true;
    }
    if (!extreme) return;
    const eR = maxR > 0 ? -Math.round(Math.log2(maxR)) : 0;
    // the Jacobian at p0 in user units (its columns give the parameter scales)
    let ok = true;
    if (this.problem.jacobian) {
      this.jacobianEvaluations++;
      this.pEval.set(x);
      ok = this.problem.jacobian(this.pEval, J) !== false;
    } else {
      const typical = new Float64Array(n);
      for (let j = 0; j < n; j++) typical[j] = x[j] !== 0 ? Math.abs(x[j]) : 1;
      new FiniteDifferences(m, n, (p, out) => this.callResiduals(p, out), typical, false, this.buffers.fdR1, this.buffers.fdR2).jacobian(x, r, J, o.fixed, o.lower, o.upper);
    }
    const ps = new Float64Array(n);
    let any = eR !== 0;
    for (let j = 0; j < n; j++) {
      let amax = 0;
      for (let i = 0; ok && i < m; i++) {
        const v = Math.abs(J[i * n + j]);
        if (!(v <= Number.MAX_VALUE)) {
          amax = NaN;
          break;
        }
        if (v > amax) amax = v;
      }
      let e = 0;
      if (x[j] !== 0) e = Math.round(Math.log2(Math.abs(x[j])));
      else if (amax > 0) {
        // a parameter starting at 0: the unit of u_j changes the residuals by about max|r(p0)|
        let ss = 0;
        for (let i = 0; i < m; i++) {
          const t = J[i * n + j] / amax;
          ss += t * t;
        }
        e = Math.round((maxAbsR > 0 ? Math.log2(maxAbsR) : -eR) - Math.log2(amax) - 0.5 * Math.log2(ss));
      }
      if (Math.abs(e) <= 50) e = 0;
      e = Math.max(-1000, Math.min(1000, e));
      ps[j] = 2 ** e;
      if (e !== 0) any = true;
    }
    J.fill(0);
    if (!any) return;
    this.rs = 2 ** eR;
    this.ps = ps;
    for (let j = 0; j < n; j++) x[j] /= ps[j];
    for (let i = 0; i < m; i++) r[i] *= this.rs;
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      lower[j] = o.lower[j] / ps[j];
      upper[j] = o.upper[j] / ps[j];
    }
    this.o = { ...o, lower, upper, lossScale: o.lossScale * this.rs };
    if (this.fd) {
      // typical magnitudes stay those of the user's parameters (|p0_j|, or 1 when p0_j = 0), in
      // internal units: a parameter starting at 0 is still differenced with steps ~sqrt(eps) in p
      const typical = new Float64Array(n);
      for (let j = 0; j < n; j++) typical[j] = x[j] !== 0 ? Math.abs(x[j]) : 1 / ps[j];
      this.fd = new FiniteDifferences(m, n, (p, out) => this.callResiduals(p, out), typical, o.jacobian === "central", this.buffers.fdR1, this.buffers.fdR2);
    }
  }

  /** residual scale rs (r~ = rs r) and parameter scales ps (p = ps .* u; null = none) */
  rs = 1;
  ps: Float64Array | null = null;

  /** a cost in user units: cost~ / rs^2 (divided twice: rs^2 may under/overflow) */
  userCost(c: number): number {
    return this.rs === 1 ? c : c / this.rs / this.rs;
  }

  /** the current point in user units (fresh array) */
  userX(): Float64Array {
    const x = this.x.slice();
    if (this.ps !== null) for (let j = 0; j < this.n; j++) x[j] *= this.ps[j];
    return x;
  }

  /** the residuals at x in user units (fresh array) */
  userResiduals(): Float64Array {
    const r = this.r.slice();
    if (this.rs !== 1) for (let i = 0; i < this.m; i++) r[i] /= this.rs;
    return r;
  }

  /** max_j |g_j| in user units: g~_j = rs^2 ps_j g_j */
  userGradientMaxNorm(): number {
    if (this.ps === null) return this.gradientMaxNorm;
    let gmax = 0;
    for (let j = 0; j < this.n; j++) gmax = Math.max(gmax, Math.abs(this.g[j]) / this.rs / this.rs / this.ps[j]);
    return gmax;
  }

  /** r(p) into out; false when it returned false or any entry is not finite. */
  evaluate(p: Float64Array, out: Float64Array): boolean {
    if (!this.callResiduals(p, out)) return false;
    for (let i = 0; i < this.m; i++) if (!Number.isFinite(out[i])) return false;
    return true;
  }

  /** Evaluates at x0; a failure there is bad input (LsqError naming the residual). */
  start(describeRow: (i: number) => string): void {
    if (!this.callResiduals(this.x, this.r)) {
      throw new LsqError("NON_FINITE", "residuals returned false at the starting point p0: the model cannot be evaluated there");
    }
    for (let i = 0; i < this.m; i++) {
      const v = this.r[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new LsqError("NON_FINITE", `residual ${i}${describeRow(i)} is ${Number.isNaN(v) ? "NaN" : String(v)} at the starting point p0 = [${Array.from(this.x).join(", ")}]`);
      }
    }
    this.chooseScaling();
    this.cost = robustCost(this.o.loss, this.o.lossScale, this.r, this.m, this.tmp);
    this.initialCost = this.cost;
  }

  /**
   * Jacobian at x, robust scaling, gradient, scaling D, free set; loads the
   * linear system. Returns true when the gradient test fires.
   */
  linearize(): boolean {
    const { m, n, o, J, x } = this;
    // g and the column norms already computed from the final J~ (analytic path, linear loss)
    let sumsDone = false;
    this.jacobianEvaluations++;
    this.trialsOk = 0;
    this.trialsFailed = 0;
    if (this.fd) {
      // its residual evaluations are counted by callResiduals
      this.fd.jacobian(x, this.r, J, o.fixed, o.lower, o.upper);
      this.jacobianAtX = this.fd.central;
      this.jacobianInvalid = this.fd.failedColumns > 0;
    } else {
      const ps = this.ps;
      if (ps === null) this.pEval.set(x);
      else for (let j = 0; j < n; j++) this.pEval[j] = x[j] * ps[j];
      const ok = this.problem.jacobian!(this.pEval, J) !== false;
      if (ok && ps !== null) {
        // internal units: J~_ij = rs ps_j J_ij
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) J[i * n + j] *= this.rs * ps[j];
      }
      let clean = ok;
      let bad: Uint8Array | null = null;
      if (!ok) {
        bad = new Uint8Array(n).fill(1);
      } else if (o.loss === "linear" && this.columnSums()) {
        // every column's sum of squares is finite, so is every entry (a non-finite entry makes
        // its column's sum Infinity or NaN for good): no entry check needed, and the sums are done
        sumsDone = true;
      } else {
        // v - v is 0 exactly for finite v, NaN for +-Infinity and NaN (cheaper than Number.isFinite)
        for (let k = 0; k < m * n; k++) {
          const v = J[k];
          if (v - v !== 0) {
            J[k] = 0;
            clean = false;
            (bad ??= new Uint8Array(n))[k % n] = 1;
          }
        }
      }
      this.jacobianAtX = clean;
      this.jacobianInvalid = false;
      if (bad !== null) this.jacobianFallback(bad);
    }
    if (o.loss !== "linear") {
      this.Jw.set(J);
      this.rw.set(this.r);
      robustify(o.loss, o.lossScale, this.rw, this.Jw, m, n, this.tmp);
    }
    if (!sumsDone) this.columnSums();
    const Jw = this.Jw;
    const rw = this.rw;
    const g = this.g;
    const c = this.colNorm;
    let rr = 0;
    for (let i = 0; i < m; i++) {
      const ri = rw[i];
      rr += ri * ri;
    }
    // Sums of squares that over/underflow (residuals or columns beyond ~1e145 / below ~1e-145 that
    // the p0 rescaling did not foresee) are recomputed scaled, so the gradient test never fires on
    // an Infinity or 0 norm; the ordinary range keeps the plain (bit-identical) sums.
    const rnorm = rr < 1e290 && rr > 1e-290 ? Math.sqrt(rr) : scaledNorm(rw, 0, 1, m);
    let nf = 0;
    let gmax = 0;
    let cosMax = 0;
    let xn = 0;
    for (let j = 0; j < n; j++) {
      c[j] = c[j] < 1e290 && c[j] > 1e-290 ? Math.sqrt(c[j]) : scaledNorm(Jw, j, n, m);
      if (o.fixed[j]) {
        g[j] = 0;
        continue;
      }
      if (c[j] > this.D[j]) this.D[j] = c[j];
      const atLower = x[j] <= o.lower[j] && g[j] > 0;
      const atUpper = x[j] >= o.upper[j] && g[j] < 0;
      if (atLower || atUpper) continue;
      const dj = this.D[j] > 0 ? this.D[j] : 1;
      xn += (dj * x[j]) ** 2;
      this.free[nf] = j;
      this.dFree[nf] = dj * dj;
      nf++;
      const ag = Math.abs(g[j]);
      if (ag > gmax) gmax = ag;
      if (c[j] > 0 && rnorm > 0) {
        const den = c[j] * rnorm;
        const cs = den < Infinity ? ag / den : ag / c[j] / rnorm;
        if (cs > cosMax) cosMax = cs;
      }
    }
    this.nf = nf;
    this.xNorm = Math.sqrt(xn);
    this.gradientMaxNorm = gmax;
    this.solver.setSystem(Jw, n, rw, this.free, nf);
    return nf === 0 || gmax === 0 || cosMax <= o.gradientTolerance;
  }

  /**
   * g_j = sum_i Jw_ij rw_i and colNorm_j = sum_i Jw_ij^2 (squared; linearize takes the roots).
   * Returns true when every colNorm_j is finite. Column by column with the sums in locals (the
   * same order over i as a row sweep, so the same bits): V8 keeps them in registers.
   */
  private columnSums(): boolean {
    const { m, n, Jw, rw, g } = this;
    const c = this.colNorm;
    let finite = true;
    for (let j = 0; j < n; j++) {
      let gj = 0;
      let cj = 0;
      for (let k = j, i = 0; i < m; i++, k += n) {
        const v = Jw[k];
        gj += v * rw[i];
        cj += v * v;
      }
      g[j] = gj;
      c[j] = cj;
      if (cj - cj !== 0) finite = false;
    }
    return finite;
  }

  /**
   * problem.jacobian returned false or non-finite entries at x (bad[j] = 1 for the broken free
   * columns): those columns are replaced by central differences of the residuals (one-sided where
   * a side fails), so one bad evaluation (or a derivative singular only at x, like d sqrt(a)/da at
   * a = 0) does not stop the solve; a column that differences cannot give either is 0 (frozen for
   * this step). `jacobianInvalid` is set either way: a convergence test that fires on such a
   * Jacobian ends the solve as 'invalidJacobian' (success false, see least-squares.ts).
   */
  private jacobianFallback(bad: Uint8Array): void {
    const { m, n, o, J, x } = this;
    let any = false;
    for (let j = 0; j < n; j++) {
      if (o.fixed[j]) {
        if (bad[j]) for (let i = 0; i < m; i++) J[i * n + j] = 0;
        bad[j] = 0;
      } else if (bad[j]) any = true;
    }
    if (!any) return;
    this.jacobianInvalid = true;
    if (this.fallbackFd === null) {
      const typical = new Float64Array(n);
      for (let j = 0; j < n; j++) typical[j] = x[j] !== 0 ? Math.abs(x[j]) : this.ps !== null ? 1 / this.ps[j] : 1;
      this.fallbackFd = new FiniteDifferences(m, n, (p, out) => this.callResiduals(p, out), typical, true);
    }
    const keep = J.slice();
    const skip = new Uint8Array(n);
    for (let j = 0; j < n; j++) skip[j] = bad[j] ? 0 : 1;
    this.fallbackFd.jacobian(x, this.r, J, skip, o.lower, o.upper);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (!bad[j]) J[i * n + j] = keep[i * n + j];
  }

  /**
   * Trial point xt = P(x + alpha * stepFree) (P = projection onto the box);
   * sets `step` = xt - x and `clipped`. Returns ||D (xt - x)||.
   */
  makeTrial(alpha: number): number {
    const { n, x, xt, step, o } = this;
    xt.set(x);
    step.fill(0);
    let clipped = false;
    let s = 0;
    for (let k = 0; k < this.nf; k++) {
      const j = this.free[k];
      let v = x[j] + alpha * this.stepFree[k];
      if (v < o.lower[j]) {
        v = o.lower[j];
        clipped = true;
      } else if (v > o.upper[j]) {
        v = o.upper[j];
        clipped = true;
      }
      xt[j] = v;
      step[j] = v - x[j];
      s += this.dFree[k] * step[j] * step[j];
    }
    void n;
    this.clipped = clipped;
    return Math.sqrt(s);
  }

  /** Evaluates the trial point; costT. False when it cannot be evaluated. */
  evaluateTrial(): boolean {
    if (!this.evaluate(this.xt, this.rt)) {
      this.trialsFailed++;
      return false;
    }
    this.trialsOk++;
    this.costT = robustCost(this.o.loss, this.o.lossScale, this.rt, this.m, this.tmp);
    return Number.isFinite(this.costT);
  }

  /** ||J~ step||^2 of the last modelTerms() call */
  private jj = 0;
  /** g^T step of the last modelTerms() call */
  private gs = 0;

  /** ||J~ step||^2 and g^T step for the current `step` (into this.jj, this.gs; no allocation). */
  private modelTerms(): void {
    const { m, n, Jw, step, jv, free, nf, g } = this;
    let jj = 0;
    if (nf === n) {
      // every column free (free[k] = k): the same sums without the index indirection
      for (let i = 0, off = 0; i < m; i++, off += n) {
        let s = 0;
        for (let j = 0; j < n; j++) s += Jw[off + j] * step[j];
        jv[i] = s;
        jj += s * s;
      }
    } else {
      for (let i = 0, off = 0; i < m; i++, off += n) {
        let s = 0;
        for (let k = 0; k < nf; k++) {
          const j = free[k];
          s += Jw[off + j] * step[j];
        }
        jv[i] = s;
        jj += s * s;
      }
    }
    let gs = 0;
    for (let k = 0; k < nf; k++) {
      const j = free[k];
      gs += g[j] * step[j];
    }
    this.jj = jj;
    this.gs = gs;
  }

  /**
   * Predicted cost reduction of `step` by the Gauss-Newton model.
   * For an unclipped LM step (J^T J + lambda D^2) d = -g this is
   * 1/2 ||J d||^2 + lambda ||D d||^2 (Moré 1978, no cancellation); otherwise
   * -g^T d - 1/2 ||J d||^2.
   */
  predictedReduction(lambda: number | null): number {
    this.modelTerms();
    const jj = this.jj;
    const gs = this.gs;
    if (lambda !== null && !this.clipped) {
      let dd = 0;
      for (let k = 0; k < this.nf; k++) {
        const j = this.free[k];
        dd += this.dFree[k] * this.step[j] * this.step[j];
      }
      return 0.5 * jj + lambda * dd;
    }
    return -gs - 0.5 * jj;
  }

  /** g^T step (directional derivative of the cost along `step`). */
  slope(): number {
    let gs = 0;
    for (let k = 0; k < this.nf; k++) {
      const j = this.free[k];
      gs += this.g[j] * this.step[j];
    }
    return gs;
  }

  accept(): void {
    this.jacobianAtX = false;
    if (this.fd && this.o.jacobian === "adaptive" && !this.fd.central && this.cost - this.costT < ADAPTIVE_SWITCH * this.cost) this.fd.central = true;
    this.x.set(this.xt);
    this.r.set(this.rt);
    this.cost = this.costT;
    this.successfulIterations++;
  }

  /** whether record() does anything (callers skip building its argument otherwise) */
  get recording(): boolean {
    return !!this.o.onIteration || !!this.log;
  }

  /** Records the iteration; returns true when onIteration asked to stop. */
  record(info: Omit<IterationInfo, "iteration" | "cost" | "gradientMaxNorm" | "residualEvaluations" | "timeMs" | "linearSolver">): boolean {
    const o = this.o;
    if (!o.onIteration && !this.log) return false;
    const full: IterationInfo = {
      iteration: this.iterations,
      cost: this.userCost(this.cost),
      gradientMaxNorm: this.ps === null ? this.gradientMaxNorm : this.userGradientMaxNorm(),
      residualEvaluations: this.residualEvaluations,
      timeMs: this.elapsedMs,
      linearSolver: this.solver.path,
      ...info,
    };
    if (this.log) this.log.push(full);
    if (!o.onIteration) return false;
    // Only undefined (go on) and 'stop' are meaningful; anything else ('STOP', true, a promise)
    // is a bug in the callback, reported rather than silently ignored.
    const ret = o.onIteration(full) as unknown;
    if (ret === undefined) return false;
    if (ret === "stop") return true;
    throw new LsqError("INVALID_ARGUMENT", `options.onIteration returned ${describeValue(ret)} at iteration ${full.iteration}; it must return undefined or 'stop'`);
  }

  parameterTestPasses(stepNorm: number): boolean {
    const tol = this.o.parameterTolerance;
    return tol > 0 && stepNorm <= tol * (this.xNorm + tol);
  }

  outOfTime(): boolean {
    return this.o.timeoutMs !== Infinity && this.elapsedMs > this.o.timeoutMs;
  }
}
