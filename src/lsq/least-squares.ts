/**
 * leastSquares(problem, p0, options) -> Summary: validation, the wasm arena
 * scope, dispatch to the minimizer, and the Summary.
 */
import { LsqError } from "../errors.js";
import { core } from "../wasm/module.js";
import { dogleg } from "./dogleg.js";
import { gaussNewton } from "./gauss-newton.js";
import { levenbergMarquardt } from "./levenberg-marquardt.js";
import { resolveOptions, type LeastSquaresOptions, type ResolvedOptions } from "./options.js";
import { checkedProblem, validateProblem, type Problem } from "./problem.js";
import { SolverState } from "./state.js";
import { SUCCESSFUL, formatSummaryReport, type Summary, type Termination } from "./summary.js";
import { terminationText } from "./termination.js";

/** Internal entry used by curveFit: already-resolved options and a row describer for error messages. */
/** curveFit's request for the Jacobian at the solution: filled (and `valid` set) when the solver's last one is at x. */
export interface FinalJacobian {
  J: Float64Array;
  valid: boolean;
  /**
   * Set when the solve ran in internal units (see SolverState.chooseScaling): J then holds
   * J~ = rs J diag(ps) and `r` the residuals r~ = rs r at the solution, so statistics can be
   * formed without over/underflow.
   */
  scaling?: { rs: number; ps: Float64Array; r: Float64Array };
}

export function solveResolved(problem: Problem, x0: Float64Array, m: number, o: ResolvedOptions, describeRow: (i: number) => string = () => "", finalJacobian?: FinalJacobian): Summary {
  const n = x0.length;
  let nFree = 0;
  for (let j = 0; j < n; j++) if (!o.fixed[j]) nFree++;
  if (o.method === "gaussNewton" && nFree > m) {
    throw new LsqError("TOO_FEW_ROWS", `gaussNewton needs at least as many residuals as free parameters: ${m} residuals < ${nFree} free parameters (use levenbergMarquardt)`);
  }
  const { arena } = core();
  const mark = arena.mark();
  try {
    const s = new SolverState(problem, x0, m, o);
    s.start(describeRow);
    let termination: Termination;
    if (nFree === 0) {
      s.linearize();
      termination = "gradientTolerance";
    } else if (o.method === "gaussNewton") termination = gaussNewton(s);
    else if (o.method === "dogleg") termination = dogleg(s);
    else termination = levenbergMarquardt(s);
    if (finalJacobian && s.jacobianAtX && s.jacobianEvaluations > 0) {
      finalJacobian.J.set(s.J);
      finalJacobian.valid = true;
    }
    if (finalJacobian && s.ps !== null) finalJacobian.scaling = { rs: s.rs, ps: s.ps.slice(), r: s.r.slice() };
    // A convergence test proves nothing when the Jacobian it used was broken, or when the step
    // only became negligible because every trial point failed to evaluate: report that instead.
    if (SUCCESSFUL[termination] && termination !== "userStop") {
      if (s.jacobianInvalid) termination = "invalidJacobian";
      else if (termination === "parameterTolerance" && s.trialsFailed > 0 && s.trialsOk === 0) termination = "invalidResiduals";
    }
    const finalCost = s.userCost(s.cost);
    if (SUCCESSFUL[termination] && !Number.isFinite(finalCost)) termination = "outOfRange";
    const timeMs = s.elapsedMs;
    const { reason, message } = terminationText(termination, o, s.iterations, s.residualEvaluations, timeMs);
    let success = SUCCESSFUL[termination];
    if (termination === "userStop") success = s.successfulIterations > 0;
    const body: Omit<Summary, "report"> = {
      x: s.userX(), // a fresh copy (slice is a block copy; Float64Array.from iterates)
      success,
      termination,
      reason,
      message,
      method: o.method,
      linearSolver: o.linearSolver,
      initialCost: s.userCost(s.initialCost),
      finalCost,
      gradientMaxNorm: s.userGradientMaxNorm(),
      residuals: s.userResiduals(),
      numResiduals: m,
      numParameters: n,
      numFreeParameters: nFree,
      iterations: s.iterations,
      successfulIterations: s.successfulIterations,
      residualEvaluations: s.residualEvaluations,
      jacobianEvaluations: s.jacobianEvaluations,
      timeMs,
    };
    if (s.log) body.log = s.log;
    s.release();
    // report added to body itself (same keys, same order as a spread copy, no copy)
    const summary = body as Summary;
    summary.report = () => formatSummaryReport(body, o);
    return summary;
  } finally {
    arena.release(mark);
  }
}

/**
 * Minimizes cost(p) = 1/2 sum_i rho(r_i(p)^2) from p0 (see LeastSquaresOptions).
 * Throws LsqError only for bad input (including a non-finite residual at p0);
 * numerical trouble is reported in the Summary (success false):
 * - 'invalidJacobian': problem.jacobian returned false or non-finite entries at the returned point
 *   (those columns are replaced by finite differences for that evaluation, so a Jacobian broken at
 *   a single point does not stop the solve), or finite differences failed on both sides of it;
 * - 'invalidResiduals': every trial point since the last accepted one failed to evaluate;
 * - 'outOfRange': the cost at the returned point overflows double range.
 * Exceptions thrown by the user's callbacks propagate unchanged; the wasm arena is released first.
 */
export function leastSquares(problem: Problem, p0: ArrayLike<number>, options?: LeastSquaresOptions): Summary {
  const { m, x0 } = validateProblem(problem, p0);
  const o = resolveOptions(options, x0.length, "leastSquares");
  return solveResolved(checkedProblem(problem), x0, m, o);
}
