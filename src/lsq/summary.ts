/**
 * What a solve returns: the Summary (what happened + numbers) and its
 * Ceres-FullReport-style `report()`; the termination reasons and their messages.
 */

/** Which test ended the solve. */
export type Termination =
  | "functionTolerance"
  | "parameterTolerance"
  | "gradientTolerance"
  | "maxIterations"
  | "maxEvaluations"
  | "timeout"
  | "userStop"
  | "noProgress"
  /** a convergence test fired, but the Jacobian at the returned point was broken: problem.jacobian returned false or non-finite entries (finite differences replaced those columns), or finite differences failed on both sides (success false) */
  | "invalidJacobian"
  /** the step became negligible only because every trial point since the last accepted one failed to evaluate (false / NaN / Infinity residuals; success false) */
  | "invalidResiduals"
  /** converged in internal (rescaled) units, but the cost in user units overflows double range: finalCost is Infinity (success false) */
  | "outOfRange";

/** Per-iteration information given to onIteration and kept in Summary.log. */
export interface IterationInfo {
  iteration: number;
  /** cost at the current (best accepted) point after this iteration */
  cost: number;
  /** cost change of this iteration's step (0 when rejected) */
  costChange: number;
  /** max_j |g_j| of the (robustified) gradient J^T r at the current point, free parameters */
  gradientMaxNorm: number;
  /** ||D delta|| of the step tried */
  stepNorm: number;
  /** damping lambda (LM), trust radius (dogleg) or step length (gaussNewton) used */
  damping: number;
  /** gain ratio actual / predicted cost reduction of the tried step (NaN when the trial could not be evaluated) */
  gainRatio: number;
  accepted: boolean;
  /** which linear solver produced the step */
  linearSolver: "qr" | "cholesky";
  residualEvaluations: number;
  timeMs: number;
}

export interface Summary {
  /** the best accepted point (never NaN) */
  x: Float64Array;
  /** true when a convergence test fired (function/parameter/gradient tolerance) or the user stopped after progress */
  success: boolean;
  termination: Termination;
  /** one line: which test fired, with its numbers */
  reason: string;
  /** longer human text (reason + advice when not successful) */
  message: string;
  method: "levenbergMarquardt" | "gaussNewton" | "dogleg";
  linearSolver: "qr" | "cholesky" | "auto";
  /** cost = 1/2 sum rho(r_i^2) at p0 */
  initialCost: number;
  finalCost: number;
  gradientMaxNorm: number;
  /** residuals r(x) (not robustified) at the returned point */
  residuals: Float64Array;
  numResiduals: number;
  numParameters: number;
  numFreeParameters: number;
  iterations: number;
  successfulIterations: number;
  residualEvaluations: number;
  jacobianEvaluations: number;
  timeMs: number;
  log?: IterationInfo[];
  report(): string;
}

export const SUCCESSFUL: Readonly<Record<Termination, boolean>> = Object.freeze({
  functionTolerance: true,
  parameterTolerance: true,
  gradientTolerance: true,
  maxIterations: false,
  maxEvaluations: false,
  timeout: false,
  userStop: true,
  noProgress: false,
  invalidJacobian: false,
  invalidResiduals: false,
  outOfRange: false,
});

function fmt(v: number, digits = 6): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e6 ? v.toPrecision(digits) : v.toExponential(digits - 1);
}

/** Ceres FullReport-style text. */
export function formatSummaryReport(s: Omit<Summary, "report">, o?: { loss: string; lossScale: number }): string {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`${k.padEnd(34)}${v}`);
  lines.push("lsqkit solver summary");
  lines.push("");
  row("Parameters", `${s.numParameters} (${s.numFreeParameters} free)`);
  row("Residuals", `${s.numResiduals}`);
  row("Minimizer", s.method);
  row("Linear solver", s.linearSolver);
  // the Summary does not carry the options: say which robust loss shaped the cost
  if (o && o.loss !== "linear") row("Loss", `${o.loss} (lossScale ${fmt(o.lossScale)})`);
  lines.push("");
  row("Cost:", "");
  row("  Initial", fmt(s.initialCost, 10));
  row("  Final", fmt(s.finalCost, 10));
  row("  Change", fmt(s.initialCost - s.finalCost, 10));
  row("Gradient max norm", fmt(s.gradientMaxNorm, 6));
  lines.push("");
  row("Iterations (successful)", `${s.iterations} (${s.successfulIterations})`);
  row("Residual evaluations", `${s.residualEvaluations}`);
  row("Jacobian evaluations", `${s.jacobianEvaluations}`);
  row("Total time (ms)", s.timeMs.toFixed(3));
  lines.push("");
  row("Termination", `${s.success ? "CONVERGENCE" : "NO_CONVERGENCE"} (${s.termination})`);
  lines.push(s.reason);
  if (!s.success && s.message !== s.reason) lines.push(s.message);
  return lines.join("\n");
}
