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
   * Writes r(p) into out (length m). Returning `false` means "cannot be
   * evaluated here" (the step is rejected and the damping raised).
   * p must not be modified.
   */
  residuals(p: Float64Array, out: Float64Array): boolean | void;
  /** Optional analytic Jacobian dr/dp, row-major m x n, into out. */
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
