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
  }
  return { reason, message: advice ? `${reason}. ${advice}` : reason };
}
