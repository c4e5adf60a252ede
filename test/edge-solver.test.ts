// Edge cases of the solver layers (src/lsq/*, src/models/curve-fit.ts, src/nn/*). Each test asserts the
// CONTRACT (README "Bad input ..." paragraph, issues 3 and 4): bad input -> LsqError naming
// argument/row/value; numerical trouble reported in the result, never a silent success at a wrong
// point, never NaN. Expected values are closed forms stated next to each case.
import { describe, expect, it } from "vitest";
import { LsqError, curveFit, leastSquares } from "../src/index.js";
import { close } from "./helpers/lre.js";
import { loadModel, mlp } from "../src/nn/index.js";
import { core } from "../src/wasm/module.js";

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

// r = [p - 1, p - 2]: minimum at p = 1.5, cost 1/2 (0.25 + 0.25) = 0.25; at p0 = 0 cost = 2.5.
const twoPoint = (scale = 1) => ({
  numResiduals: 2,
  residuals(p: Float64Array, out: Float64Array) {
    out[0] = scale * (p[0] - 1);
    out[1] = scale * (p[0] - 2);
  },
});

describe("src/lsq: failed derivatives must not be reported as convergence", () => {
  it("a user jacobian that is all NaN / Infinity / returns false: 'invalidJacobian', success false, x = 1.5 by finite differences", () => {
    // Summary.termination 'invalidJacobian': the broken columns are replaced by finite differences
    // (so the minimum p = 1.5 of twoPoint is reached), but the Jacobian at the returned point is
    // the user's broken one, so the solve is not reported as converged.
    for (const fill of [NaN, Infinity]) {
      for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
        const s = leastSquares({ ...twoPoint(), jacobian: (_p: Float64Array, out: Float64Array) => void out.fill(fill) }, [0], { method });
        expect(s.success).toBe(false);
        expect(s.termination).toBe("invalidJacobian");
        expect(Number.isNaN(s.x[0])).toBe(false);
        expect(close(s.x[0], 1.5, 1e-8)).toBe(true);
      }
    }
    const f = leastSquares({ ...twoPoint(), jacobian: () => false as unknown as void }, [0]);
    expect(f.success).toBe(false);
    expect(f.termination).toBe("invalidJacobian");
    expect(close(f.x[0], 1.5, 1e-8)).toBe(true);
  });
  it("a NaN jacobian at the first evaluation only does not stop the solve", () => {
    let calls = 0;
    const s = leastSquares({ ...twoPoint(), jacobian: (_p: Float64Array, out: Float64Array) => void out.fill(calls++ === 0 ? NaN : 1) }, [0]);
    expect(Math.abs(s.x[0] - 1.5)).toBeLessThan(1e-8);
  });
  it("residuals that fail (false / NaN) everywhere except p0, finite differences: 'invalidJacobian' at p0, success false", () => {
    // Every difference quotient is NaN (both sides fail): Summary.termination 'invalidJacobian'
    // ("finite differences failed on both sides"), the returned point is p0 = 0.
    const failing = [
      (p: Float64Array, out: Float64Array) => (p[0] !== 0 ? false : void ((out[0] = p[0] - 1), (out[1] = p[0] - 2))),
      (p: Float64Array, out: Float64Array) => void (p[0] !== 0 ? out.fill(NaN) : ((out[0] = p[0] - 1), (out[1] = p[0] - 2))),
    ];
    for (const residuals of failing) {
      for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
        const s = leastSquares({ numResiduals: 2, residuals: residuals as never }, [0], { method });
        expect(s.success).toBe(false);
        expect(s.termination).toBe("invalidJacobian");
        expect(s.x[0]).toBe(0);
      }
    }
  });
  it("exact derivatives that are NaN/Infinity in one column (x^b at x < 0, sqrt(a) at a = 0): the finite columns still reach the minimum", () => {
    // a*x^b, x = [-2, -1, 1, 2, 3], y = 3 x^2: d/db = x^b ln x is NaN for x < 0, d/da = x^b is fine.
    // b stays at 2 and a = 3 fits exactly (cost 0); the b column is still broken at the solution,
    // so the result is 'invalidJacobian' with success false.
    const x = [-2, -1, 1, 2, 3];
    const fit = curveFit("a*x^b", { x, y: x.map((v) => 3 * v * v) }, { a: 1, b: 2 });
    expect(fit.success).toBe(false);
    expect(fit.termination).toBe("invalidJacobian");
    expect(fit.finalCost).toBeLessThan(1e-20);
    expect(close(fit.params.a, 3, 1e-12)).toBe(true);
    // sqrt(a)*x from a = 0: d/da = x / (2 sqrt(a)) is Infinity at p0 only; the minimum a = 4
    // (sqrt(a) = 2) has a finite derivative, so this one converges with success true.
    const s = curveFit("sqrt(a)*x", { x: [1, 2, 3], y: [2, 4, 6] }, { a: 0 });
    expect(s.success).toBe(true);
    expect(Math.abs(s.params.a - 4)).toBeLessThan(1e-8);
  });
  it("analytic jacobian, every trial point NaN: x = p0, 'invalidResiduals' (levenbergMarquardt, dogleg) / 'noProgress' (gaussNewton), success false", () => {
    // The trust-region methods shrink the step until it is negligible only because every trial
    // failed: 'invalidResiduals'. gaussNewton has no trust region to shrink: its line search finds
    // no evaluable point along the step, 'noProgress'. Both are documented as success false.
    const expected = { levenbergMarquardt: "invalidResiduals", gaussNewton: "noProgress", dogleg: "invalidResiduals" } as const;
    for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
      for (const damping of ["trustRegion", "nielsen"] as const) {
        const s = leastSquares(
          {
            numResiduals: 2,
            residuals: (p: Float64Array, out: Float64Array) => void (p[0] !== 0 ? out.fill(NaN) : ((out[0] = -1), (out[1] = -2))),
            jacobian: (_p: Float64Array, out: Float64Array) => void out.fill(1),
          },
          [0],
          { method, damping },
        );
        expect(s.success).toBe(false);
        expect(s.x[0]).toBe(0);
        expect(s.termination).toBe(expected[method]);
      }
    }
  });
});

describe("src/lsq: overflow / underflow of the cost and of the scaled-gradient test", () => {
  it("residuals ~1e160 / ~1e300 (cost overflows): 'outOfRange', success false, x = 1.5 (the minimiser), finalCost Infinity", () => {
    // Summary.termination 'outOfRange': the solve converges in internal (rescaled) units to the
    // closed-form minimiser p = 1.5, but 1/2 sum r_i^2 ~ 0.25 scale^2 overflows double range, so
    // finalCost is Infinity and the result is not reported as a success.
    for (const scale of [1e160, 1e300]) {
      for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
        const s = leastSquares(twoPoint(scale), [0], { method });
        expect(s.termination, `${scale} ${method}`).toBe("outOfRange");
        expect(s.success).toBe(false);
        expect(close(s.x[0], 1.5, 1e-8), `${scale} ${method} x = ${s.x[0]}`).toBe(true);
        expect(s.finalCost).toBe(Infinity);
      }
    }
  });
  it("residuals ~1e-170 (cost underflows to 0): the minimiser p = 1.5, not p0 with cost 0", () => {
    for (const scale of [1e-170, 1e-300]) {
      const s = leastSquares(twoPoint(scale), [0]);
      expect(Math.abs(s.x[0] - 1.5)).toBeLessThan(1e-8);
    }
  });
  it("parameters ~1e300 / ~1e-300: the gradient test is scale-invariant, the minimiser is found (||J_j||^2 would over/underflow)", () => {
    // r = p / 1e300 - {1, 2} -> p = 1.5e300; r = p * 1e300 - {1, 2} -> p = 1.5e-300.
    const big = leastSquares({ numResiduals: 2, residuals: (p: Float64Array, o: Float64Array) => void ((o[0] = p[0] / 1e300 - 1), (o[1] = p[0] / 1e300 - 2)) }, [1e299]);
    expect(Math.abs(big.x[0] / 1.5e300 - 1)).toBeLessThan(1e-8);
    const tiny = leastSquares({ numResiduals: 2, residuals: (p: Float64Array, o: Float64Array) => void ((o[0] = p[0] * 1e300 - 1), (o[1] = p[0] * 1e300 - 2)) }, [1e-301]);
    expect(Math.abs(tiny.x[0] / 1.5e-300 - 1)).toBeLessThan(1e-8);
  });
  it("lossScale 1e-300: finalCost and x are never NaN (or the scale is rejected as an LsqError)", () => {
    for (const loss of ["huber", "softL1", "cauchy", "arctan"] as const) {
      let s: ReturnType<typeof leastSquares> | null = null;
      const e = errorOf(() => (s = leastSquares(twoPoint(), [0], { loss, lossScale: 1e-300 })));
      if (e !== null) {
        expect(e).toBeInstanceOf(LsqError); // rejecting such a scale as bad input is fine too
        continue;
      }
      expect(Number.isNaN(s!.finalCost)).toBe(false);
      expect(Number.isNaN(s!.x[0])).toBe(false);
    }
  });
  it("huber with one 1e200 outlier, finite differences: finite cost, x moves from p0 = 0 into [1.5, 2]", () => {
    // 1.5 minimises the two inliers alone; 2 is the exact huber minimum (next describe). With finite
    // differences the outlier's Jacobian row is 0 (p + h - 1e200 rounds to -1e200), so any point of
    // [1.5, 2] is the contract; the huber cost ~ |p - 1e200| ~ 1e200 stays finite.
    const s = leastSquares({ numResiduals: 3, residuals: (p: Float64Array, o: Float64Array) => void ((o[0] = p[0] - 1), (o[1] = p[0] - 2), (o[2] = p[0] - 1e200)) }, [0], { loss: "huber" });
    expect(Number.isFinite(s.finalCost)).toBe(true);
    expect(s.x[0]).toBeGreaterThanOrEqual(1.5 - 1e-8);
    expect(s.x[0]).toBeLessThanOrEqual(2 + 1e-8);
  });
});

describe("src/lsq: huge outliers with a robust loss", () => {
  it("huber, one outlier at 1e20 or 1e200, analytic jacobian: p = 2, where (p - 1) + (p - 2) - 1 = 0", () => {
    // cost = 1/2 [(p-1)^2 + (p-2)^2 + 2|p - big| - 1] for p in [1, 2]: gradient 2p - 3 - 1 = 0 at p = 2.
    // (With finite differences the outlier's row is 0: p + h - 1e200 rounds to -1e200, a limit of
    // differencing, not of the solver.)
    for (const big of [1e20, 1e200]) {
      const s = leastSquares(
        {
          numResiduals: 3,
          residuals: (p: Float64Array, o: Float64Array) => void ((o[0] = p[0] - 1), (o[1] = p[0] - 2), (o[2] = p[0] - big)),
          jacobian: (_p: Float64Array, o: Float64Array) => void o.fill(1),
        },
        [0],
        { loss: "huber" },
      );
      expect(Math.abs(s.x[0] - 2)).toBeLessThan(1e-8);
      expect(s.finalCost / (big - 0.5 + 0.5) - 1).toBeLessThan(1e-12);
    }
  });
});

describe("src/lsq: bad input", () => {
  it("numResiduals 3e9 (beyond any typed-array length) is an LsqError, not an engine RangeError", () => {
    const e = errorOf(() => leastSquares({ numResiduals: 3e9, residuals: () => undefined }, [0, 0]));
    expect(e).toBeInstanceOf(LsqError);
  });
  it("lower = +Infinity / upper = -Infinity are LsqErrors naming the bound and its value (no feasible value)", () => {
    const e = errorOf(() => leastSquares(twoPoint(), [0], { lower: [Infinity] })) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/options\.lower\[0\].*Infinity/);
    const u = errorOf(() => leastSquares(twoPoint(), [0], { upper: [-Infinity] })) as LsqError;
    expect(u).toBeInstanceOf(LsqError);
    expect(u.message).toMatch(/options\.upper\[0\].*-Infinity/);
  });
});

describe("src/models/curve-fit.ts", () => {
  const x = [0, 1, 2, 3, 4, 5];
  const y = [1, 3, 5, 7, 9, 11]; // y = 2 x + 1 exactly
  it("no residual degrees of freedom (m = n, m < n): stdErrors are Infinity, never NaN, and the note says why", () => {
    // FitResult.note: with N <= k (sigma not absolute) chi^2 / (N - k) is undefined; stdErrors Infinity.
    for (const d of [{ x: [1, 2], y: [1, 3] }, { x: [1], y: [1] }]) {
      const fit = curveFit("a*x+b", d, { a: 1, b: 0 });
      for (const s of fit.stdErrors) expect(s).toBe(Infinity);
      expect(fit.note).toMatch(/no residual degrees of freedom/);
    }
  });
  it("a p0 key the expression does not use is an LsqError naming it", () => {
    const e = errorOf(() => curveFit("a*x+b", { x, y }, { a: 1, b: 0, c: 1 })) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/\bc\b/);
  });
  it("'a*x' with p0 {a, b}: b has no effect, so it is an LsqError naming b (never a fit with stdError 0)", () => {
    const e = errorOf(() => curveFit("a*x", { x, y }, { a: 1, b: 0 })) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/\bb\b/);
  });
  it("a derivative that is NaN at the solution: that parameter's stdError is Infinity, the others exact, nothing NaN", () => {
    // y = 3 x^2 +- 0.01 at x = [-2, -1, 1, 2, 3]; d/db (a x^b) = a x^b ln x is NaN for x < 0, so b
    // stays at 2 and a solves the linear problem: a = sum x^2 y / sum x^4, var(a) = s^2 / sum x^4,
    // s^2 = chi^2 / (5 - 2).
    const xs = [-2, -1, 1, 2, 3];
    const ys = xs.map((v, i) => 3 * v * v + (i % 2 ? 0.01 : -0.01));
    const fit = curveFit("a*x^b", { x: xs, y: ys }, { a: 1, b: 2 });
    const sx4 = xs.reduce((t, v) => t + v ** 4, 0);
    const aHat = xs.reduce((t, v, i) => t + v * v * ys[i], 0) / sx4;
    const chi2 = xs.reduce((t, v, i) => t + (aHat * v * v - ys[i]) ** 2, 0);
    expect(fit.success).toBe(false);
    expect(fit.termination).toBe("invalidJacobian");
    expect(Math.abs(fit.params.a - aHat)).toBeLessThan(1e-12 * aHat);
    expect(Math.abs(fit.stdErrors[0] / Math.sqrt(chi2 / 3 / sx4) - 1)).toBeLessThan(1e-8);
    expect(fit.stdErrors[1]).toBe(Infinity);
    for (const row of [...fit.covariance, ...fit.correlation]) for (const v of row) expect(Number.isNaN(v)).toBe(false);
    expect(fit.note).toMatch(/\bb\b.*not finite/);
  });
  it("a function-model parameter with no effect (zero Jacobian column) gets stdError Infinity, not 0", () => {
    // p[1] never changes the model: it is not identifiable; a = sum x y / sum x^2 by least squares.
    const yy = y.map((v, i) => v + (i % 2 ? 0.1 : -0.1));
    const fit = curveFit((xx: number, p: number[]) => p[0] * xx + 0 * p[1], { x, y: yy }, [1, 0]);
    const aHat = x.reduce((t, v, i) => t + v * yy[i], 0) / x.reduce((t, v) => t + v * v, 0);
    expect(Math.abs(fit.x[0] - aHat)).toBeLessThan(1e-10);
    expect(fit.stdErrors[1]).toBe(Infinity);
    expect(Number.isFinite(fit.stdErrors[0]) && fit.stdErrors[0] > 0).toBe(true);
    expect(fit.note).toMatch(/b1 has no effect/);
  });
  it("predict with the wrong number of predictor rows is an LsqError, not a TypeError", () => {
    const fit = curveFit((xx: number[], p: number[]) => p[0] * xx[0] + p[1] * xx[1], { x: [[0, 1, 2], [1, 0, 1]], y: [1, 2, 3] }, [1, 1]);
    const e = errorOf(() => fit.predict([[1, 2, 3]]));
    expect(e).toBeInstanceOf(LsqError);
  });
  it("a uniform sigma scale (1e300 or 1e-300) does not change the fit: a = 2, b = 1, finite stdErrors", () => {
    // Scaling every sigma by s scales chi^2 by 1/s^2 only: same minimiser, and the covariance
    // scale chi^2 / (N - k) cancels the s^2 in (J^T J)^-1 (cost 0 / Infinity must not stop it).
    for (const s of [1e300, 1e-300]) {
      const fit = curveFit("a*x+b", { x, y: y.map((v, i) => v + (i % 2 ? 1e-3 : -1e-3)), sigma: x.map(() => s) }, { a: 1, b: 0 });
      expect(Math.abs(fit.params.a - 2)).toBeLessThan(1e-3);
      expect(Math.abs(fit.params.b - 1)).toBeLessThan(1e-2);
      for (const se of fit.stdErrors) expect(Number.isFinite(se)).toBe(true);
    }
  });
  it("y ~ 1e300 and y ~ 1e-300: parameters scale with y (closed form a = 2 t, b = t)", () => {
    for (const t of [1e300, 1e-300]) {
      const fit = curveFit("a*x+b", { x, y: y.map((v) => v * t) }, { a: t, b: 0 });
      expect(Math.abs(fit.params.a / (2 * t) - 1)).toBeLessThan(1e-8);
      expect(Math.abs(fit.params.b / t - 1)).toBeLessThan(1e-8);
    }
  });
});

describe("src/nn", () => {
  const X = Array.from({ length: 20 }, (_, i) => [i / 20, (i % 3) / 3]);
  const Y = X.map((r) => r[0] + r[1]);
  it("validationSplit leaving no training rows is an LsqError naming validationSplit", () => {
    for (const validationSplit of [0.97, 0.99]) {
      for (const optimizer of ["adam", "levenbergMarquardt"] as const) {
        const e = errorOf(() => mlp([2, 4, 1], { seed: 1 }).fit(X, Y, { epochs: 1, validationSplit, optimizer })) as LsqError;
        expect(e).toBeInstanceOf(LsqError);
        expect(e.message).toMatch(/validationSplit/);
      }
    }
  });
  it("crossEntropy with 2-D targets that are not probabilities is an LsqError naming the row", () => {
    const e = errorOf(() => mlp([2, 4, 3], { seed: 1, outputActivation: "softmax" }).fit(X, X.map(() => [2, -1, 0]), { epochs: 1, loss: "crossEntropy" })) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/y\[0\]/);
  });
});

// Callback and loadModel contracts (documented in the TSDoc of onIteration / onEpochEnd /
// leastSquares / loadModel): a throwing callback propagates its own error unchanged and the wasm
// arena is back at its mark afterwards; a callback return other than undefined / 'stop' is an
// LsqError naming the callback and the value; loadModel rejects unknown keys.
describe("user callbacks and loadModel", () => {
  it("a throwing residuals / jacobian / onIteration / model propagates unchanged, nothing leaks", () => {
    const { arena } = core();
    const before = arena.mark();
    const boom = new Error("boom");
    let calls = 0;
    const throwing = [
      () => leastSquares({ numResiduals: 2, residuals: (p: Float64Array, o: Float64Array) => { if (calls++ > 2) throw boom; o[0] = p[0] - 1; o[1] = p[0] - 2; } }, [0]),
      () => leastSquares({ ...twoPoint(), jacobian: () => { throw boom; } }, [0]),
      () => leastSquares(twoPoint(), [0], { onIteration: () => { throw boom; } }),
      () => curveFit((x: number, p: number[]) => { if (calls++ > 2) throw boom; return p[0] * x; }, { x: [1, 2, 3], y: [2, 4, 6] }, [1]),
    ];
    for (const f of throwing) {
      calls = 0;
      expect(errorOf(f)).toBe(boom);
      expect(arena.mark()).toBe(before);
    }
    // and the next solve is unaffected: minimum p = 1.5 of twoPoint
    expect(Math.abs(leastSquares(twoPoint(), [0]).x[0] - 1.5)).toBeLessThan(1e-8);
  });
  it("onIteration returning something other than undefined / 'stop' is an LsqError naming it", () => {
    for (const [ret, shown] of [["STOP", '"STOP"'], [true, "boolean"], [1, "1"]] as const) {
      const e = errorOf(() => leastSquares(twoPoint(), [0], { onIteration: () => ret as never })) as LsqError;
      expect(e).toBeInstanceOf(LsqError);
      expect(e.message).toMatch(/onIteration/);
      expect(e.message).toContain(shown);
    }
  });
  it("onEpochEnd: a throw propagates with the arena released; a bad return value is an LsqError", () => {
    const { arena } = core();
    const before = arena.mark();
    const X = [[0], [1], [2], [3]];
    const Y = [0, 1, 2, 3];
    const boom = new Error("boom");
    expect(errorOf(() => mlp([1, 3, 1], { seed: 1 }).fit(X, Y, { epochs: 3, onEpochEnd: () => { throw boom; } }))).toBe(boom);
    expect(arena.mark()).toBe(before);
    const e = errorOf(() => mlp([1, 3, 1], { seed: 1 }).fit(X, Y, { epochs: 3, onEpochEnd: () => "STOP" as never })) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/onEpochEnd.*STOP/);
  });
  it("loadModel with an unknown top-level or layer key is an LsqError naming the key", () => {
    const json = mlp([2, 3, 1], { seed: 1 }).toJSON() as unknown as Record<string, unknown>;
    const e = errorOf(() => loadModel({ ...json, extra: 1 } as never)) as LsqError;
    expect(e).toBeInstanceOf(LsqError);
    expect(e.message).toMatch(/extra/);
    const layers = (json.layers as Record<string, unknown>[]).map((l, i) => (i === 0 ? { ...l, unit: 3 } : l));
    const e2 = errorOf(() => loadModel({ ...json, layers } as never)) as LsqError;
    expect(e2).toBeInstanceOf(LsqError);
    expect(e2.message).toMatch(/layers\[0\].*unit/);
    // the round trip still works
    expect(loadModel(JSON.stringify(json)).paramCount).toBe(13);
  });
});
