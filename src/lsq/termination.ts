/**
 * Human text for each termination: `reason` (which test fired, with numbers)
 * and `message` (reason + what to do when it is not a success).
 */
import type { ResolvedOptions } from "./options.js";
import type { Termination } from "./summary.js";

export function terminationText(t: Termination, o: ResolvedOptions, iterations: number, evaluations: number, timeMs: number): { reason: string; message: string } {
  let reason: string;
  let advice = "";
  switch (t) {
    case "functionTolerance":
      reason = `Function tolerance reached: |cost change| / cost <= ${o.functionTolerance}`;
      break;
    case "parameterTolerance":
      reason = `Parameter tolerance reached: ||D step|| <= ${o.parameterTolerance} * (||D x|| + ${o.parameterTolerance})`;
      break;
    case "gradientTolerance":
      reason = `Gradient tolerance reached: max_j |J_j^T r| / (||J_j|| ||r||) <= ${o.gradientTolerance}`;
      break;
    case "maxIterations":
      reason = `Maximum number of iterations reached (${iterations} >= maxIterations = ${o.maxIterations})`;
      advice = "Raise maxIterations or start closer to the solution.";
      break;
    case "maxEvaluations":
      reason = `Maximum number of residual evaluations reached (${evaluations} >= maxEvaluations = ${o.maxEvaluations})`;
      advice = "Raise maxEvaluations or provide an analytic jacobian.";
      break;
    case "timeout":
      reason = `Time limit reached (${timeMs.toFixed(1)} ms > timeoutMs = ${o.timeoutMs})`;
      advice = "Raise timeoutMs.";
      break;
    case "userStop":
      reason = "Stopped by onIteration returning 'stop'";
      break;
    case "noProgress":
      reason = "No further progress: no step could reduce the cost (damping exhausted or line search failed)";
      advice = "The returned point is the best one found; check the model, its jacobian, and whether residuals fail (return false / NaN) near it.";
      break;
    case "invalidJacobian":
      reason = "The Jacobian at the returned point could not be evaluated: problem.jacobian returned false or non-finite entries (finite differences were used for those columns), or finite differences failed because the residuals fail on both sides";
      advice = "A convergence test on such a Jacobian proves nothing. The returned point is the best one found; check the derivatives (e.g. x^b at x < 0, sqrt(a) at a = 0, log of a non-positive value) or bound the parameters away from where they break.";
      break;
    case "invalidResiduals":
      reason = "No step could be evaluated: every trial point since the last accepted one gave residuals that are false or non-finite, until the step became negligible";
      advice = "The returned point is the best one found; the model fails (returns false / NaN / Infinity) in every direction from it. Check the model or bound the parameters.";
      break;
    case "outOfRange":
      reason = "The problem is outside double range: the cost 1/2 sum r_i^2 at the returned point overflows to Infinity (the solve itself ran on internally rescaled residuals)";
      advice = "Rescale the residuals (e.g. divide by a typical magnitude, or use sigma) so that their squares fit in a double.";
      break;
  }
  return { reason, message: advice ? `${reason}. ${advice}` : reason };
}
