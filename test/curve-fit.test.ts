// curveFit: model forms, data forms, sigma semantics, statistics and bad input.
// References: closed-form linear regression (covariance sigma^2 (X^T X)^-1,
// R^2 = 1 - SSres/SStot), exact data, and the definitions of AIC/BIC.
import { describe, expect, it } from "vitest";
import { curveFit } from "../src/models/curve-fit.js";
import { builtinModels } from "../src/models/builtins.js";
import { leastSquares } from "../src/lsq/least-squares.js";
import { LsqError } from "../src/errors.js";
import { close } from "./helpers/lre.js";

// Straight line with deterministic "noise" so the residual variance is non-zero.
const xs = Array.from({ length: 12 }, (_, i) => i * 0.5);
const ys = xs.map((x, i) => 0.7 + 1.9 * x + 0.1 * Math.sin(7 * i + 1));

/** Independent reference: ordinary least squares for y = a + b x by the textbook formulas. */
function olsLine(x: number[], y: number[], w?: number[]) {
  const ww = w ?? x.map(() => 1);
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (let i = 0; i < x.length; i++) {
    S += ww[i]; Sx += ww[i] * x[i]; Sy += ww[i] * y[i]; Sxx += ww[i] * x[i] * x[i]; Sxy += ww[i] * x[i] * y[i];
  }
  const det = S * Sxx - Sx * Sx;
  const a = (Sxx * Sy - Sx * Sxy) / det;
  const b = (S * Sxy - Sx * Sy) / det;
  let chi2 = 0;
  for (let i = 0; i < x.length; i++) chi2 += ww[i] * (y[i] - a - b * x[i]) ** 2;
  // (X^T W X)^-1 = [[Sxx, -Sx], [-Sx, S]] / det
  const inv = [[Sxx / det, -Sx / det], [-Sx / det, S / det]];
  return { a, b, chi2, inv };
}

describe("curveFit models and data", () => {
  it("expression string with named p0 gives params by name and matches OLS", () => {
    const fit = curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 });
    const ref = olsLine(xs, ys);
    expect(close(fit.params.a, ref.a, 1e-12)).toBe(true);
    expect(close(fit.params.b, ref.b, 1e-12)).toBe(true);
    expect(fit.parameterNames).toEqual(["a", "b"]);
  });

  it("function model with array p0", () => {
    const fit = curveFit((x: number, p: number[]) => p[0] + p[1] * x, { x: xs, y: ys }, [0, 0]);
    const ref = olsLine(xs, ys);
    expect(close(fit.x[0], ref.a, 1e-9)).toBe(true);
    expect(close(fit.x[1], ref.b, 1e-9)).toBe(true);
    expect(fit.params).toEqual({ b0: fit.x[0], b1: fit.x[1] });
  });

  it("function model with named p0 receives p by name", () => {
    const fit = curveFit((x: number, p: { k: number; c: number }) => p.c * Math.exp(-p.k * x), { x: xs, y: xs.map((x) => 2 * Math.exp(-0.4 * x)) }, { k: 1, c: 1 });
    expect(close(fit.params.k, 0.4, 1e-10)).toBe(true);
    expect(close(fit.params.c, 2, 1e-10)).toBe(true);
  });

  it("multi-column x as an object of columns (expression) and as columns (function)", () => {
    const u = [0, 1, 2, 3, 4, 5, 6];
    const v = [1, 0, 2, 1, 3, 2, 5];
    const y = u.map((ui, i) => 1.5 * ui - 0.5 * v[i] * v[i] + 2);
    const a = curveFit("p*u + q*v^2 + c", { x: { u, v }, y }, { p: 0, q: 0, c: 0 });
    expect(close(a.params.p, 1.5, 1e-10)).toBe(true);
    expect(close(a.params.q, -0.5, 1e-10)).toBe(true);
    const b = curveFit((x: number[], p: number[]) => p[0] * x[0] + p[1] * x[1] * x[1] + p[2], { x: [u, v], y }, [0, 0, 0]);
    expect(close(b.x[1], -0.5, 1e-8)).toBe(true);
    expect(close(a.predict({ u: [10], v: [1] })[0 as never] as number, 1.5 * 10 - 0.5 + 2, 1e-10)).toBe(true);
    expect(close(b.predict([10, 1]) as number, 15 - 0.5 + 2, 1e-8)).toBe(true);
  });

  it("vector outputs: one row gives several residuals", () => {
    const t = [0, 1, 2, 3, 4];
    const y = t.map((x) => [Math.cos(0.3 * x) * 2, Math.sin(0.3 * x) * 2]);
    const fit = curveFit((x: number, p: number[]) => [p[0] * Math.cos(p[1] * x), p[0] * Math.sin(p[1] * x)], { x: t, y }, [1, 0.2]);
    expect(close(fit.x[0], 2, 1e-10)).toBe(true);
    expect(close(fit.x[1], 0.3, 1e-10)).toBe(true);
    expect(fit.numPoints).toBe(10);
    expect(fit.degreesOfFreedom).toBe(8);
  });

  it("predict evaluates the fitted model", () => {
    const fit = curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 });
    const want = fit.params.a + 2 * fit.params.b;
    expect(Math.abs((fit.predict(2) as number) - want)).toBeLessThanOrEqual(1e-14 + 1e-13 * Math.abs(want));
    expect(fit.predict([0, 1])).toEqual([fit.predict(0), fit.predict(1)]);
  });
});

describe("curveFit statistics", () => {
  it("covariance = s^2 (X^T X)^-1 with s^2 = RSS / (n - p) for a line (closed form)", () => {
    const fit = curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 });
    const ref = olsLine(xs, ys);
    const s2 = ref.chi2 / (xs.length - 2);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(close(fit.covariance[i][j], s2 * ref.inv[i][j], 1e-9)).toBe(true);
    expect(close(fit.stdErrors[1], Math.sqrt(s2 * ref.inv[1][1]), 1e-9)).toBe(true);
    expect(close(fit.correlation[0][1], ref.inv[0][1] / Math.sqrt(ref.inv[0][0] * ref.inv[1][1]), 1e-9)).toBe(true);
    expect(fit.correlation[0][0]).toBe(1);
    expect(close(fit.chiSquare, ref.chi2, 1e-10)).toBe(true);
    expect(fit.degreesOfFreedom).toBe(10);
    expect(close(fit.reducedChiSquare, s2, 1e-10)).toBe(true);
    const ybar = ys.reduce((a, b) => a + b, 0) / ys.length;
    const tss = ys.reduce((a, y) => a + (y - ybar) ** 2, 0);
    expect(close(fit.rSquared, 1 - ref.chi2 / tss, 1e-10)).toBe(true);
    const N = xs.length;
    expect(close(fit.aic, N * Math.log(ref.chi2 / N) + 2 * 2, 1e-10)).toBe(true);
    expect(close(fit.bic, N * Math.log(ref.chi2 / N) + Math.log(N) * 2, 1e-10)).toBe(true);
    expect(fit.rank).toBe(2);
  });

  it("sigma: weighted fit; absoluteSigma true gives (X^T W X)^-1, false scales it by the reduced chi-square", () => {
    const sigma = xs.map((_, i) => 0.05 + 0.01 * i);
    const w = sigma.map((s) => 1 / (s * s));
    const ref = olsLine(xs, ys, w);
    const rel = curveFit("a + b*x", { x: xs, y: ys, sigma }, { a: 0, b: 0 });
    const abs = curveFit("a + b*x", { x: xs, y: ys, sigma }, { a: 0, b: 0 }, { absoluteSigma: true });
    expect(close(rel.params.b, ref.b, 1e-11)).toBe(true);
    expect(close(abs.covariance[1][1], ref.inv[1][1], 1e-9)).toBe(true);
    expect(close(rel.covariance[1][1], ref.inv[1][1] * (ref.chi2 / (xs.length - 2)), 1e-9)).toBe(true);
    // relative sigma: scaling all sigma by 10 changes nothing
    const rel10 = curveFit("a + b*x", { x: xs, y: ys, sigma: sigma.map((s) => 10 * s) }, { a: 0, b: 0 });
    expect(close(rel10.stdErrors[1], rel.stdErrors[1], 1e-9)).toBe(true);
  });

  it("rank-deficient model reports the rank; the non-identifiable a, b get Infinity, c stays finite", () => {
    // a and b only enter as a + b: rank 2 of 3
    const fit = curveFit("a + b + c*x", { x: xs, y: ys }, { a: 0, b: 0, c: 0 });
    expect(fit.rank).toBe(2);
    expect(Array.from(fit.stdErrors).map((v) => Number.isFinite(v))).toEqual([false, false, true]);
    // c: the OLS slope's standard error with dof N - 3 (free parameters, as scipy)
    const ref = olsLine(xs, ys);
    expect(close(fit.stdErrors[2], Math.sqrt((ref.chi2 / (xs.length - 3)) * ref.inv[1][1]), 1e-7)).toBe(true);
    expect(close(fit.params.a + fit.params.b, olsLine(xs, ys).a, 1e-9)).toBe(true);
    expect(fit.report()).toContain("rank 2 < 3");
  });

  it("report() reads like lmfit's", () => {
    const fit = curveFit("a*exp(-k*x)", { x: xs, y: xs.map((x, i) => 3 * Math.exp(-0.8 * x) + 0.01 * Math.cos(5 * i)) }, { a: 1, k: 1 });
    const rep = fit.report();
    for (const s of ["[[Fit Statistics]]", "[[Variables]]", "[[Correlations]]", "chi-square", "reduced chi-square", "Akaike", "R-squared", "a:", "k:", "+/-", "init = 1", "[[Termination]]", "C(a, k)"]) expect(rep).toContain(s);
  });

  it("fixed parameters by name", () => {
    const fit = curveFit("a + b*x", { x: xs, y: ys }, { a: 0.5, b: 0 }, { fixed: ["a"] });
    expect(fit.params.a).toBe(0.5);
    expect(fit.stdErrors[0]).toBe(0);
    expect(fit.report()).toContain("(fixed)");
  });

  it("bounds by name keep the result inside", () => {
    const fit = curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 }, { upper: { b: 1 } });
    expect(fit.params.b).toBe(1);
  });
});

describe("curveFit data policy and bad input", () => {
  it("nanPolicy 'raise' names the row; 'omit' equals the fit without that row", () => {
    const y = ys.slice();
    y[4] = NaN;
    expect(() => curveFit("a + b*x", { x: xs, y }, { a: 0, b: 0 })).toThrowError(/data.y at row 4 is NaN/);
    const omit = curveFit("a + b*x", { x: xs, y }, { a: 0, b: 0 }, { nanPolicy: "omit" });
    const ref = olsLine(xs.filter((_, i) => i !== 4), ys.filter((_, i) => i !== 4));
    expect(close(omit.params.b, ref.b, 1e-11)).toBe(true);
    expect(omit.numPoints).toBe(11);
  });

  it("a non-finite model value at p0 names the data row", () => {
    expect(() => curveFit("a*log(x - 2)", { x: xs, y: ys }, { a: 1 })).toThrowError(/residual 0 \(data row 0: x = 0, y = 0\.7/);
  });

  it("bad shapes and values are LsqErrors with precise messages", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LsqError);
        return `${(e as LsqError).code}: ${(e as Error).message}`;
      }
      return "no error";
    };
    expect(code(() => curveFit("a + b*x", { x: xs, y: ys.slice(1) }, { a: 0, b: 0 }))).toMatch(/SHAPE_MISMATCH: data.x has length 12 but data.y has length 11/);
    expect(code(() => curveFit("a + b*x", { x: [], y: [] }, { a: 0, b: 0 }))).toMatch(/EMPTY_INPUT/);
    expect(code(() => curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: Infinity }))).toMatch(/p0.b must be a finite number/);
    // p0 by name: a name of the expression that p0 lacks is a missing starting value (and p0's unused b is pointed out)
    expect(code(() => curveFit("a + c*x", { x: xs, y: ys }, { a: 0, b: 0 }))).toMatch(/INVALID_ARGUMENT: p0 has no value for parameter 'c' used in the expression .*b is not in the expression/);
    expect(code(() => curveFit("a + * x", { x: xs, y: ys }, { a: 0 }))).toMatch(/PARSE_ERROR/);
    expect(code(() => curveFit(() => "oops" as never, { x: xs, y: ys }, [1]))).toMatch(/model returned "oops" for data row 0/);
    expect(code(() => curveFit("a + b*x", { x: xs, y: ys, sigma: xs.map(() => 0) }, { a: 0, b: 0 }))).toMatch(/sigma\[0\] \(row 0\) must be > 0/);
    expect(code(() => curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 }, { tolerance: 1 } as never))).toMatch(/UNKNOWN_OPTION/);
    expect(code(() => curveFit("a + b*x", { x: xs, y: ys }, { a: 0, b: 0 }, { method: "gaussNewton", fixed: [] }))).toBe("no error");
  });
});

describe("curveFit error messages point at the real mistake", () => {
  const t = Array.from({ length: 10 }, (_, i) => i * 0.4);
  const decay = t.map((x) => 2 * Math.exp(-0.5 * x) + 1);
  const lsqError = (f: () => unknown): LsqError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(LsqError);
      return e as LsqError;
    }
    throw new Error("expected an LsqError");
  };

  it("scipy's argument order curveFit(model, x, y, p0): data is an array", () => {
    const e = lsqError(() => curveFit("a*exp(-k*x)+c", t as never, decay as never, [1, 0.1, 0] as never));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.message).toContain("curveFit(model, data, p0): data must be { x, y[, sigma] }, got an array");
  });

  it("x given as rows (one [x1, x2] per data point) says curveFit takes columns", () => {
    const e = lsqError(() => curveFit((x: number[], p: number[]) => p[0] * x[0] + p[1] * x[1], { x: [[1, 2], [3, 4], [5, 6]], y: [1, 2, 3] }, [1, 1]));
    expect(e.code).toBe("SHAPE_MISMATCH");
    expect(e.message).toContain("data.x looks like rows; curveFit takes columns: x: [x1Values, x2Values]");
    // columns of the right length: no such hint (and the fit runs)
    expect(() => curveFit((x: number[], p: number[]) => p[0] * x[0] + p[1] * x[1], { x: [[1, 3, 5], [2, 4, 7]], y: [1, 2, 3] }, [1, 1])).not.toThrow();
  });

  it("a parameter of the expression missing from p0 (by name) is named as such", () => {
    const e = lsqError(() => curveFit("A*exp(-k*x)+c", { x: t, y: decay }, { A: 1, k: 0.1 }));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.message).toMatch(/p0 has no value for parameter 'c' used in the expression/);
    // an array p0 has no names to miss: an unknown name stays a parse error
    expect(lsqError(() => curveFit("A*exp(-k*x)+c", { x: t, y: decay }, [1, 0.1])).code).toBe("PARSE_ERROR");
  });

  it("a one-predictor function model written with x[0] (NaN at p0) is told x is a number", () => {
    const e = lsqError(() => curveFit((x: number[], p: number[]) => p[0] * Math.exp(-p[1] * x[0]) + p[2], { x: t, y: decay }, [1, 0.1, 0]));
    expect(e.code).toBe("NON_FINITE");
    expect(e.message).toContain("with one predictor the model receives x as a number, not an array");
    // a model that is NaN at p0 for another reason gets no such hint
    const e2 = lsqError(() => curveFit((x: number, p: number[]) => p[0] * Math.sqrt(-x - 1) + p[1], { x: t, y: decay }, [1, 0]));
    expect(e2.code).toBe("NON_FINITE");
    expect(e2.message).not.toContain("receives x as a number");
  });

  it("p0 outside bounds given by name names the parameter", () => {
    const e = lsqError(() => curveFit("a*exp(-k*x)+c", { x: t, y: decay }, { a: 1, k: 0.1, c: 0 }, { lower: { k: 0.2 } }));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.message).toContain("p0.k = 0.1 is outside its bounds [0.2, Infinity]");
  });

  it("built-in model names are accepted (builtinModels' expression; an array p0 takes its parameter names)", () => {
    // exact data from a*exp(-k*x)+c with a = 2, k = 0.5, c = 1: the fit recovers them
    const f = curveFit("exponentialDecay", { x: t, y: decay }, [1, 0.1, 0]);
    expect(f.parameterNames).toEqual([...builtinModels.exponentialDecay.parameters]);
    expect(close(f.params.a, 2, 1e-8, 1e-10) && close(f.params.k, 0.5, 1e-8, 1e-10) && close(f.params.c, 1, 1e-8, 1e-10)).toBe(true);
    const g = curveFit("exponentialDecay", { x: t, y: decay }, { c: 0, a: 1, k: 0.1 });
    expect(close(g.params.a, 2, 1e-8, 1e-10) && close(g.params.k, 0.5, 1e-8, 1e-10) && close(g.params.c, 1, 1e-8, 1e-10)).toBe(true);
    expect(lsqError(() => curveFit("exponentialDecay", { x: t, y: decay }, [1, 0.1])).message).toMatch(/'exponentialDecay'.*a, k, c/);
  });
});

describe("curveFit rank-deficient Jacobian", () => {
  const x = Array.from({ length: 20 }, (_, i) => i * 0.5);
  const yLin = x.map((v, i) => 3 * v + 1 + 0.01 * Math.sin(5 * i));
  const yExp = x.map((v, i) => 3 * Math.exp(-0.3 * v) + 0.01 * Math.sin(5 * i));

  it("y = (a*b) x + c: a and b not identifiable (Infinity, named in the note), c as in the reparametrised y = s x + c", () => {
    // reference: the identifiable reparametrisation, and the closed-form OLS line (olsLine above)
    const ref = olsLine(x, yLin);
    for (const fit of [
      curveFit("a*b*x + c", { x, y: yLin }, { a: 1, b: 1, c: 0 }),
      curveFit((xx: number, p: number[]) => p[0] * p[1] * xx + p[2], { x, y: yLin }, [1, 1, 0]),
    ]) {
      const [a, b, c] = [0, 1, 2];
      expect(fit.rank).toBe(2);
      expect(fit.stdErrors[a]).toBe(Infinity);
      expect(fit.stdErrors[b]).toBe(Infinity);
      expect(close(fit.x[a] * fit.x[b], ref.b, 1e-8)).toBe(true);
      expect(close(fit.x[c], ref.a, 1e-8, 1e-12)).toBe(true);
      // dof: N - free parameters (3), as scipy's curve_fit
      const sc = Math.sqrt(ref.chi2 / (x.length - 3) * ref.inv[0][0]);
      expect(close(fit.stdErrors[c], sc, 1e-6)).toBe(true);
      expect(fit.note).toMatch(new RegExp(`${fit.parameterNames[a]}, ${fit.parameterNames[b]} are not identifiable`));
      for (const row of fit.correlation) for (const v of row) expect(Number.isNaN(v)).toBe(false);
      for (const row of fit.covariance) for (const v of row) expect(Number.isNaN(v)).toBe(false);
    }
  });

  it("a*b*exp(-k*x): a, b Infinity; k equals the standard error of the identifiable fit s*exp(-k*x) (same dof)", () => {
    const fit = curveFit("a*b*exp(-k*x)", { x, y: yExp }, { a: 1, b: 1, k: 0.1 });
    const ref = curveFit("s*exp(-k*x)", { x, y: yExp }, { s: 1, k: 0.1 });
    expect(fit.rank).toBe(2);
    expect(fit.stdErrors[0]).toBe(Infinity);
    expect(fit.stdErrors[1]).toBe(Infinity);
    expect(close(fit.params.k, ref.params.k, 1e-7)).toBe(true);
    // ref has one more residual degree of freedom: rescale its variance by dof_ref / dof
    const expected = ref.stdErrors[1] * Math.sqrt(ref.degreesOfFreedom / fit.degreesOfFreedom);
    expect(close(fit.stdErrors[2], expected, 1e-5)).toBe(true);
    expect(fit.report()).not.toMatch(/C\(a, b\)/);
  });
});

describe("curveFit report(): loss, bounds, fixed", () => {
  const t = Array.from({ length: 12 }, (_, i) => i * 0.5);
  const exact = t.map((x) => 2 * Math.exp(-0.5 * x) + 1);

  it("names the robust loss and its lossScale; a linear fit has no loss line", () => {
    const robust = curveFit("a*exp(-k*x)+c", { x: t, y: exact }, { a: 1, k: 0.1, c: 0 }, { loss: "huber", lossScale: 0.25 });
    expect(robust.report()).toMatch(/loss\s+= huber \(lossScale 0\.25/);
    expect(robust.report().split("\n").filter((l) => /# loss/.test(l)).length).toBe(1);
    expect(curveFit("a*exp(-k*x)+c", { x: t, y: exact }, { a: 1, k: 0.1, c: 0 }).report()).not.toMatch(/# loss/);
    // leastSquares' Summary report too
    const s = leastSquares({ numResiduals: 2, residuals: (p, out) => void ((out[0] = p[0] - 1), (out[1] = p[0] - 3)) }, [0], { loss: "cauchy", lossScale: 2 });
    expect(s.report()).toMatch(/Loss\s+cauchy \(lossScale 2/);
  });

  it("flags a parameter that ended on a bound", () => {
    // the data want k = 0.5; k <= 0.3 stops it on the upper bound
    const fit = curveFit("a*exp(-k*x)+c", { x: t, y: exact }, { a: 1, k: 0.1, c: 0 }, { upper: { k: 0.3 } });
    expect(fit.params.k).toBe(0.3);
    const kLine = fit.report().split("\n").find((l) => /^\s+k:/.test(l))!;
    expect(kLine).toMatch(/at upper bound 0\.3/);
    for (const nm of ["a", "c"]) expect(fit.report().split("\n").find((l) => new RegExp(`^\\s+${nm}:`).test(l))).not.toMatch(/bound/);
  });

  it("marks only the really fixed parameters as fixed (an exact fit has zero standard errors too)", () => {
    const fit = curveFit("a*exp(-k*x)+c", { x: t, y: exact }, { a: 2, k: 0.1, c: 0 }, { fixed: ["a"] });
    const exactFree = curveFit("a*exp(-k*x)+c", { x: t, y: exact }, { a: 1, k: 0.1, c: 0 });
    const lines = (r: string) => r.split("\n").filter((l) => /^\s+(a|k|c):/.test(l));
    expect(lines(fit.report()).map((l) => l.includes("(fixed)"))).toEqual([true, false, false]);
    expect(lines(exactFree.report()).some((l) => l.includes("(fixed)"))).toBe(false);
  });
});
