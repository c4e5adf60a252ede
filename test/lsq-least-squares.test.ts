// leastSquares: Summary contents, stopping tests, guarantees. Expected numbers come
// from closed forms (linear least squares solved by hand) or properties.
import { describe, expect, it } from "vitest";
import { leastSquares } from "../src/lsq/least-squares.js";
import { LEAST_SQUARES_DEFAULTS } from "../src/lsq/options.js";
import type { Problem } from "../src/lsq/problem.js";
import { SUCCESSFUL, type Summary, type Termination } from "../src/lsq/summary.js";
import { LsqError } from "../src/errors.js";
import { close } from "./helpers/lre.js";

// r(a, b) = [a - 1, b - 2, a + b - 4]; normal equations [[2,1],[1,2]] p = [5, 6]
// -> a = 4/3, b = 7/3, residuals (1/3, 1/3, -1/3), cost = 1/2 * 3 * 1/9 = 1/6.
const linear3: Problem = {
  numResiduals: 3,
  residuals(p, out) {
    out[0] = p[0] - 1;
    out[1] = p[1] - 2;
    out[2] = p[0] + p[1] - 4;
  },
  jacobian(_p, J) {
    J.set([1, 0, 0, 1, 1, 1]);
  },
};

// exponential decay with exact data: y = 3 exp(-0.5 t) + 1 on t = 0..9
const T = Array.from({ length: 10 }, (_, i) => i);
const expDecay: Problem = {
  numResiduals: T.length,
  residuals(p, out) {
    for (let i = 0; i < T.length; i++) out[i] = p[0] * Math.exp(-p[1] * T[i]) + p[2] - (3 * Math.exp(-0.5 * T[i]) + 1);
  },
  jacobian(p, J) {
    for (let i = 0; i < T.length; i++) {
      const e = Math.exp(-p[1] * T[i]);
      J[i * 3] = e;
      J[i * 3 + 1] = -p[0] * T[i] * e;
      J[i * 3 + 2] = 1;
    }
  },
};
const expStart = [1, 0.1, 0];

describe("leastSquares summary", () => {
  it("reports every field on a problem with a closed-form answer", () => {
    const s = leastSquares(linear3, [0, 0]);
    expect(close(s.x[0], 4 / 3, 1e-14)).toBe(true);
    expect(close(s.x[1], 7 / 3, 1e-14)).toBe(true);
    expect(s.x).toBeInstanceOf(Float64Array);
    expect(s.success).toBe(true);
    expect(["gradientTolerance", "parameterTolerance", "functionTolerance"]).toContain(s.termination);
    expect(typeof s.reason).toBe("string");
    expect(s.message.startsWith(s.reason)).toBe(true);
    // cost(p0) = 1/2 (1 + 4 + 16)
    expect(s.initialCost).toBe(10.5);
    expect(close(s.finalCost, 1 / 6, 1e-14)).toBe(true);
    expect(s.gradientMaxNorm).toBeLessThan(1e-13);
    expect(Array.from(s.residuals).map((v) => Math.round(v * 3e12) / 1e12)).toEqual([1, 1, -1]);
    expect(s.numResiduals).toBe(3);
    expect(s.numParameters).toBe(2);
    expect(s.numFreeParameters).toBe(2);
    expect(s.iterations).toBeGreaterThanOrEqual(1);
    expect(s.successfulIterations).toBeGreaterThanOrEqual(1);
    expect(s.residualEvaluations).toBeGreaterThanOrEqual(2);
    expect(s.jacobianEvaluations).toBeGreaterThanOrEqual(1);
    expect(s.timeMs).toBeGreaterThanOrEqual(0);
    expect(s.log).toBeUndefined();
    const rep = s.report();
    expect(rep).toContain("Initial");
    expect(rep).toContain("10.50000000");
    expect(rep).toContain(s.termination);
  });

  it("keeps a log when asked, one entry per iteration", () => {
    const s = leastSquares(expDecay, expStart, { log: true });
    expect(s.log!.length).toBe(s.iterations);
    expect(s.log![s.log!.length - 1].cost).toBe(s.finalCost);
  });

  it("defaults are one frozen object", () => {
    expect(Object.isFrozen(LEAST_SQUARES_DEFAULTS)).toBe(true);
    expect(() => {
      (LEAST_SQUARES_DEFAULTS as { maxIterations: number }).maxIterations = 1;
    }).toThrow();
  });
});

describe("leastSquares methods and linear solvers", () => {
  for (const method of ["levenbergMarquardt", "gaussNewton", "dogleg"] as const) {
    for (const linearSolver of ["qr", "cholesky", "auto"] as const) {
      it(`${method} / ${linearSolver} recovers exact-data parameters`, () => {
        const s = leastSquares(expDecay, expStart, { method, linearSolver });
        expect(s.success, s.reason).toBe(true);
        expect(close(s.x[0], 3, 1e-9)).toBe(true);
        expect(close(s.x[1], 0.5, 1e-9)).toBe(true);
        expect(close(s.x[2], 1, 1e-9)).toBe(true);
      });
    }
  }
  it("nielsen damping converges to the same point", () => {
    const s = leastSquares(expDecay, expStart, { damping: "nielsen" });
    expect(close(s.x[1], 0.5, 1e-9)).toBe(true);
  });
  it("gaussNewton with more parameters than residuals is an LsqError", () => {
    const p: Problem = { numResiduals: 1, residuals: (x, o) => void (o[0] = x[0] + x[1]) };
    expect(() => leastSquares(p, [1, 1], { method: "gaussNewton" })).toThrowError(/gaussNewton needs at least as many residuals/);
    // LM handles the underdetermined case (any point on the line a + b = 0)
    const s = leastSquares(p, [1, 1]);
    expect(Math.abs(s.x[0] + s.x[1])).toBeLessThan(1e-12);
  });
});

// Summary.success as documented in src/lsq/summary.ts: true for the three convergence tests and
// for userStop after at least one accepted step; false for every other reason.
const DOCUMENTED_SUCCESS: Record<Termination, boolean | "afterProgress"> = {
  functionTolerance: true,
  parameterTolerance: true,
  gradientTolerance: true,
  maxIterations: false,
  maxEvaluations: false,
  timeout: false,
  userStop: "afterProgress",
  noProgress: false,
  invalidJacobian: false,
  invalidResiduals: false,
  outOfRange: false,
};

describe("termination reasons (one test each)", () => {
  const produced = new Set<Termination>();
  /** s ended with `t`, and s.success is what the documentation says for `t` */
  function pin(s: Summary, t: Termination): void {
    expect(s.termination).toBe(t);
    const doc = DOCUMENTED_SUCCESS[t];
    expect(s.success, `${t}: success`).toBe(doc === "afterProgress" ? s.successfulIterations > 0 : doc);
    produced.add(t);
  }

  it("gradientTolerance: starting at the exact minimum", () => {
    const s = leastSquares(linear3, [4 / 3, 7 / 3]);
    pin(s, "gradientTolerance");
    expect(s.success).toBe(true);
    expect(s.iterations).toBe(0);
  });
  it("parameterTolerance", () => {
    const s = leastSquares(expDecay, expStart, { parameterTolerance: 1e-3, functionTolerance: 0, gradientTolerance: 0 });
    pin(s, "parameterTolerance");
    expect(s.success).toBe(true);
  });
  it("functionTolerance", () => {
    const s = leastSquares(expDecay, expStart, { functionTolerance: 0.5, parameterTolerance: 0, gradientTolerance: 0 });
    pin(s, "functionTolerance");
    expect(s.success).toBe(true);
  });
  it("maxIterations: 1 gives success false", () => {
    const s = leastSquares(expDecay, expStart, { maxIterations: 1 });
    pin(s, "maxIterations");
    expect(s.success).toBe(false);
    expect(s.iterations).toBe(1);
    expect(s.finalCost).toBeLessThanOrEqual(s.initialCost);
  });
  it("maxEvaluations", () => {
    const s = leastSquares(expDecay, expStart, { maxEvaluations: 3 });
    pin(s, "maxEvaluations");
    expect(s.success).toBe(false);
    expect(s.residualEvaluations).toBe(3);
  });
  it("timeout", () => {
    const slow: Problem = {
      numResiduals: expDecay.numResiduals,
      residuals(p, out) {
        const t = performance.now();
        while (performance.now() - t < 2);
        expDecay.residuals(p, out);
      },
      jacobian: expDecay.jacobian,
    };
    const s = leastSquares(slow, expStart, { timeoutMs: 1 });
    pin(s, "timeout");
    expect(s.success).toBe(false);
  });
  it("userStop: onIteration returning 'stop'", () => {
    const seen: number[] = [];
    const s = leastSquares(expDecay, expStart, {
      onIteration: (info) => {
        seen.push(info.iteration);
        return info.iteration === 2 ? "stop" : undefined;
      },
    });
    pin(s, "userStop");
    expect(seen).toEqual([1, 2]);
    expect(s.iterations).toBe(2);
    expect(s.successfulIterations).toBeGreaterThan(0);
    expect(s.success).toBe(true);
  });
  it("userStop before any accepted step: success false, x = p0", () => {
    // every trial point fails to evaluate, so iteration 1 is rejected; the user stops there
    const p: Problem = {
      numResiduals: 2,
      residuals(x, out) {
        if (x[0] !== 5) return false;
        out[0] = x[0] - 1;
        out[1] = x[0] - 2;
      },
      jacobian: (_x, J) => void J.set([1, 1]),
    };
    const s = leastSquares(p, [5], { onIteration: () => "stop" });
    pin(s, "userStop");
    expect(s.successfulIterations).toBe(0);
    expect(s.success).toBe(false);
    expect(s.x[0]).toBe(5);
  });
  it("noProgress: no trial point can be evaluated", () => {
    const p: Problem = {
      numResiduals: 2,
      residuals(x, out) {
        if (x[0] !== 5) return false;
        out[0] = x[0] - 1;
        out[1] = x[0] - 2;
      },
      jacobian: (_x, J) => void J.set([1, 1]),
    };
    for (const damping of ["trustRegion", "nielsen"] as const) {
      const s = leastSquares(p, [5], { parameterTolerance: 0, damping });
      pin(s, "noProgress");
      expect(s.success).toBe(false);
      expect(s.x[0]).toBe(5);
    }
  });
  it("invalidJacobian: a user jacobian returning NaN; finite differences still reach the minimum", () => {
    // r = [p - 1, p - 2]: minimum p = 1.5. The broken Jacobian columns are replaced by finite
    // differences, but the Jacobian at the returned point is the user's broken one.
    const p: Problem = {
      numResiduals: 2,
      residuals: (x, out) => void ((out[0] = x[0] - 1), (out[1] = x[0] - 2)),
      jacobian: (_x, J) => void J.fill(NaN),
    };
    const s = leastSquares(p, [0]);
    pin(s, "invalidJacobian");
    expect(close(s.x[0], 1.5, 1e-8)).toBe(true);
  });
  it("invalidResiduals: the step shrinks to nothing only because every trial point fails to evaluate", () => {
    // residuals are finite only at p0 = 0 (r = [-1, -2], J = [1, 1]): every trial is NaN, the
    // trust region (levenbergMarquardt, dogleg) shrinks until the parameter test fires on that alone.
    const p: Problem = {
      numResiduals: 2,
      residuals: (x, out) => void (x[0] !== 0 ? out.fill(NaN) : ((out[0] = -1), (out[1] = -2))),
      jacobian: (_x, J) => void J.fill(1),
    };
    for (const method of ["levenbergMarquardt", "dogleg"] as const) {
      const s = leastSquares(p, [0], { method });
      pin(s, "invalidResiduals");
      expect(s.x[0]).toBe(0);
      expect(s.finalCost).toBe(2.5); // 1/2 (1 + 4) at p0
    }
  });
  it("outOfRange: converged, but the cost in user units overflows (residuals ~1e160)", () => {
    // r = 1e160 [p - 1, p - 2]: minimiser p = 1.5 (scale-free), cost 0.25e320 > max double.
    const p: Problem = {
      numResiduals: 2,
      residuals: (x, out) => void ((out[0] = 1e160 * (x[0] - 1)), (out[1] = 1e160 * (x[0] - 2))),
    };
    const s = leastSquares(p, [0]);
    pin(s, "outOfRange");
    expect(s.finalCost).toBe(Infinity);
    expect(close(s.x[0], 1.5, 1e-8)).toBe(true);
  });
  it("every Termination value was produced by a test above, with its documented success", () => {
    expect(Object.keys(DOCUMENTED_SUCCESS).sort()).toEqual(Object.keys(SUCCESSFUL).sort());
    for (const [t, doc] of Object.entries(DOCUMENTED_SUCCESS)) if (doc !== "afterProgress") expect(SUCCESSFUL[t as Termination], t).toBe(doc);
    expect([...produced].sort()).toEqual(Object.keys(SUCCESSFUL).sort());
  });
});

describe("guarantees", () => {
  it("steps around a region where the model is NaN (log of a negative parameter)", () => {
    // r_i = t_i (log b - log 0.01): the Gauss-Newton step from b = 1 lands at b < 0.
    const t = [1, 2, 3];
    const p: Problem = {
      numResiduals: 3,
      residuals(b, out) {
        for (let i = 0; i < 3; i++) out[i] = t[i] * (Math.log(b[0]) - Math.log(0.01));
      },
      jacobian(b, J) {
        for (let i = 0; i < 3; i++) J[i] = t[i] / b[0];
      },
    };
    for (const damping of ["trustRegion", "nielsen"] as const) {
      const s = leastSquares(p, [1], { log: true, damping, initialDamping: 1e-6 });
      expect(s.log!.some((l) => !l.accepted && Number.isNaN(l.gainRatio))).toBe(true);
      expect(close(s.x[0], 0.01, 1e-12)).toBe(true);
      expect(Number.isNaN(s.x[0])).toBe(false);
    }
  });

  it("a non-finite residual at p0 is an LsqError naming the residual", () => {
    const p: Problem = { numResiduals: 3, residuals: (x, o) => void o.set([x[0], Math.sqrt(-1), 1]) };
    expect(() => leastSquares(p, [1])).toThrowError(/residual 1 is NaN at the starting point/);
  });

  it("bad arguments are LsqErrors", () => {
    expect(() => leastSquares(linear3, [0, 0], { maxIteration: 3 } as never)).toThrowError(LsqError);
    try {
      leastSquares(linear3, [0, 0], { maxIteration: 3 } as never);
    } catch (e) {
      expect((e as LsqError).code).toBe("UNKNOWN_OPTION");
    }
    expect(() => leastSquares(linear3, [0, NaN])).toThrowError(/p0\[1\] must be a finite number/);
    expect(() => leastSquares(linear3, [0, 0], { method: "newton" as never })).toThrowError(/options.method/);
    expect(() => leastSquares(linear3, [0, 0], { lower: [1, 0], upper: [0, 1] })).toThrowError(/exceeds/);
    expect(() => leastSquares(linear3, [5, 0], { upper: [1, 1] })).toThrowError(/outside its bounds/);
  });

  it("never returns a point worse than the start, and the returned cost matches x", () => {
    const s = leastSquares(expDecay, [10, 3, -5], { maxIterations: 5 });
    expect(s.finalCost).toBeLessThanOrEqual(s.initialCost);
    const r = new Float64Array(expDecay.numResiduals);
    expDecay.residuals(s.x, r);
    expect(r.reduce((a, v) => a + 0.5 * v * v, 0)).toBe(s.finalCost);
  });
  it("residuals/jacobian returning values instead of writing into out is an LsqError naming the callback, the value and the fix", () => {
    const expectError = (problem: Problem, what: string, got: RegExp) => {
      let err: unknown;
      try {
        leastSquares(problem, [0, 0]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LsqError);
      expect((err as LsqError).code).toBe("INVALID_ARGUMENT");
      expect((err as LsqError).message).toMatch(new RegExp(`problem\\.${what}`));
      expect((err as LsqError).message).toMatch(got);
      expect((err as LsqError).message).toMatch(/write the \w+ into out/);
    };
    // the scipy habit: returning the residual vector (out stays 0, which would look converged at p0)
    expectError({ numResiduals: 2, residuals: ((p: Float64Array) => [p[0] - 1, p[1] - 2]) as never }, "residuals", /array of length 2/);
    expectError({ numResiduals: 2, residuals: ((p: Float64Array) => (p[0] - 1) ** 2) as never }, "residuals", /returned 1\b/);
    expectError({ numResiduals: 2, residuals: (() => "ok") as never }, "residuals", /"ok"/);
    const writes = (p: Float64Array, out: Float64Array) => {
      out[0] = p[0] - 1;
      out[1] = p[1] - 2;
    };
    expectError({ numResiduals: 2, residuals: writes, jacobian: (() => [[1, 0], [0, 1]]) as never }, "jacobian", /array of length 2/);
    // the contract's allowed returns: nothing, true, out itself; false = cannot evaluate
    for (const ret of [undefined, true, "out"] as const) {
      const s = leastSquares({
        numResiduals: 2,
        residuals: ((p: Float64Array, out: Float64Array) => (writes(p, out), ret === "out" ? out : ret)) as never,
        jacobian: ((_p: Float64Array, J: Float64Array) => (J.set([1, 0, 0, 1]), ret === "out" ? J : ret)) as never,
      }, [0, 0]);
      expect(s.success).toBe(true);
      expect(close(s.x[0], 1, 1e-12, 1e-12) && close(s.x[1], 2, 1e-12, 1e-12)).toBe(true);
    }
  });
});
