/**
 * The problem a user hands to `leastSquares`, and its validation.
 */
import { LsqError, describeValue } from "../errors.js";

/** m * n above this is an LsqError TOO_LARGE (the Jacobian and its QR copy must fit in 4 GiB of wasm memory). */
export const MAX_JACOBIAN_ENTRIES = 2 ** 27;

export interface Problem {
  /** m, the number of residuals */
  numResiduals: number;
  /**
   * Writes r(p) into out (length m) and returns nothing (or `true`; returning `out` itself is
   * accepted too). Returning `false` means "cannot be evaluated here" (the step is rejected and
   * the damping raised). Any other return value (an array of residuals, a number, ...) is an
   * LsqError INVALID_ARGUMENT: the residuals must be written into out.
   * p must not be modified.
   */
  residuals(p: Float64Array, out: Float64Array): boolean | void;
  /** Optional analytic Jacobian dr/dp, row-major m x n, written into out; returns like `residuals`. */
  jacobian?(p: Float64Array, out: Float64Array): boolean | void;
}

/** Checks the problem object and copies p0; throws LsqError naming the bad piece. */
export function validateProblem(problem: Problem, p0: ArrayLike<number>): { m: number; n: number; x0: Float64Array } {
  if (problem === null || typeof problem !== "object") {
    throw new LsqError("INVALID_ARGUMENT", `problem must be an object { numResiduals, residuals, jacobian? }, got ${describeValue(problem)}`);
  }
  const m = problem.numResiduals;
  if (typeof m !== "number" || !Number.isInteger(m) || m < 1) {
    throw new LsqError("INVALID_ARGUMENT", `problem.numResiduals must be a positive integer, got ${describeValue(m)}`);
  }
  if (typeof problem.residuals !== "function") {
    throw new LsqError("INVALID_ARGUMENT", `problem.residuals must be a function (p, out) => void | false, got ${describeValue(problem.residuals)}`);
  }
  if (problem.jacobian !== undefined && typeof problem.jacobian !== "function") {
    throw new LsqError("INVALID_ARGUMENT", `problem.jacobian must be a function (p, out) => void or undefined, got ${describeValue(problem.jacobian)}`);
  }
  if (p0 === null || typeof p0 !== "object" || typeof (p0 as ArrayLike<number>).length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `p0 must be an array of numbers, got ${describeValue(p0)}`);
  }
  const n = p0.length;
  if (n === 0) throw new LsqError("EMPTY_INPUT", "p0 is empty: there are no parameters to fit");
  // The m x n Jacobian (and its QR copy) live in wasm memory, at most 4 GiB: 2^27 entries
  // (1 GiB) per matrix is the largest problem that can be solved at all.
  if (m * n > MAX_JACOBIAN_ENTRIES) {
    throw new LsqError("INVALID_ARGUMENT", `problem.numResiduals = ${m} with ${n} parameters needs a ${m} x ${n} Jacobian (${m * n} entries); at most ${MAX_JACOBIAN_ENTRIES} entries fit in wasm memory`);
  }
  const x0 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = p0[j];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `p0[${j}] must be a finite number, got ${describeValue(v)}`);
    }
    x0[j] = v;
  }
  return { m, n, x0 };
}

/**
 * A callback's return value must be undefined, true or false (or `out` itself): anything else is
 * the scipy habit of returning the residuals instead of writing them into out, which would
 * otherwise leave out untouched and "converge" at p0.
 */
function checkReturn(v: unknown, out: Float64Array, what: "residuals" | "jacobian"): boolean {
  if (v === undefined || v === true || v === out) return true;
  if (v === false) return false;
  const shape = what === "residuals" ? "(length numResiduals)" : "(row-major numResiduals x n)";
  throw new LsqError(
    "INVALID_ARGUMENT",
    `problem.${what}(p, out) returned ${describeValue(v)}: write the ${what === "residuals" ? "residuals" : "Jacobian"} into out ${shape} and return nothing (or false when p cannot be evaluated)`,
  );
}

/** The user's problem with its callbacks' return values checked (see checkReturn). */
export function checkedProblem(problem: Problem): Problem {
  const checked: Problem = {
    numResiduals: problem.numResiduals,
    residuals: (p, out) => checkReturn(problem.residuals(p, out), out, "residuals"),
  };
  if (problem.jacobian) checked.jacobian = (p, out) => checkReturn(problem.jacobian!(p, out), out, "jacobian");
  return checked;
}
