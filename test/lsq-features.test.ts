// Bounds, fixed parameters, robust losses, finite differences, memory reuse.
// References: closed forms (1-D / active-set linear least squares), an
// independent fit on outlier-free data, and analytic derivatives.
import { describe, expect, it } from "vitest";
import { leastSquares } from "../src/lsq/least-squares.js";
import { FiniteDifferences } from "../src/lsq/finite-difference.js";
import type { Problem } from "../src/lsq/problem.js";
import { core } from "../src/wasm/module.js";
import { close, minLre } from "./helpers/lre.js";
import { loadNist } from "./helpers/nist.js";
import { nistExpressionProblem } from "./helpers/nist-problems.js";

// line y = a + b x on x = 0..9 with y = 1 + 2 x exactly
const X = Array.from({ length: 10 }, (_, i) => i);
function lineProblem(y: number[]): Problem {
  return {
    numResiduals: y.length,
    residuals(p, out) {
      for (let i = 0; i < y.length; i++) out[i] = p[0] + p[1] * X[i] - y[i];
    },
    jacobian(_p, J) {
      for (let i = 0; i < y.length; i++) {
        J[2 * i] = 1;
        J[2 * i + 1] = X[i];
      }
    },
  };
}
const Y = X.map((x) => 1 + 2 * x);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe("bounds", () => {
  it("active upper bound matches the closed form and every evaluated point is inside", () => {
    const base = lineProblem(Y);
    const seen: number[][] = [];
    const p: Problem = { ...base, residuals: (q, o) => (seen.push(Array.from(q)), base.residuals(q, o)) };
    for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
      seen.length = 0;
      const s = leastSquares(p, [0, 0], { upper: [Infinity, 1.5], method });
      // b fixed at its bound 1.5 -> a = mean(y - 1.5 x) (1-D least squares)
      expect(s.x[1]).toBe(1.5);
      expect(close(s.x[0], mean(X.map((x, i) => Y[i] - 1.5 * x)), 1e-12, 1e-12)).toBe(true);
      expect(seen.every((q) => q[1] <= 1.5)).toBe(true);
      expect(s.success, `${method}: ${s.reason}`).toBe(true);
    }
  });

  it("active lower bound on a one-parameter model", () => {
    // r_i = b x_i - y_i with y = 2x: the unconstrained b = 2 is below the bound 3
    const p: Problem = { numResiduals: 10, residuals: (q, o) => X.forEach((x, i) => (o[i] = q[0] * x - 2 * x)) };
    const s = leastSquares(p, [5], { lower: [3] });
    expect(s.x[0]).toBe(3);
  });

  it("inactive bounds do not change the answer", () => {
    const s = leastSquares(lineProblem(Y), [0, 0], { lower: [-10, -10], upper: [10, 10] });
    expect(close(s.x[0], 1, 1e-12, 1e-12)).toBe(true);
    expect(close(s.x[1], 2, 1e-12)).toBe(true);
  });
});

describe("fixed parameters", () => {
  it("a fixed parameter keeps its p0 value; the rest is the conditional closed form", () => {
    for (const fixed of [[false, true], [1]]) {
      const s = leastSquares(lineProblem(Y), [0, 1.8], { fixed });
      expect(s.x[1]).toBe(1.8);
      expect(close(s.x[0], mean(X.map((x, i) => Y[i] - 1.8 * x)), 1e-12)).toBe(true);
      expect(s.numFreeParameters).toBe(1);
    }
  });
});

describe("robust losses", () => {
  // data on y = 1 + 2x with small deterministic noise, and one gross outlier at x = 7
  const noisy = X.map((x) => 1 + 2 * x + 0.05 * Math.sin(3 * x));
  const withOutlier = noisy.slice();
  withOutlier[7] += 30;
  const clean = (() => {
    const keepX = X.filter((_, i) => i !== 7);
    const keepY = noisy.filter((_, i) => i !== 7);
    const p: Problem = {
      numResiduals: keepX.length,
      residuals: (q, o) => keepX.forEach((x, i) => (o[i] = q[0] + q[1] * x - keepY[i])),
    };
    return leastSquares(p, [0, 0]).x;
  })();

  for (const loss of ["huber", "softL1", "cauchy", "arctan"] as const) {
    it(`${loss} down-weights the outlier (close to the fit without it)`, () => {
      const linear = leastSquares(lineProblem(withOutlier), [0, 0]).x;
      const robust = leastSquares(lineProblem(withOutlier), [0, 0], { loss, lossScale: 0.1 });
      const errRobust = Math.abs(robust.x[1] - clean[1]);
      const errLinear = Math.abs(linear[1] - clean[1]);
      expect(errRobust).toBeLessThan(errLinear / 10);
      expect(errRobust).toBeLessThan(0.02);
      expect(robust.success, robust.reason).toBe(true);
    });
  }

  it("robust cost uses scipy's convention: cost = 1/2 s^2 sum rho((r/s)^2)", () => {
    // one residual r = p - 0 at p0 = 3, huber with s = 1: z = 9 > 1, rho = 2 sqrt(z) - 1 = 5 -> cost 2.5
    const p: Problem = { numResiduals: 1, residuals: (q, o) => void (o[0] = q[0]) };
    const s = leastSquares(p, [3], { loss: "huber", lossScale: 1, maxIterations: 1 });
    expect(s.initialCost).toBe(2.5);
  });
});

describe("finite differences", () => {
  const t = [0.5, 1, 2, 4];
  const model: Problem = {
    numResiduals: 4,
    residuals: (p, o) => t.forEach((x, i) => (o[i] = p[0] * Math.exp(-p[1] * x) + p[2] / (1 + x))),
    jacobian: (p, J) =>
      t.forEach((x, i) => {
        J[3 * i] = Math.exp(-p[1] * x);
        J[3 * i + 1] = -p[0] * x * Math.exp(-p[1] * x);
        J[3 * i + 2] = 1 / (1 + x);
      }),
  };
  for (const central of [false, true]) {
    it(`${central ? "central" : "forward"} differences agree with the analytic Jacobian (relative steps)`, () => {
      // parameters of different scales (steps relative to each); error bounds from
      // truncation h |r''| plus rounding eps |r| / h with |r| ~ 2e3
      const p = Float64Array.from([2e3, 0.7, 5]);
      const r = new Float64Array(4);
      model.residuals(p, r);
      const J = new Float64Array(12);
      const Ja = new Float64Array(12);
      model.jacobian!(p, Ja);
      const fd = new FiniteDifferences(4, 3, (q, o) => model.residuals(q, o), Float64Array.from([2e3, 0.7, 5]), central);
      const evals = fd.jacobian(p, r, J, new Uint8Array(3), new Float64Array(3).fill(-Infinity), new Float64Array(3).fill(Infinity));
      expect(evals).toBe(central ? 6 : 3);
      for (let k = 0; k < 12; k++) expect(close(J[k], Ja[k], central ? 1e-8 : 1e-5, central ? 1e-7 : 1e-4), `${k}: ${J[k]} vs ${Ja[k]}`).toBe(true);
    });
  }
  it("'adaptive' and 'central' reach the analytic-Jacobian answer", () => {
    const data = t.map((x) => 2 * Math.exp(-0.7 * x) + 0.3 / (1 + x) + 0.01 * Math.sin(9 * x));
    const noJ: Problem = { numResiduals: 4, residuals: (p, o) => (model.residuals(p, o), t.forEach((_, i) => (o[i] -= data[i]))) };
    const withJ: Problem = { ...noJ, jacobian: model.jacobian };
    const exact = leastSquares(withJ, [1, 1, 1]).x;
    const c = leastSquares(noJ, [1, 1, 1], { jacobian: "central" });
    const a = leastSquares(noJ, [1, 1, 1], { jacobian: "adaptive" });
    for (let j = 0; j < 3; j++) {
      expect(close(a.x[j], exact[j], 1e-9)).toBe(true);
      expect(close(c.x[j], exact[j], 1e-9)).toBe(true);
    }
  });

  it("a fit without a jacobian matches the fit with it", () => {
    const data = t.map((x) => 2 * Math.exp(-0.7 * x) + 0.3 / (1 + x));
    const withJ: Problem = { ...model, residuals: (p, o) => (model.residuals(p, o), t.forEach((_, i) => (o[i] -= data[i]))) };
    const noJ: Problem = { numResiduals: 4, residuals: withJ.residuals };
    const a = leastSquares(withJ, [1, 1, 1]).x;
    const b = leastSquares(noJ, [1, 1, 1]).x;
    for (let j = 0; j < 3; j++) expect(close(b[j], a[j], 1e-8)).toBe(true);
    expect(close(a[1], 0.7, 1e-10)).toBe(true);
  });
});

describe("linearSolver 'auto'", () => {
  it("uses Cholesky on a well-conditioned problem and QR on an ill-conditioned one (NIST Bennett5)", () => {
    const good = leastSquares(lineProblem(Y), [0, 0], { log: true });
    expect(good.log!.every((l) => l.linearSolver === "cholesky")).toBe(true);
    const p = loadNist("nonlinear").find((q) => q.name === "Bennett5")!;
    const bad = leastSquares(nistExpressionProblem(p), p.start2!, { log: true });
    // the scaled cond(J^T J) of Bennett5 is far above 1e8 (measured: every step is a QR step)
    expect(bad.log!.some((l) => l.linearSolver === "qr")).toBe(true);
    expect(minLre(bad.x, p.certified, 11)).toBeGreaterThanOrEqual(6);
  });
});

describe("memory", () => {
  it("2000 small fits do not grow wasm memory after warm-up", () => {
    const { arena } = core();
    const data = X.map((x) => 3 * Math.exp(-0.3 * x) + 0.5);
    const p: Problem = { numResiduals: 10, residuals: (q, o) => X.forEach((x, i) => (o[i] = q[0] * Math.exp(-q[1] * x) + q[2] - data[i])) };
    leastSquares(p, [1, 0.1, 0]);
    const before = arena.memory.buffer.byteLength;
    const used = arena.used;
    for (let k = 0; k < 2000; k++) {
      const s = leastSquares(p, [1 + (k % 7) * 0.1, 0.1, 0], { linearSolver: k % 2 ? "qr" : "cholesky" });
      if (k % 500 === 0) expect(close(s.x[1], 0.3, 1e-8)).toBe(true);
    }
    expect(arena.memory.buffer.byteLength).toBe(before);
    expect(arena.used).toBe(used);
  });
});
