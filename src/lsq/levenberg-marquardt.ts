/**
 * Levenberg-Marquardt (Levenberg 1944, Marquardt 1963) with Moré's (1978)
 * diagonal scaling D (non-decreasing column norms of J) and Nielsen's damping
 * update. Each iteration solves (J^T J + lambda D^2) delta = -J^T r (see
 * step-solver.ts), tries x + delta (projected onto the box), and accepts it
 * when the gain ratio rho = actual / predicted reduction exceeds 1e-4.
 */
import { NielsenDamping } from "./damping.js";
import type { SolverState } from "./state.js";
import type { Termination } from "./summary.js";

const ACCEPT_RATIO = 1e-4;

export function levenbergMarquardt(s: SolverState): Termination {
  const o = s.o;
  const damping = new NielsenDamping(o.initialDamping);
  for (;;) {
    if (s.linearize()) return "gradientTolerance";
    for (;;) {
      if (s.iterations >= o.maxIterations) return "maxIterations";
      if (s.outOfTime()) return "timeout";
      const lambda = damping.lambda;
      s.iterations++;
      if (!s.solver.solve(lambda, s.dFree, s.stepFree)) {
        damping.rejected();
        if (s.record({ costChange: 0, stepNorm: NaN, damping: lambda, gainRatio: NaN, accepted: false })) return "userStop";
        if (damping.exhausted) return "noProgress";
        continue;
      }
      const stepNorm = s.makeTrial(1);
      if (s.parameterTestPasses(stepNorm)) return "parameterTolerance";
      if (s.residualEvaluations >= o.maxEvaluations) return "maxEvaluations";
      let rho = NaN;
      let actual = 0;
      let accepted = false;
      if (s.evaluateTrial()) {
        actual = s.cost - s.costT;
        const pred = s.predictedReduction(lambda);
        rho = pred > 0 ? actual / pred : actual > 0 ? 1 : -1;
        accepted = actual > 0 && rho > ACCEPT_RATIO;
      }
      const costBefore = s.cost;
      if (accepted) {
        s.accept();
        damping.accepted(rho);
      } else {
        damping.rejected();
      }
      if (s.record({ costChange: accepted ? actual : 0, stepNorm, damping: lambda, gainRatio: rho, accepted })) return "userStop";
      if (accepted) {
        if (actual <= o.functionTolerance * costBefore) return "functionTolerance";
        break;
      }
      if (damping.exhausted) return "noProgress";
    }
  }
}
