/**
 * curveFit(model, data, p0, options) -> FitResult: nonlinear curve fitting on
 * top of leastSquares, with fit statistics and an lmfit-style report.
 *
 * - model: `(x, p) => number | number[]` (x a number for one predictor, an
 *   array of predictor values for several; p an array, or an object by name
 *   when p0 is an object), or an expression string ("b1*exp(-b2*x) + b3")
 *   compiled with exact derivatives (src/models/expression.ts), or the name of
 *   a built-in model in `builtinModels` ("exponentialDecay", "gaussian", ...:
 *   its expression; an array p0 follows its `parameters` order and names).
 * - data: { x, y, sigma? }. x: number[] (one predictor "x"), number[][]
 *   (columns; predictors "x1", "x2", ...), or Record<string, number[]>
 *   (predictors named by the keys). y: number[], or number[][] rows of vector
 *   outputs (function models returning arrays). sigma: per-row (number[]) or
 *   the same shape as y.
 * - Residuals r_i = (f(x_i; p) - y_i) / sigma_i.
 * - sigma has scipy curve_fit's meaning: with absoluteSigma false (default)
 *   only relative weights matter and the covariance is scaled by the reduced
 *   chi-square; with absoluteSigma true, covariance = (J^T J)^-1 of the
 *   sigma-weighted J (sigma in y units).
 */
import { LsqError, describeValue } from "../errors.js";
import { inverseGaussNewton } from "../lsq/covariance.js";
import { FiniteDifferences } from "../lsq/finite-difference.js";
import { solveResolved, type FinalJacobian } from "../lsq/least-squares.js";
import { LEAST_SQUARES_OPTION_KEYS, resolveOptions, type LeastSquaresOptions, type ResolvedOptions } from "../lsq/options.js";
import type { Problem } from "../lsq/problem.js";
import type { Summary } from "../lsq/summary.js";
import { compileExpression, evaluateBatchFrozen, type CompiledExpression } from "./expression.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import { builtinModels } from "./builtins.js";

export type ModelFunction = (x: any, p: any) => number | ArrayLike<number>;

export interface CurveFitData {
  x: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Record<string, ArrayLike<number>>;
  y: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  sigma?: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
}

export interface CurveFitOptions extends Omit<LeastSquaresOptions, "lower" | "upper" | "fixed"> {
  /** Lower bounds: array in parameter order, or an object by parameter name (missing = -Infinity). */
  lower?: ArrayLike<number> | Record<string, number>;
  /** Upper bounds: array in parameter order, or an object by parameter name (missing = +Infinity). */
  upper?: ArrayLike<number> | Record<string, number>;
  /** Fixed parameters: boolean mask, indices, or parameter names. */
  fixed?: ArrayLike<boolean> | ArrayLike<number> | readonly string[];
  /** sigma in y units (true) or relative weights only (false, default; covariance scaled by the reduced chi-square). */
  absoluteSigma?: boolean;
  /** 'raise' (default): a non-finite x/y/sigma is an LsqError naming the row; 'omit': such rows are dropped. */
  nanPolicy?: "raise" | "omit";
}

export const CURVE_FIT_DEFAULTS = Object.freeze({ absoluteSigma: false, nanPolicy: "raise" as "raise" | "omit" });

/**
 * Summary (its `residuals` are the weighted residuals (f - y) / sigma at the solution) plus fit
 * statistics. The statistics use the plain (not robustified) weighted Jacobian at the solution,
 * also when a robust loss was used (like scipy's curve_fit).
 */
export interface FitResult extends Summary {
  /** parameter names (keys of p0, or b0, b1, ... for array p0) */
  parameterNames: string[];
  /** fitted parameters by name */
  params: Record<string, number>;
  /** n x n covariance (sigma-hat^2 (J^T J)^-1, see absoluteSigma); zero rows/columns for fixed parameters */
  covariance: number[][];
  stdErrors: Float64Array;
  correlation: number[][];
  /**
   * numerical rank of the weighted Jacobian at the solution (free columns; pivoted QR, |R_tt| >
   * max(m,n) eps |R_00|, of the column-scaled J when deficient). Below the number of free
   * parameters, those with a component in the numerical null space get stdError Infinity and a
   * `note` naming them; the others keep finite, exact standard errors.
   */
  rank: number;
  /** sum_i ((f_i - y_i) / sigma_i)^2 */
  chiSquare: number;
  reducedChiSquare: number;
  /** 1 - chiSquare / sum_i w_i (y_i - ybar_w)^2, w = 1 / sigma^2 */
  rSquared: number;
  /** N ln(chiSquare / N) + 2 k (lmfit's definition; N data points, k free parameters) */
  aic: number;
  /** N ln(chiSquare / N) + ln(N) k */
  bic: number;
  /** N - k */
  degreesOfFreedom: number;
  /** number of data points used (after nanPolicy 'omit') */
  numPoints: number;
  /**
   * Set when the statistics are degenerate: parameters not identifiable (rank-deficient Jacobian,
   * a Jacobian column exactly 0 or not finite: stdError Infinity, covariance row/column 0 with
   * Infinity on the diagonal, correlation 0); with no residual degrees of freedom (N <= k, sigma
   * not absolute) covariance has Infinity on the free diagonal and 0 elsewhere, stdErrors are
   * Infinity (never NaN), and this note says why (also printed by report()).
   */
  note?: string;
  /** model at new x (same forms as data.x; a single number/point gives a number) */
  predict(x: unknown): number | number[];
}

interface Prepared {
  names: string[] | null; // predictor names
  cols: Float64Array[];
  y: Float64Array; // m * k outputs, row-major
  w: Float64Array; // 1/sigma per residual
  rows: number;
  k: number; // outputs per row
  rowIndex: Int32Array; // original row of each kept row
  hasSigma: boolean;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v !== null && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number";
}

function prepareData(data: CurveFitData, nanPolicy: "raise" | "omit", expression: boolean): Prepared {
  if (data === null || typeof data !== "object") throw new LsqError("INVALID_ARGUMENT", `data must be { x, y, sigma? }, got ${describeValue(data)}`);
  checkOptionKeys(data, ["x", "y", "sigma"], "curveFit data");
  const { x, y, sigma } = data;
  let cols: ArrayLike<number>[];
  let names: string[] | null;
  if (isArrayLike(x)) {
    if (x.length > 0 && isArrayLike((x as ArrayLike<unknown>)[0])) {
      cols = Array.from(x as ArrayLike<ArrayLike<number>>);
      names = cols.length === 1 ? ["x"] : cols.map((_, j) => `x${j + 1}`);
    } else {
      cols = [x as ArrayLike<number>];
      names = ["x"];
    }
  } else if (x !== null && typeof x === "object") {
    names = Object.keys(x);
    cols = names.map((k) => (x as Record<string, ArrayLike<number>>)[k]);
    for (let j = 0; j < cols.length; j++) if (!isArrayLike(cols[j])) throw new LsqError("INVALID_ARGUMENT", `data.x.${names[j]} must be an array of numbers, got ${describeValue(cols[j])}`);
  } else {
    throw new LsqError("INVALID_ARGUMENT", `data.x must be an array, an array of columns, or an object of columns, got ${describeValue(x)}`);
  }
  if (!isArrayLike(y)) throw new LsqError("INVALID_ARGUMENT", `data.y must be an array of numbers, got ${describeValue(y)}`);
  const m = y.length;
  if (m === 0) throw new LsqError("EMPTY_INPUT", "data.y is empty");
  for (let j = 0; j < cols.length; j++) {
    if (cols[j].length !== m) {
      // x: [[x1, x2], [x1, x2], ...] (one row per data point, numpy's 2-D xdata transposed)
      const rowsHint = Array.isArray(x) && cols.length === m && cols.length > 1 ? "; data.x looks like rows; curveFit takes columns: x: [x1Values, x2Values]" : "";
      throw new LsqError("SHAPE_MISMATCH", `data.x${cols.length > 1 || !Array.isArray(x) ? ` column ${names ? names[j] : j}` : ""} has length ${cols[j].length} but data.y has length ${m}${rowsHint}`);
    }
  }
  const vector = isArrayLike((y as ArrayLike<unknown>)[0]);
  const k = vector ? (y as ArrayLike<ArrayLike<number>>)[0].length : 1;
  if (vector && expression) throw new LsqError("INVALID_ARGUMENT", "data.y has vector outputs (rows of arrays): an expression model gives one output; use a function model returning an array");
  if (sigma !== undefined && (!isArrayLike(sigma) || sigma.length !== m)) {
    throw new LsqError("SHAPE_MISMATCH", `data.sigma must have length ${m} like data.y, got ${describeValue(sigma)}`);
  }
  const keep: number[] = [];
  // one pass, no per-row allocation; rows are compacted in place when 'omit' drops some
  const yv = new Float64Array(m * k);
  const wv = new Float64Array(m * k);
  let kept = 0;
  for (let i = 0; i < m; i++) {
    let bad: string | null = null;
    for (let j = 0; j < cols.length && !bad; j++) {
      const v = cols[j][i];
      if (typeof v !== "number") throw new LsqError("INVALID_ARGUMENT", `data.x${cols.length > 1 ? `[${names![j]}]` : ""}[${i}] (row ${i}) must be a number, got ${describeValue(v)}`);
      if (!Number.isFinite(v)) bad = `data.x${cols.length > 1 ? ` column ${names![j]}` : ""} at row ${i} is ${describeValue(v)}`;
    }
    const yr = vector ? (y as ArrayLike<ArrayLike<number>>)[i] : null;
    if (vector && (!isArrayLike(yr) || yr.length !== k)) throw new LsqError("SHAPE_MISMATCH", `data.y[${i}] must be an array of ${k} outputs like data.y[0], got ${describeValue(yr)}`);
    const base = kept * k;
    for (let c = 0; c < k; c++) {
      const v = vector ? yr![c] : (y as ArrayLike<number>)[i];
      if (typeof v !== "number") throw new LsqError("INVALID_ARGUMENT", `data.y[${i}]${vector ? `[${c}]` : ""} (row ${i}) must be a number, got ${describeValue(v)}`);
      if (!bad && !Number.isFinite(v)) bad = `data.y at row ${i} is ${describeValue(v)}`;
      let sv = 1;
      if (sigma !== undefined) {
        const sr = (sigma as ArrayLike<unknown>)[i];
        sv = (isArrayLike(sr) ? (sr as ArrayLike<number>)[c] : sr) as number;
        if (typeof sv !== "number") throw new LsqError("INVALID_ARGUMENT", `data.sigma[${i}] (row ${i}) must be a number, got ${describeValue(sv)}`);
        if (!bad && !(Number.isFinite(sv) && sv > 0)) {
          if (Number.isFinite(sv)) throw new LsqError("INVALID_ARGUMENT", `data.sigma[${i}] (row ${i}) must be > 0, got ${sv}`);
          bad = `data.sigma at row ${i} is ${describeValue(sv)}`;
        }
      }
      yv[base + c] = v;
      wv[base + c] = 1 / sv;
    }
    if (bad) {
      if (nanPolicy === "raise") throw new LsqError("NON_FINITE", `${bad} (nanPolicy 'raise'; use nanPolicy: 'omit' to drop such rows)`);
      continue;
    }
    keep.push(i);
    kept++;
  }
  if (keep.length === 0) throw new LsqError("EMPTY_INPUT", "no data rows left after dropping non-finite values (nanPolicy 'omit')");
  const colsOut: Float64Array[] = [];
  for (let j = 0; j < cols.length; j++) {
    const c = cols[j];
    const out = new Float64Array(kept);
    for (let t = 0; t < kept; t++) out[t] = c[keep[t]];
    colsOut.push(out);
  }
  return { names, cols: colsOut, y: kept === m ? yv : yv.slice(0, kept * k), w: kept === m ? wv : wv.slice(0, kept * k), rows: kept, k, rowIndex: Int32Array.from(keep), hasSigma: sigma !== undefined };
}

function parameterSetup(p0: unknown): { names: string[]; x0: Float64Array; byName: boolean } {
  if (isArrayLike(p0)) {
    const n = p0.length;
    if (n === 0) throw new LsqError("EMPTY_INPUT", "p0 is empty: there are no parameters to fit");
    const x0 = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const v = (p0 as ArrayLike<unknown>)[j];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `p0[${j}] must be a finite number, got ${describeValue(v)}`);
      x0[j] = v;
    }
    return { names: Array.from({ length: n }, (_, j) => `b${j}`), x0, byName: false };
  }
  if (p0 !== null && typeof p0 === "object") {
    const names = Object.keys(p0);
    if (names.length === 0) throw new LsqError("EMPTY_INPUT", "p0 has no parameters");
    const x0 = new Float64Array(names.length);
    names.forEach((k, j) => {
      const v = (p0 as Record<string, unknown>)[k];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `p0.${k} must be a finite number, got ${describeValue(v)}`);
      x0[j] = v;
    });
    return { names, x0, byName: true };
  }
  throw new LsqError("INVALID_ARGUMENT", `p0 must be an array of numbers or an object { name: value }, got ${describeValue(p0)}`);
}

/** Whether `name` occurs in the expression source as a whole identifier. */
function mentions(source: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_$.])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_$])`).test(source);
}

function byNameArray(v: unknown, names: string[], what: string, fill: number): ArrayLike<number> | undefined {
  if (v === undefined || isArrayLike(v)) return v as ArrayLike<number> | undefined;
  if (v === null || typeof v !== "object") throw new LsqError("INVALID_ARGUMENT", `options.${what} must be an array or an object by parameter name, got ${describeValue(v)}`);
  for (const k of Object.keys(v)) if (!names.includes(k)) throw new LsqError("INVALID_ARGUMENT", `options.${what}.${k}: unknown parameter name (parameters: ${names.join(", ")})`);
  return names.map((k) => ((v as Record<string, number>)[k] === undefined ? fill : (v as Record<string, number>)[k]));
}

/**
 * Fits `model` to data (see the file comment). `model` may be a function, an expression string,
 * or a `builtinModels` name such as "exponentialDecay". Throws LsqError for bad input
 * (naming the argument and the data row); numerical trouble is in the result.
 */
export function curveFit(model: ModelFunction | string, data: CurveFitData, p0: number[] | Record<string, number> | ArrayLike<number>, options?: CurveFitOptions): FitResult {
  // scipy's curve_fit(f, xdata, ydata, p0) order: checked before options (which then holds p0)
  if (isArrayLike(data)) throw new LsqError("INVALID_ARGUMENT", `curveFit(model, data, p0): data must be { x, y[, sigma] }, got an array (${describeValue(data)}); scipy's curve_fit(f, xdata, ydata) becomes curveFit(f, { x: xdata, y: ydata }, p0)`);
  checkOptionKeys(options, [...LEAST_SQUARES_OPTION_KEYS, "absoluteSigma", "nanPolicy"], "curveFit");
  const o = (options ?? {}) as CurveFitOptions;
  const absoluteSigma = o.absoluteSigma ?? CURVE_FIT_DEFAULTS.absoluteSigma;
  const nanPolicy = o.nanPolicy ?? CURVE_FIT_DEFAULTS.nanPolicy;
  if (typeof absoluteSigma !== "boolean") throw new LsqError("INVALID_ARGUMENT", `options.absoluteSigma must be a boolean, got ${describeValue(absoluteSigma)}`);
  if (nanPolicy !== "raise" && nanPolicy !== "omit") throw new LsqError("INVALID_ARGUMENT", `options.nanPolicy must be 'raise' or 'omit', got ${describeValue(nanPolicy)}`);
  const isExpr = typeof model === "string";
  if (!isExpr && typeof model !== "function") throw new LsqError("INVALID_ARGUMENT", `model must be a function (x, p) => number or an expression string, got ${describeValue(model)}`);
  const setup = parameterSetup(p0);
  const { x0, byName } = setup;
  let names = setup.names;
  // a built-in model by name (as the CLI's --model): its expression, and its parameter names
  // for an array p0 (in builtinModels[name].parameters order)
  const builtin = isExpr && Object.prototype.hasOwnProperty.call(builtinModels, model) ? builtinModels[model as string] : null;
  const expression = builtin ? builtin.expression : (model as string);
  if (builtin && !byName) {
    if (x0.length !== builtin.parameters.length) throw new LsqError("SHAPE_MISMATCH", `p0 has ${x0.length} values but the built-in model '${builtin.name}' (${builtin.expression}) has ${builtin.parameters.length} parameters: ${builtin.parameters.join(", ")}`);
    names = builtin.parameters.slice();
  }
  const d = prepareData(data, nanPolicy, isExpr);
  const n = x0.length;
  const { rows, k, cols, y, w } = d;
  const m = rows * k;

  // options with names resolved
  let fixed = o.fixed as unknown;
  if (isArrayLike(fixed) && fixed.length > 0 && typeof (fixed as ArrayLike<unknown>)[0] === "string") {
    fixed = Array.from(fixed as ArrayLike<string>, (s) => {
      const j = names.indexOf(s);
      if (j < 0) throw new LsqError("INVALID_ARGUMENT", `options.fixed: unknown parameter name ${JSON.stringify(s)} (parameters: ${names.join(", ")})`);
      return j;
    });
  }
  // Copied key by key rather than spread-then-delete: `delete` turns the object into a slow
  // dictionary for every later lookup (resolveOptions).
  const lsqOptions: Record<string, unknown> = {};
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    if (key === "absoluteSigma" || key === "nanPolicy" || key === "lower" || key === "upper" || key === "fixed") continue;
    lsqOptions[key] = (o as Record<string, unknown>)[key];
  }
  const lower = byNameArray(o.lower, names, "lower", -Infinity);
  const upper = byNameArray(o.upper, names, "upper", Infinity);
  if (lower !== undefined) lsqOptions.lower = lower;
  if (upper !== undefined) lsqOptions.upper = upper;
  if (fixed !== undefined) lsqOptions.fixed = fixed;
  const ro = resolveOptions(lsqOptions as LeastSquaresOptions, n, "curveFit");
  // checked here (the solver would say p0[j]) so that bounds given by name are answered by name
  for (let j = 0; j < n; j++) {
    if (x0[j] < ro.lower[j] || x0[j] > ro.upper[j]) {
      throw new LsqError("INVALID_ARGUMENT", `${byName ? `p0.${names[j]}` : builtin ? `p0[${j}] (${names[j]})` : `p0[${j}]`} = ${x0[j]} is outside its bounds [${ro.lower[j]}, ${ro.upper[j]}]`);
    }
  }

  let evalModel: (p: Float64Array, out: Float64Array, jac?: Float64Array) => boolean;
  let hasJacobian = false;
  let expr: CompiledExpression | null = null;
  if (isExpr) {
    try {
      expr = compileExpression(expression, names, d.names!);
    } catch (e) {
      // a free name that is neither a parameter nor a predictor, with p0 by name: most likely a
      // parameter without a starting value (lmfit: "p0 has no value for ...")
      const u = e instanceof LsqError && e.code === "PARSE_ERROR" && byName ? /unknown name '([^']+)'/.exec(e.message) : null;
      if (u) {
        const unused = names.filter((nm) => !mentions(expression, nm));
        throw new LsqError("INVALID_ARGUMENT", `p0 has no value for parameter '${u[1]}' used in the expression ${JSON.stringify(expression)} (p0 has ${names.join(", ")}${unused.length ? `, of which ${unused.join(", ")} ${unused.length === 1 ? "is" : "are"} not in the expression: a misspelling?` : ""}; predictors: ${d.names!.join(", ")})`);
      }
      throw e;
    }
    // A p0 key the expression never mentions cannot be fitted (its column of J is 0 and its
    // "standard error" meaningless): bad input, like lmfit. Whole-identifier match in the source.
    for (const nm of names) {
      if (!mentions(expression, nm)) throw new LsqError("INVALID_ARGUMENT", `p0.${nm}: parameter '${nm}' does not appear in the expression ${JSON.stringify(expression)}, so it cannot be fitted (remove it from p0)`);
    }
    const e = expr;
    hasJacobian = true;
    evalModel = (p, out, jac) => {
      // cols are curveFit's own copies, never modified: the frozen path may reuse values
      evaluateBatchFrozen(e, p, cols, out, jac);
      return true;
    };
  } else {
    const f = model as ModelFunction;
    const multi = cols.length > 1;
    const point: number[] = new Array(cols.length).fill(0);
    const pObj: Record<string, number> = {};
    const pArr: number[] = new Array(n).fill(0);
    evalModel = (p, out) => {
      let pv: unknown;
      if (byName) {
        for (let j = 0; j < n; j++) pObj[names[j]] = p[j];
        pv = pObj;
      } else {
        for (let j = 0; j < n; j++) pArr[j] = p[j];
        pv = pArr;
      }
      for (let i = 0; i < rows; i++) {
        let xv: unknown;
        if (multi) {
          for (let c = 0; c < cols.length; c++) point[c] = cols[c][i];
          xv = point;
        } else xv = cols[0][i];
        const v = f(xv, pv);
        if (k === 1) {
          out[i] = typeof v === "number" ? v : NaN;
          if (typeof v !== "number") {
            throw new LsqError("INVALID_ARGUMENT", `model returned ${describeValue(v)} for data row ${d.rowIndex[i]}; it must return a number${Array.isArray(v) ? " (data.y has one output per row)" : ""}`);
          }
        } else {
          if (!isArrayLike(v) || v.length !== k) throw new LsqError("INVALID_ARGUMENT", `model returned ${describeValue(v)} for data row ${d.rowIndex[i]}; it must return an array of ${k} outputs like data.y rows`);
          for (let c = 0; c < k; c++) out[i * k + c] = (v as ArrayLike<number>)[c];
        }
      }
      return true;
    };
  }

  const problem: Problem = {
    numResiduals: m,
    residuals(p, out) {
      evalModel(p, out);
      for (let i = 0; i < m; i++) out[i] = (out[i] - y[i]) * w[i];
    },
  };
  if (hasJacobian) {
    const tmpF = new Float64Array(m);
    problem.jacobian = (p, out) => {
      evalModel(p, tmpF, out);
      if (d.hasSigma) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] *= w[i];
    };
  }
  const describeRow = (i: number): string => {
    const row = Math.floor(i / k);
    const xs = cols.map((c, j) => `${d.names![j]} = ${c[row]}`).join(", ");
    return ` (data row ${d.rowIndex[row]}${k > 1 ? `, output ${i % k}` : ""}: ${xs}, y = ${y[i]})`;
  };
  const J = new Float64Array(m * n);
  const finalJacobian: FinalJacobian = { J, valid: false };
  let summary: Summary;
  try {
    summary = solveResolved(problem, x0, m, ro, describeRow, finalJacobian);
  } catch (e) {
    // NaN at p0 from a one-predictor function model written as x[0] (x is then a number, so
    // x[0] is undefined): say so when calling it with [x] instead does give a number
    if (e instanceof LsqError && e.code === "NON_FINITE" && !isExpr && cols.length === 1 && k === 1 && / at the starting point /.test(e.message)) {
      let arrayWorks = false;
      try {
        const pv = byName ? Object.fromEntries(names.map((nm, j) => [nm, x0[j]])) : Array.from(x0);
        const v = (model as ModelFunction)([cols[0][0]], pv);
        arrayWorks = typeof v === "number" && Number.isFinite(v);
      } catch {
        // the probe is only a hint; the original error stands
      }
      if (arrayWorks) throw new LsqError("NON_FINITE", `${e.message}; with one predictor the model receives x as a number, not an array (write x, not x[0])`);
    }
    throw e;
  }

  // ---- statistics at the solution ------------------------------------------
  // summary.residuals are r(x) at the solution, and the solver's last Jacobian is reused when it
  // is the one a fresh evaluation would give (analytic, or central differences) at that point.
  const xs = summary.x;
  const r = summary.residuals;
  if (finalJacobian.valid) {
    // J already holds it
  } else if (problem.jacobian) problem.jacobian(xs, J);
  else {
    const typical = new Float64Array(n);
    for (let j = 0; j < n; j++) typical[j] = x0[j] !== 0 ? Math.abs(x0[j]) : 1;
    const fd = new FiniteDifferences(m, n, (p, out) => problem.residuals(p, out), typical, true);
    fd.jacobian(xs, r, J, ro.fixed, ro.lower, ro.upper);
  }
  // When the solve ran in internal units (residuals or parameters near the ends of double range,
  // e.g. sigma = 1e300), the statistics are formed there too: J~ = rs J diag(ps), r~ = rs r, and
  // cov = diag(ps) (chi~^2 / dof) (J~^T J~)^-1 diag(ps), which equals sigma-hat^2 (J^T J)^-1
  // exactly but neither under- nor overflows (rs cancels; it is the uniform-sigma invariance).
  const sc = finalJacobian.scaling;
  if (sc && !finalJacobian.valid) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) J[i * n + j] *= sc.rs * sc.ps[j];
  const rr = sc ? sc.r : r;
  // A derivative that is not finite at the solution (x^b at x < 0, sqrt(a) at a = 0; the
  // solver then reports 'invalidJacobian'): that column is left out (zeroed) and its parameter's
  // standard error is Infinity (unknown), so the others stay meaningful and nothing is NaN.
  // Likewise a column that is exactly 0 (the parameter has no effect on the model at the
  // solution): its variance is unbounded, not the 0 a pseudo-inverse would give it.
  const brokenColumns: number[] = [];
  const zeroColumns: number[] = [];
  for (let j = 0; j < n; j++) {
    if (ro.fixed[j]) continue;
    let broken = false;
    let zero = true;
    for (let i = 0; i < m && !broken; i++) {
      const v = J[i * n + j];
      broken = !Number.isFinite(v);
      if (v !== 0) zero = false;
    }
    if (broken) {
      brokenColumns.push(j);
      for (let i = 0; i < m; i++) J[i * n + j] = 0;
    } else if (zero) zeroColumns.push(j);
  }
  const freeIdx: number[] = [];
  for (let j = 0; j < n; j++) if (!ro.fixed[j]) freeIdx.push(j);
  const nf = freeIdx.length;
  let Jf = J;
  if (nf < n) {
    Jf = new Float64Array(m * nf);
    for (let i = 0; i < m; i++) for (let a = 0; a < nf; a++) Jf[i * nf + a] = J[i * n + freeIdx[a]];
  }
  let chiInternal = 0;
  for (let i = 0; i < m; i++) chiInternal += rr[i] * rr[i];
  const chiSquare = sc ? chiInternal / sc.rs / sc.rs : chiInternal;
  const dof = m - nf;
  const reducedChiSquare = dof > 0 ? chiSquare / dof : NaN;
  const absolute = absoluteSigma && d.hasSigma;
  const factor = absolute ? 1 : dof > 0 ? chiInternal / dof : NaN;
  const covariance: number[][] = [];
  for (let a = 0; a < n; a++) {
    const row: number[] = [];
    for (let b = 0; b < n; b++) row.push(0);
    covariance.push(row);
  }
  let rank = 0;
  const notIdentifiable: number[] = [];
  if (nf > 0) {
    const inv = inverseGaussNewton(Jf, m, nf);
    rank = inv.rank;
    for (const a of inv.notIdentifiable) {
      const j = freeIdx[a];
      if (!zeroColumns.includes(j) && !brokenColumns.includes(j)) notIdentifiable.push(j);
    }
    for (let a = 0; a < nf; a++) {
      for (let b = 0; b < nf; b++) {
        // internal units when sc (converted below, after the standard errors and correlations)
        covariance[freeIdx[a]][freeIdx[b]] = inv.inverse[a * nf + b] * factor;
      }
    }
  }
  let note = "";
  if (brokenColumns.length > 0) {
    note = `the derivative with respect to ${brokenColumns.map((j) => names[j]).join(", ")} is not finite at the solution: standard error Infinity (unknown), left out of the other parameters' covariance`;
    for (const a of brokenColumns) for (let b = 0; b < n; b++) covariance[a][b] = covariance[b][a] = a === b ? Infinity : 0;
  }
  if (zeroColumns.length > 0) {
    note = (note ? note + "; " : "") + `${zeroColumns.map((j) => names[j]).join(", ")} ${zeroColumns.length === 1 ? "has" : "have"} no effect on the model at the solution (Jacobian column exactly 0): not identifiable, standard error Infinity`;
    for (const a of zeroColumns) for (let b = 0; b < n; b++) covariance[a][b] = covariance[b][a] = a === b ? Infinity : 0;
  }
  if (notIdentifiable.length > 0) {
    // Rank-deficient J: these parameters have a component in its null space (e.g. a and b in
    // a*b*exp(-k*x) enter only through a*b): the data determine no value for them, so their
    // variance is unbounded (scipy: inf), not the pseudo-inverse's finite minimum-norm number.
    // The others keep their exact (reparametrisation-invariant) covariance.
    const nm = notIdentifiable.map((j) => names[j]).join(", ");
    note = (note ? note + "; " : "") + `${nm} ${notIdentifiable.length === 1 ? "is" : "are"} not identifiable at the solution (the Jacobian has rank ${rank} < ${nf} free parameters: ${notIdentifiable.length === 1 ? "it changes" : "they change"} the model only in combination with other parameters): standard error Infinity; fix or reparametrise to determine the rest`;
    for (const a of notIdentifiable) for (let b = 0; b < n; b++) covariance[a][b] = covariance[b][a] = a === b ? Infinity : 0;
  }
  if (nf > 0 && dof <= 0 && !(absoluteSigma && d.hasSigma)) {
    // sigma-hat^2 = chi^2 / (N - k) is undefined without residual degrees of freedom: the free
    // parameters' uncertainty is unbounded (Infinity on the diagonal, 0 correlation), never NaN.
    note = (note ? note + "; " : "") + `no residual degrees of freedom (${m} data points, ${nf} free parameters): the covariance scale chi^2 / (N - k) is undefined, so the standard errors are reported as Infinity`;
    for (const a of freeIdx) for (const b of freeIdx) covariance[a][b] = a === b ? Infinity : 0;
  }
  const stdErrors = new Float64Array(n);
  for (let j = 0; j < n; j++) stdErrors[j] = Math.sqrt(Math.max(0, covariance[j][j]));
  const correlation: number[][] = [];
  for (let a = 0; a < n; a++) {
    const row: number[] = [];
    for (let b = 0; b < n; b++) {
      const v = covariance[a][b];
      row.push(a === b ? (stdErrors[a] > 0 ? 1 : 0) : stdErrors[a] > 0 && stdErrors[b] > 0 ? v / (stdErrors[a] * stdErrors[b]) : 0);
    }
    correlation.push(row);
  }
  if (sc) {
    // back to user units: se_j = ps_j se~_j (times rs for absolute sigma); correlations are
    // invariant. A variance may overflow where its standard error does not (se ~1e200).
    const f = absolute ? sc.rs : 1;
    for (let a = 0; a < n; a++) {
      stdErrors[a] = stdErrors[a] * sc.ps[a] * f;
      for (let b = 0; b < n; b++) covariance[a][b] = covariance[a][b] * sc.ps[a] * sc.ps[b] * f * f;
    }
  }
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < m; i++) {
    const ww = w[i] * w[i];
    sw += ww;
    swy += ww * y[i];
  }
  const ybar = swy / sw;
  let tss = 0;
  for (let i = 0; i < m; i++) tss += w[i] * w[i] * (y[i] - ybar) ** 2;
  let rSquared = tss > 0 ? 1 - chiSquare / tss : NaN;
  const N = m;
  let logLike = N * Math.log(chiSquare / N);
  if (sc) {
    // the same in internal units: weights normalised by their largest, residuals times rs
    let wmax = 0;
    for (let i = 0; i < m; i++) wmax = Math.max(wmax, w[i]);
    let sn = 0;
    let sny = 0;
    for (let i = 0; i < m; i++) {
      const wn = (w[i] / wmax) ** 2;
      sn += wn;
      sny += wn * y[i];
    }
    const yb = sny / sn;
    let tssInternal = 0;
    for (let i = 0; i < m; i++) tssInternal += (w[i] * sc.rs * (y[i] - yb)) ** 2;
    rSquared = tssInternal > 0 ? 1 - chiInternal / tssInternal : NaN;
    logLike = N * (Math.log(chiInternal / N) - 2 * Math.log(sc.rs));
  }
  const aic = logLike + 2 * nf;
  const bic = logLike + Math.log(N) * nf;
  const params: Record<string, number> = {};
  names.forEach((nm, j) => (params[nm] = xs[j]));

  const predict = (xNew: unknown): number | number[] => predictAt(xNew, xs, names, byName, d.names!, cols.length, k, model, expr);
  // The summary object itself becomes the FitResult (same keys in the same order as a spread
  // copy, without copying ~20 properties per fit).
  const result = summary as FitResult;
  result.parameterNames = names;
  result.params = params;
  result.covariance = covariance;
  result.stdErrors = stdErrors;
  result.correlation = correlation;
  result.rank = rank;
  result.chiSquare = chiSquare;
  result.reducedChiSquare = reducedChiSquare;
  result.rSquared = rSquared;
  result.aic = aic;
  result.bic = bic;
  result.degreesOfFreedom = dof;
  result.numPoints = m;
  result.predict = predict;
  if (note) result.note = note;
  result.report = () => formatFitReport(result, x0, ro);
  return result;
}

function predictAt(xNew: unknown, p: Float64Array, names: string[], byName: boolean, predictors: string[], nPred: number, k: number, model: ModelFunction | string, expr: CompiledExpression | null): number | number[] {
  const one = (point: number[]): number => {
    if (expr) return expr.evaluate(p, point);
    const pv = byName ? Object.fromEntries(names.map((nm, j) => [nm, p[j]])) : Array.from(p);
    const v = (model as ModelFunction)(nPred === 1 ? point[0] : point, pv);
    if (k !== 1) throw new LsqError("INVALID_ARGUMENT", "predict: vector-output models: call your model directly with result.x");
    return v as number;
  };
  if (typeof xNew === "number") {
    if (nPred !== 1) throw new LsqError("INVALID_ARGUMENT", `predict: the model has ${nPred} predictors (${predictors.join(", ")}); pass an array of ${nPred} values or columns`);
    return one([xNew]);
  }
  if (isArrayLike(xNew)) {
    const arr = xNew as ArrayLike<unknown>;
    if (nPred === 1) return Array.from(arr as ArrayLike<number>, (v) => one([v]));
    if (arr.length > 0 && isArrayLike(arr[0])) {
      const c = arr as ArrayLike<ArrayLike<number>>;
      if (c.length !== nPred) throw new LsqError("SHAPE_MISMATCH", `predict: x has ${c.length} predictor column${c.length === 1 ? "" : "s"}, the model has ${nPred} (${predictors.join(", ")})`);
      for (let j = 1; j < nPred; j++) {
        if (!isArrayLike(c[j]) || c[j].length !== c[0].length) throw new LsqError("SHAPE_MISMATCH", `predict: x[${j}] (predictor ${predictors[j]}) must be a column of ${c[0].length} values like x[0], got ${describeValue(c[j])}`);
      }
      return Array.from({ length: c[0].length }, (_, i) => one(Array.from({ length: nPred }, (_, j) => c[j][i])));
    }
    if (arr.length !== nPred) throw new LsqError("SHAPE_MISMATCH", `predict: a single point needs ${nPred} predictor values (${predictors.join(", ")}), got ${arr.length}`);
    return one(Array.from(arr as ArrayLike<number>));
  }
  if (xNew !== null && typeof xNew === "object") {
    const rec = xNew as Record<string, ArrayLike<number>>;
    const c = predictors.map((nm) => {
      if (!isArrayLike(rec[nm])) throw new LsqError("INVALID_ARGUMENT", `predict: missing predictor column ${nm}`);
      return rec[nm];
    });
    return Array.from({ length: c[0].length }, (_, i) => one(c.map((col) => col[i])));
  }
  throw new LsqError("INVALID_ARGUMENT", `predict: x must be a number, an array, or columns, got ${describeValue(xNew)}`);
}

function g(v: number, digits = 7): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e7 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1);
}

/**
 * lmfit-style text. Says which robust loss (and lossScale) was used when not linear, marks
 * parameters fixed by options.fixed as "(fixed)", and flags a parameter that ended exactly on a
 * bound ("at lower bound"): the covariance there assumes an interior minimum, so its standard
 * error is not meaningful.
 */
function formatFitReport(f: FitResult, x0: Float64Array, o: ResolvedOptions): string {
  const L: string[] = [];
  L.push("[[Fit Statistics]]");
  L.push(`    # fitting method   = ${f.method}`);
  if (o.loss !== "linear") L.push(`    # loss             = ${o.loss} (lossScale ${g(o.lossScale)}; statistics from the plain weighted residuals)`);
  L.push(`    # function evals   = ${f.residualEvaluations}`);
  L.push(`    # data points      = ${f.numPoints}`);
  L.push(`    # variables        = ${f.numFreeParameters}`);
  L.push(`    chi-square         = ${g(f.chiSquare)}`);
  L.push(`    reduced chi-square = ${g(f.reducedChiSquare)}`);
  L.push(`    Akaike info crit   = ${g(f.aic)}`);
  L.push(`    Bayesian info crit = ${g(f.bic)}`);
  L.push(`    R-squared          = ${g(f.rSquared)}`);
  L.push("[[Variables]]");
  const w = Math.max(...f.parameterNames.map((s) => s.length)) + 1;
  f.parameterNames.forEach((nm, j) => {
    const v = f.x[j];
    const se = f.stdErrors[j];
    const fixed = o.fixed[j] === 1;
    const rel = v !== 0 && Number.isFinite(se) ? ` (${((100 * se) / Math.abs(v)).toFixed(2)}%)` : "";
    const atBound = fixed ? "" : v === o.lower[j] ? ` (at lower bound ${g(o.lower[j])}: stderr not meaningful)` : v === o.upper[j] ? ` (at upper bound ${g(o.upper[j])}: stderr not meaningful)` : "";
    L.push(`    ${(nm + ":").padEnd(w)} ${g(v).padStart(14)} ${fixed ? "(fixed)" : `+/- ${g(se, 5)}${rel}`} (init = ${g(x0[j])})${atBound}`);
  });
  if (f.note) L.push(`    note: ${f.note}`);
  const cors: [string, number][] = [];
  for (let a = 0; a < f.x.length; a++) for (let b = a + 1; b < f.x.length; b++) {
    const c = f.correlation[a][b];
    if (Math.abs(c) > 0.5) cors.push([`C(${f.parameterNames[a]}, ${f.parameterNames[b]})`, c]);
  }
  cors.sort((p, q) => Math.abs(q[1]) - Math.abs(p[1]));
  L.push("[[Correlations]] (unreported correlations are < 0.500)");
  const cw = Math.max(0, ...cors.map((c) => c[0].length));
  for (const [k, c] of cors) L.push(`    ${k.padEnd(cw)} = ${c >= 0 ? "+" : ""}${c.toFixed(4)}`);
  L.push("[[Termination]]");
  L.push(`    ${f.success ? "success" : "FAILED"}: ${f.termination} — ${f.reason}`);
  L.push(`    iterations ${f.iterations}, residual evaluations ${f.residualEvaluations}, jacobian evaluations ${f.jacobianEvaluations}, ${f.timeMs.toFixed(2)} ms`);
  return L.join("\n");
}
