/**
 * Levenberg-Marquardt (Levenberg 1944, Marquardt 1963) with Moré's (1978)
 * diagonal scaling D (non-decreasing column norms of J). Each iteration solves
 * (J^T J + lambda D^2) delta = -J^T r (step-solver.ts), tries x + delta
 * (projected onto the box), and accepts it when the gain ratio
 * rho = actual / predicted reduction exceeds 1e-4. lambda comes from one of two
 * strategies (option `damping`): Nielsen's update (damping.ts) or Moré's
 * trust region (trust-region.ts).
 *
 * Noise floor: once the predicted decrease is below 1e-12 * cost, the cost's
 * own rounding (~ eps |f| sqrt(m) |r|) can no longer rank points, yet the
 * Gauss-Newton step (built from J^T r, whose rounding is far smaller) still
 * improves the parameters. Such a step is taken if it is shorter than the last
 * accepted one and the cost did not rise by more than 1e-12 * cost; 20 such
 * steps in a row end the solve ('functionTolerance': the cost has stopped
 * changing beyond rounding). This is what lifts NIST StRD results from
 * ~sqrt(eps)-limited digits to 9-11 digits.
 */
import { NielsenDamping } from "./damping.js";
import type { SolverState } from "./state.js";
import type { Termination } from "./summary.js";
import { MoreTrustRegion } from "./trust-region.js";

const ACCEPT_RATIO = 1e-4;
/** relative cost change treated as rounding noise (see the file comment) */
const NOISE = 1e-12;
/** this many consecutive accepted steps inside the noise band end the solve ('functionTolerance') */
const MAX_NOISE_STEPS = 20;
const EPS = 2.220446049250313e-16;

export function levenbergMarquardt(s: SolverState): Termination {
  const o = s.o;
  const nielsen = o.damping === "nielsen" ? new NielsenDamping(o.initialDamping) : null;
  const more = nielsen ? null : new MoreTrustRegion(s.n);
  let lastStepNorm = Infinity;
  let noiseSteps = 0;
  let frozenSteps = 0;
  for (;;) {
    if (s.linearize()) return "gradientTolerance";
    for (;;) {
      if (s.iterations >= o.maxIterations) return "maxIterations";
      if (s.outOfTime()) return "timeout";
      s.iterations++;
      let lambda: number;
      if (nielsen) {
        lambda = nielsen.lambda;
        if (!s.solver.solve(lambda, s.dFree, s.stepFree)) lambda = NaN;
      } else {
        lambda = more!.step(s);
      }
      if (Number.isNaN(lambda)) {
        if (nielsen) nielsen.rejected();
        else more!.failed();
        if (s.recording && s.record({ costChange: 0, stepNorm: NaN, damping: lambda, gainRatio: NaN, accepted: false })) return "userStop";
        // No solve worked (failed() shrank the radius): stop once the region is below one ulp of
        // ||D x|| (no step inside it could change x) instead of shrinking it ~500 times to 0.
        if (nielsen ? nielsen.exhausted : more!.exhausted || more!.radius <= EPS * s.xNorm) return "noProgress";
        continue;
      }
      const stepNorm = s.makeTrial(1);
      if (s.parameterTestPasses(stepNorm)) return "parameterTolerance";
      if (s.residualEvaluations >= o.maxEvaluations) return "maxEvaluations";
      let rho = NaN;
      let actual = NaN;
      let pred = NaN;
      let accepted = false;
      const costBefore = s.cost;
      if (s.evaluateTrial()) {
        actual = s.cost - s.costT;
        pred = s.predictedReduction(lambda);
        rho = pred > 0 ? actual / pred : actual > 0 ? 1 : -1;
        accepted = actual > 0 && rho > ACCEPT_RATIO;
        if (!accepted && pred <= NOISE * s.cost && actual >= -NOISE * s.cost && stepNorm < lastStepNorm) {
          accepted = true;
          rho = 1;
        }
        noiseSteps = accepted && Math.abs(actual) <= NOISE * s.cost ? noiseSteps + 1 : 0;
        // Accepted steps that leave the cost bit-identical, counted across the rejected trials in
        // between: an accept/reject cycle of ever so slightly shorter steps at an unchanging cost
        // (a Gaussian-peak fit collapsing to a spike) reset noiseSteps every other iteration and
        // ran to maxIterations.
        if (accepted) frozenSteps = actual === 0 ? frozenSteps + 1 : 0;
      }
      if (nielsen) {
        if (accepted) nielsen.accepted(rho);
        else nielsen.rejected();
      } else {
        more!.update(rho, actual / costBefore, pred / costBefore, stepNorm);
      }
      if (accepted) {
        s.accept();
        lastStepNorm = stepNorm;
      }
      if (s.recording && s.record({ costChange: accepted ? actual : 0, stepNorm, damping: lambda, gainRatio: rho, accepted })) return "userStop";
      if (accepted) {
        if (actual > 0 && actual <= o.functionTolerance * costBefore) return "functionTolerance";
        if (noiseSteps >= MAX_NOISE_STEPS || frozenSteps >= MAX_NOISE_STEPS) return "functionTolerance";
        break;
      }
      if (nielsen ? nielsen.exhausted : more!.exhausted) return "noProgress";
    }
  }
}
