/**
 * Powell's dogleg trust-region method (Powell 1970; Nocedal & Wright ch. 4)
 * in the scaled norm ||D delta|| (Moré's D). The Gauss-Newton step solves
 * min ||J delta + r|| (lambda = 0; a tiny damping is used when J is singular);
 * the Cauchy step is -a D^-2 g with a = ||D^-1 g||^2 / ||J D^-2 g||^2; the
 * dogleg path joins them and is cut at the radius Delta.
 * Radius update: rho < 1/4 -> Delta = ||D delta|| / 4; rho > 3/4 -> Delta = max(Delta, 2 ||D delta||).
 */
import type { SolverState } from "./state.js";
import type { Termination } from "./summary.js";

const ACCEPT_RATIO = 1e-4;

export function dogleg(s: SolverState): Termination {
  const o = s.o;
  const n = s.n;
  const gn = new Float64Array(n);
  const sd = new Float64Array(n);
  let radius = -1;
  for (;;) {
    if (s.linearize()) return "gradientTolerance";
    const nf = s.nf;
    if (radius < 0) radius = s.xNorm > 0 ? 100 * s.xNorm : 100;
    // Gauss-Newton step (free order); fall back to a slightly damped one if singular
    if (!s.solver.solve(0, s.dFree, gn) && !s.solver.solve(1e-12, s.dFree, gn)) return "noProgress";
    // Cauchy step: sd = -a D^-2 g
    let gDg = 0;
    for (let k = 0; k < nf; k++) {
      const j = s.free[k];
      sd[k] = s.g[j] / s.dFree[k];
      gDg += s.g[j] * sd[k];
    }
    let jj = 0;
    for (let i = 0; i < s.m; i++) {
      let v = 0;
      for (let k = 0; k < nf; k++) v += s.Jw[i * n + s.free[k]] * sd[k];
      jj += v * v;
    }
    const a = jj > 0 ? gDg / jj : 0;
    for (let k = 0; k < nf; k++) sd[k] *= -a;
    let gnNorm = 0;
    let sdNorm = 0;
    for (let k = 0; k < nf; k++) {
      gnNorm += s.dFree[k] * gn[k] * gn[k];
      sdNorm += s.dFree[k] * sd[k] * sd[k];
    }
    gnNorm = Math.sqrt(gnNorm);
    sdNorm = Math.sqrt(sdNorm);
    for (;;) {
      if (s.iterations >= o.maxIterations) return "maxIterations";
      if (s.outOfTime()) return "timeout";
      s.iterations++;
      const st = s.stepFree;
      if (gnNorm <= radius) {
        for (let k = 0; k < nf; k++) st[k] = gn[k];
      } else if (sdNorm >= radius || !(sdNorm > 0)) {
        const f = sdNorm > 0 ? radius / sdNorm : 0;
        for (let k = 0; k < nf; k++) st[k] = f * sd[k];
      } else {
        // ||D (sd + t (gn - sd))|| = radius, t in (0, 1)
        let aa = 0;
        let bb = 0;
        for (let k = 0; k < nf; k++) {
          const dk = gn[k] - sd[k];
          aa += s.dFree[k] * dk * dk;
          bb += s.dFree[k] * sd[k] * dk;
        }
        const cc = sdNorm * sdNorm - radius * radius;
        const disc = Math.sqrt(Math.max(0, bb * bb - aa * cc));
        // numerically stable root of aa t^2 + 2 bb t + cc = 0 with t > 0
        const t = bb > 0 ? -cc / (bb + disc) : (disc - bb) / aa;
        for (let k = 0; k < nf; k++) st[k] = sd[k] + t * (gn[k] - sd[k]);
      }
      const stepNorm = s.makeTrial(1);
      if (s.parameterTestPasses(stepNorm)) return "parameterTolerance";
      if (s.residualEvaluations >= o.maxEvaluations) return "maxEvaluations";
      let rho = NaN;
      let actual = 0;
      let accepted = false;
      if (s.evaluateTrial()) {
        actual = s.cost - s.costT;
        const pred = s.predictedReduction(null);
        rho = pred > 0 ? actual / pred : actual > 0 ? 1 : -1;
        accepted = actual > 0 && rho > ACCEPT_RATIO;
      }
      const costBefore = s.cost;
      const usedRadius = radius;
      if (!(rho >= 0.25)) radius = stepNorm / 4;
      else if (rho > 0.75) radius = Math.max(radius, 2 * stepNorm);
      if (accepted) s.accept();
      if (s.recording && s.record({ costChange: accepted ? actual : 0, stepNorm, damping: usedRadius, gainRatio: rho, accepted })) return "userStop";
      if (accepted) {
        if (actual <= o.functionTolerance * costBefore) return "functionTolerance";
        break;
      }
      if (!(radius > 0)) return "noProgress";
    }
  }
}
