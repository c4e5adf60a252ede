/**
 * Options of `leastSquares` (and `curveFit`): types, the ONE frozen defaults
 * object, and validation into a resolved form the solver loops read.
 *
 * Every stopping option's TSDoc states the exact test it controls.
 */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import type { IterationInfo } from "./summary.js";

export type Method = "levenbergMarquardt" | "gaussNewton" | "dogleg";
export type LinearSolver = "qr" | "cholesky" | "auto";
export type FiniteDifference = "forward" | "central" | "adaptive";
export type Damping = "trustRegion" | "nielsen";
export type RobustLossName = "linear" | "huber" | "softL1" | "cauchy" | "arctan";

export interface LeastSquaresOptions {
  /** 'levenbergMarquardt' (default; Moré's trust-region LM with diagonal scaling, or Nielsen's damping: see `damping`), 'gaussNewton' (backtracking line search), 'dogleg' (Powell's dogleg trust region). */
  method?: Method;
  /**
   * How each step's linear system is solved. 'qr': Householder QR of the
   * augmented system [J; sqrt(lambda) D] (accurate: never squares cond(J)).
   * 'cholesky': Cholesky of J^T J + lambda D^2 accumulated in wasm (fast).
   * 'auto' (default): Cholesky while the scaled J^T J is well conditioned
   * (estimated cond < 1e8), QR otherwise and whenever Cholesky fails.
   */
  linearSolver?: LinearSolver;
  /**
   * Finite differences when the problem has no `jacobian`: 'forward' with
   * h_j = sqrt(eps) * max(|p_j|, typical_j), 'central' with h_j = cbrt(eps) * max(|p_j|, typical_j);
   * typical_j = |p0_j| (or 1 when p0_j = 0). Steps are relative, never a fixed absolute step.
   * 'adaptive' (default): forward while far from the solution, central from the first accepted step
   * that decreases the cost by less than 1e-5 * cost. Central differences give ~10 digits instead of
   * ~7-8 on the NIST StRD suite (mean LRE 9.65 vs 7.99, measured; see bench/README.md); 'adaptive'
   * keeps that accuracy with fewer evaluations.
   */
  jacobian?: FiniteDifference;
  /** Robust loss rho(z), z = (r / lossScale)^2 (scipy semantics); cost = 1/2 lossScale^2 sum rho(z). */
  loss?: RobustLossName;
  /** Soft margin between inlier and outlier residuals (scipy's f_scale). Default 1. */
  lossScale?: number;
  /** Lower bounds (length n; -Infinity = none). The result always satisfies lower <= x <= upper. */
  lower?: ArrayLike<number>;
  /** Upper bounds (length n; +Infinity = none). */
  upper?: ArrayLike<number>;
  /** Fixed parameters: a boolean mask of length n, or a list of indices. They keep their p0 value. */
  fixed?: ArrayLike<boolean> | ArrayLike<number>;
  /**
   * Stop ('functionTolerance') after an accepted step with 0 < (cost_old - cost_new) / cost_old <= functionTolerance
   * (0 disables this test), or after 20 consecutive accepted steps whose |cost change| <= 1e-12 cost, i.e. at
   * the rounding level of the cost (Levenberg-Marquardt's noise-floor rule, see levenberg-marquardt.ts).
   * Default 0: near a minimum the cost changes quadratically in the parameter error, so any relative cost
   * test stops at ~sqrt(eps)-limited parameters on large-residual problems (NIST ENSO: 6.5 digits with
   * 1e-15, 8+ with 0; suite mean 10.26 -> 10.58); the parameter test and the noise-floor rule end solves.
   */
  functionTolerance?: number;
  /** Stop ('parameterTolerance') when a step satisfies ||D delta|| <= parameterTolerance * (||D x|| + parameterTolerance), D = Moré's column scaling. 0 disables the test. */
  parameterTolerance?: number;
  /**
   * Stop ('gradientTolerance') when max_j |g_j| / (||J_:j|| * ||r||) <= gradientTolerance over free parameters
   * (the cosine of the angle between r and each column of J, MINPACK's gtol; scale invariant), or g = 0.
   */
  gradientTolerance?: number;
  /** Stop ('maxIterations', success false) after this many iterations (one iteration = one step computed and tried). */
  maxIterations?: number;
  /** Stop ('maxEvaluations', success false) after this many residual evaluations (finite-difference evaluations included). */
  maxEvaluations?: number;
  /** Stop ('timeout', success false) when the wall time since the start exceeds timeoutMs. */
  timeoutMs?: number;
  /**
   * Called after every iteration; returning 'stop' ends the solve ('userStop', success true when at least
   * one step was accepted). Any other return value than undefined or 'stop' (e.g. 'STOP', true) is an
   * LsqError INVALID_ARGUMENT naming onIteration and the value. An exception thrown by this callback (or
   * by problem.residuals / problem.jacobian / a curveFit model) propagates unchanged out of
   * leastSquares/curveFit; the wasm memory of the solve is released first (try/finally), nothing leaks.
   */
  onIteration?: (info: IterationInfo) => void | "stop";
  /**
   * How levenbergMarquardt picks lambda: 'trustRegion' (Moré 1978: radius on ||D delta||, lambda by
   * safeguarded Newton iterations) or 'nielsen' (Nielsen 1999: lambda *= max(1/3, 1 - (2 rho - 1)^3) on
   * success, lambda *= nu, nu *= 2 on failure, starting at initialDamping).
   */
  damping?: Damping;
  /** Initial lambda of the 'nielsen' damping (relative to the scaled diagonal D^2). */
  initialDamping?: number;
  /** Keep a per-iteration log in Summary.log. */
  log?: boolean;
}

/** The defaults, in one frozen object. Tolerances are tight on purpose: they are tested against the NIST StRD. */
export const LEAST_SQUARES_DEFAULTS = Object.freeze({
  method: "levenbergMarquardt" as Method,
  linearSolver: "auto" as LinearSolver,
  jacobian: "adaptive" as FiniteDifference,
  loss: "linear" as RobustLossName,
  lossScale: 1,
  functionTolerance: 0,
  parameterTolerance: 1e-15,
  gradientTolerance: 1e-15,
  maxIterations: 2000,
  maxEvaluations: 100000,
  timeoutMs: Infinity,
  damping: "trustRegion" as Damping,
  initialDamping: 1e-3,
  log: false,
});

export const LEAST_SQUARES_OPTION_KEYS: readonly string[] = [
  "method",
  "linearSolver",
  "jacobian",
  "loss",
  "lossScale",
  "lower",
  "upper",
  "fixed",
  "functionTolerance",
  "parameterTolerance",
  "gradientTolerance",
  "maxIterations",
  "maxEvaluations",
  "timeoutMs",
  "onIteration",
  "damping",
  "initialDamping",
  "log",
];

export interface ResolvedOptions {
  method: Method;
  linearSolver: LinearSolver;
  jacobian: FiniteDifference;
  loss: RobustLossName;
  lossScale: number;
  lower: Float64Array;
  upper: Float64Array;
  hasBounds: boolean;
  fixed: Uint8Array;
  functionTolerance: number;
  parameterTolerance: number;
  gradientTolerance: number;
  maxIterations: number;
  maxEvaluations: number;
  timeoutMs: number;
  onIteration: ((info: IterationInfo) => void | "stop") | undefined;
  damping: Damping;
  initialDamping: number;
  log: boolean;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], name: string): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new LsqError("INVALID_ARGUMENT", `options.${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(v)}`);
  }
  return v as T;
}

function nonNegative(v: unknown, name: string, allowInfinity = false): number {
  if (typeof v !== "number" || Number.isNaN(v) || v < 0 || (!allowInfinity && !Number.isFinite(v))) {
    throw new LsqError("INVALID_ARGUMENT", `options.${name} must be a non-negative ${allowInfinity ? "number" : "finite number"}, got ${describeValue(v)}`);
  }
  return v;
}

function positiveInteger(v: unknown, name: string): number {
  if (typeof v !== "number" || !(v >= 1) || (Number.isFinite(v) && !Number.isInteger(v))) {
    throw new LsqError("INVALID_ARGUMENT", `options.${name} must be a positive integer, got ${describeValue(v)}`);
  }
  return v;
}

function bound(v: ArrayLike<number> | undefined, n: number, name: string, fill: number): Float64Array {
  const out = new Float64Array(n).fill(fill);
  if (v === undefined) return out;
  if (v === null || typeof v !== "object" || typeof v.length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `options.${name} must be an array of ${n} numbers, got ${describeValue(v)}`);
  }
  if (v.length !== n) throw new LsqError("SHAPE_MISMATCH", `options.${name} has length ${v.length}, expected ${n} (one per parameter)`);
  for (let j = 0; j < n; j++) {
    const b = v[j];
    if (typeof b !== "number" || Number.isNaN(b)) throw new LsqError("INVALID_ARGUMENT", `options.${name}[${j}] must be a number (use ${fill} for none), got ${describeValue(b)}`);
    // lower = +Infinity or upper = -Infinity leaves no feasible value at all
    if (b === -fill) throw new LsqError("INVALID_ARGUMENT", `options.${name}[${j}] = ${b} leaves no feasible value (use ${fill} for none)`);
    out[j] = b;
  }
  return out;
}

function fixedMask(v: ArrayLike<boolean> | ArrayLike<number> | undefined, n: number): Uint8Array {
  const mask = new Uint8Array(n);
  if (v === undefined) return mask;
  if (v === null || typeof v !== "object" || typeof v.length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `options.fixed must be a boolean mask or a list of parameter indices, got ${describeValue(v)}`);
  }
  if (v.length > 0 && typeof v[0] === "boolean") {
    if (v.length !== n) throw new LsqError("SHAPE_MISMATCH", `options.fixed (boolean mask) has length ${v.length}, expected ${n}`);
    for (let j = 0; j < n; j++) {
      if (typeof v[j] !== "boolean") throw new LsqError("INVALID_ARGUMENT", `options.fixed[${j}] must be a boolean, got ${describeValue(v[j])}`);
      mask[j] = v[j] ? 1 : 0;
    }
    return mask;
  }
  for (let k = 0; k < v.length; k++) {
    const j = v[k] as unknown;
    if (typeof j !== "number" || !Number.isInteger(j) || j < 0 || j >= n) {
      throw new LsqError("INVALID_ARGUMENT", `options.fixed[${k}] must be a parameter index in [0, ${n - 1}], got ${describeValue(j)}`);
    }
    mask[j] = 1;
  }
  return mask;
}

/** Validates user options (unknown keys -> UNKNOWN_OPTION) and fills defaults. */
export function resolveOptions(options: LeastSquaresOptions | undefined, n: number, where = "leastSquares"): ResolvedOptions {
  checkOptionKeys(options, LEAST_SQUARES_OPTION_KEYS, where);
  const o = (options ?? {}) as LeastSquaresOptions;
  const d = LEAST_SQUARES_DEFAULTS;
  const pick = <K extends keyof typeof d>(k: K): (typeof d)[K] => ((o as Record<string, unknown>)[k] === undefined ? d[k] : ((o as Record<string, unknown>)[k] as (typeof d)[K]));
  const lower = bound(o.lower, n, "lower", -Infinity);
  const upper = bound(o.upper, n, "upper", Infinity);
  let hasBounds = false;
  for (let j = 0; j < n; j++) {
    if (!(lower[j] <= upper[j])) throw new LsqError("INVALID_ARGUMENT", `options.lower[${j}] = ${lower[j]} exceeds options.upper[${j}] = ${upper[j]}`);
    if (lower[j] > -Infinity || upper[j] < Infinity) hasBounds = true;
  }
  if (o.onIteration !== undefined && typeof o.onIteration !== "function") {
    throw new LsqError("INVALID_ARGUMENT", `options.onIteration must be a function, got ${describeValue(o.onIteration)}`);
  }
  const lossScale = nonNegative(pick("lossScale"), "lossScale");
  if (lossScale === 0) throw new LsqError("INVALID_ARGUMENT", "options.lossScale must be > 0, got 0");
  const log = pick("log");
  if (typeof log !== "boolean") throw new LsqError("INVALID_ARGUMENT", `options.log must be a boolean, got ${describeValue(log)}`);
  return {
    method: oneOf(pick("method"), ["levenbergMarquardt", "gaussNewton", "dogleg"], "method"),
    linearSolver: oneOf(pick("linearSolver"), ["qr", "cholesky", "auto"], "linearSolver"),
    jacobian: oneOf(pick("jacobian"), ["forward", "central", "adaptive"], "jacobian"),
    loss: oneOf(pick("loss"), ["linear", "huber", "softL1", "cauchy", "arctan"], "loss"),
    lossScale,
    lower,
    upper,
    hasBounds,
    fixed: fixedMask(o.fixed, n),
    functionTolerance: nonNegative(pick("functionTolerance"), "functionTolerance"),
    parameterTolerance: nonNegative(pick("parameterTolerance"), "parameterTolerance"),
    gradientTolerance: nonNegative(pick("gradientTolerance"), "gradientTolerance"),
    maxIterations: positiveInteger(pick("maxIterations"), "maxIterations"),
    maxEvaluations: positiveInteger(pick("maxEvaluations"), "maxEvaluations"),
    timeoutMs: nonNegative(pick("timeoutMs"), "timeoutMs", true),
    onIteration: o.onIteration,
    damping: oneOf(pick("damping"), ["trustRegion", "nielsen"], "damping"),
    initialDamping: nonNegative(pick("initialDamping"), "initialDamping"),
    log,
  };
}
