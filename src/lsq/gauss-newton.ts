/**
 * Gauss-Newton with a backtracking (Armijo) line search: delta solves
 * min ||J delta + r|| (pivoted QR, or Cholesky of J^T J, lambda = 0; a
 * rank-deficient J gives the basic solution on its independent columns), then
 * alpha = 1, 1/2, 1/4, ... until cost(P(x + alpha delta)) <= cost + 1e-4 g^T d.
 */
import type { SolverState } from "./state.js";
import type { Termination } from "./summary.js";

const ARMIJO = 1e-4;
const MAX_HALVINGS = 50;

export function gaussNewton(s: SolverState): Termination {
  const o = s.o;
  for (;;) {
    if (s.linearize()) return "gradientTolerance";
    if (s.iterations >= o.maxIterations) return "maxIterations";
    if (s.outOfTime()) return "timeout";
    s.iterations++;
    if (!s.solver.solve(0, s.dFree, s.stepFree)) return "noProgress";
    let alpha = 1;
    let accepted = false;
    let stepNorm = 0;
    let actual = 0;
    const costBefore = s.cost;
    for (let h = 0; h < MAX_HALVINGS; h++, alpha *= 0.5) {
      stepNorm = s.makeTrial(alpha);
      if (s.parameterTestPasses(stepNorm)) return "parameterTolerance";
      if (s.residualEvaluations >= o.maxEvaluations) return "maxEvaluations";
      const slope = s.slope();
      if (!(slope < 0)) break;
      if (s.evaluateTrial() && s.costT <= s.cost + ARMIJO * slope) {
        actual = s.cost - s.costT;
        accepted = true;
        break;
      }
    }
    if (accepted) s.accept();
    if (s.recording && s.record({ costChange: actual, stepNorm, damping: alpha, gainRatio: NaN, accepted })) return "userStop";
    if (!accepted) return "noProgress";
    if (actual <= o.functionTolerance * costBefore) return "functionTolerance";
  }
}
