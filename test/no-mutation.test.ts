// House rule (docs/STYLE.md, README "Bad input"): user arrays are never mutated; results are
// fresh arrays. Property checked for curveFit and leastSquares, on successful fits and on calls
// that throw an LsqError: every input (p0 as array / Float64Array / object, data.x as array /
// columns / object of columns, y, sigma, lower/upper as arrays and objects, fixed as mask /
// indices / names) is deep-copied before the call and compared after it; a second run passes
// deep-frozen plain arrays and objects, so even a write that is undone later throws.
import { describe, expect, it } from "vitest";
import { LsqError, curveFit, leastSquares } from "../src/index.js";

type Inputs = Record<string, unknown>;

/** Object.freeze on every plain array / object reachable (typed arrays cannot be frozen). */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !ArrayBuffer.isView(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

/** Runs `call` on the inputs twice (plain, then deep-frozen) and checks they are unchanged. */
function expectUnchanged(make: () => Inputs, call: (i: Inputs) => unknown, throws: boolean): void {
  for (const frozen of [false, true]) {
    const inputs = make();
    if (frozen) deepFreeze(inputs);
    const before = structuredClone(inputs);
    let error: unknown = null;
    let result: unknown = null;
    try {
      result = call(inputs);
    } catch (e) {
      error = e;
    }
    if (throws) expect(error, `frozen=${frozen}: expected an LsqError`).toBeInstanceOf(LsqError);
    else expect(error, `frozen=${frozen}: ${String(error)}`).toBe(null);
    // toEqual compares typed arrays element-wise, NaN equal to NaN, and checks the array types
    expect(inputs, `frozen=${frozen}`).toEqual(before);
    if (result !== null) {
      // the returned parameter vector is a fresh array, not one of the inputs
      const x = (result as { x: unknown }).x;
      for (const v of Object.values(inputs)) expect(x).not.toBe(v);
    }
  }
}

const X = [0, 1, 2, 3, 4, 5, 6, 7];
// y = 2 exp(-0.3 x) + 0.5 with a +-0.01 alternating perturbation (so the fit is not exact)
const Y = X.map((x, i) => 2 * Math.exp(-0.3 * x) + 0.5 + (i % 2 ? 0.01 : -0.01));
const SIGMA = X.map((_, i) => 1 + 0.1 * i);

describe("curveFit never modifies its inputs", () => {
  it("expression model, p0 object, x array, y, sigma, lower/upper objects, fixed names", () => {
    expectUnchanged(
      () => ({
        x: X.slice(),
        y: Y.slice(),
        sigma: SIGMA.slice(),
        p0: { a: 1, k: 0.1, c: 0.5 },
        lower: { a: 0, k: 0 },
        upper: { k: 5 },
        fixed: ["c"],
      }),
      (i) => curveFit("a*exp(-k*x) + c", { x: i.x as number[], y: i.y as number[], sigma: i.sigma as number[] }, i.p0 as Record<string, number>, { lower: i.lower as Record<string, number>, upper: i.upper as Record<string, number>, fixed: i.fixed as string[] }),
      false,
    );
  });
  it("function model, p0 array and Float64Array, x columns, lower/upper arrays, fixed mask and indices", () => {
    for (const [fixed, p0] of [[[false, false, true], () => [1, 0.1, 0]], [[2], () => Float64Array.of(1, 0.1, 0)]] as const) {
      expectUnchanged(
        () => ({
          x: [X.slice(), X.map((v) => v * v)],
          y: Y.slice(),
          p0: p0(),
          lower: [0, -1, -Infinity],
          upper: [10, 1, Infinity],
          fixed: fixed.slice(),
        }),
        (i) => curveFit((x: number[], p: number[]) => p[0] * Math.exp(-p[1] * x[0]) + p[2] * x[1], { x: i.x as number[][], y: i.y as number[] }, i.p0 as number[], { lower: i.lower as number[], upper: i.upper as number[], fixed: i.fixed as number[] }),
        false,
      );
    }
  });
  it("expression model, x as an object of named columns, Float64Array y and sigma", () => {
    expectUnchanged(
      () => ({
        x: { u: X.slice(), v: X.map((t) => t % 3) },
        y: Float64Array.from(X, (t) => 1.5 * t - 0.25 * (t % 3) + (t % 2 ? 0.01 : -0.01)),
        sigma: Float64Array.from(SIGMA),
        p0: { a: 1, b: 1 },
      }),
      (i) => curveFit("a*u + b*v", { x: i.x as Record<string, number[]>, y: i.y as Float64Array, sigma: i.sigma as Float64Array }, i.p0 as Record<string, number>),
      false,
    );
  });
  it("nanPolicy 'omit' drops rows without touching the user's x, y, sigma", () => {
    expectUnchanged(
      () => ({ x: X.slice(), y: Y.map((v, i) => (i === 3 ? NaN : v)), sigma: SIGMA.slice(), p0: { a: 1, k: 0.1, c: 0.5 } }),
      (i) => curveFit("a*exp(-k*x) + c", { x: i.x as number[], y: i.y as number[], sigma: i.sigma as number[] }, i.p0 as Record<string, number>, { nanPolicy: "omit" }),
      false,
    );
  });
  it("vector outputs: y and sigma as rows", () => {
    expectUnchanged(
      () => ({ x: X.slice(), y: X.map((t) => [2 * t + 1, -t + (t % 2 ? 0.01 : -0.01)]), sigma: X.map(() => [1, 2]), p0: [1, 1, 1] }),
      (i) => curveFit((t: number, p: number[]) => [p[0] * t + p[1], p[2] * t], { x: i.x as number[], y: i.y as number[][], sigma: i.sigma as number[][] }, i.p0 as number[]),
      false,
    );
  });
  it("calls that throw an LsqError leave the inputs unchanged", () => {
    const base = () => ({ x: X.slice(), y: Y.slice(), sigma: SIGMA.slice(), p0: { a: 1, k: 0.1, c: 0.5 }, lower: { a: 0 }, upper: { a: 10 }, fixed: ["c"] });
    const fit = (i: Inputs) => curveFit("a*exp(-k*x) + c", { x: i.x as number[], y: i.y as number[], sigma: i.sigma as number[] }, i.p0 as Record<string, number>, { lower: i.lower as Record<string, number>, upper: i.upper as Record<string, number>, fixed: i.fixed as string[] });
    const bad: (() => Inputs)[] = [
      () => ({ ...base(), y: Y.map((v, i) => (i === 2 ? NaN : v)) }), // non-finite y, nanPolicy 'raise'
      () => ({ ...base(), sigma: SIGMA.map((v, i) => (i === 1 ? 0 : v)) }), // sigma must be > 0
      () => ({ ...base(), p0: { a: 20, k: 0.1, c: 0.5 } }), // p0.a outside [0, 10]
      () => ({ ...base(), fixed: ["d"] }), // unknown parameter name
      () => ({ ...base(), x: X.slice(1) }), // x and y lengths differ
    ];
    for (const make of bad) expectUnchanged(make, fit, true);
    // array forms: p0 array outside upper array, fixed index out of range
    const arrays = () => ({ x: [X.slice(), X.slice()], y: Y.slice(), p0: [1, 0.1, 0.5], lower: [0, 0, 0], upper: [10, 0.05, 1], fixed: [false, false, false] });
    const fitArrays = (i: Inputs) => curveFit((x: number[], p: number[]) => p[0] * Math.exp(-p[1] * x[0]) + p[2], { x: i.x as number[][], y: i.y as number[] }, i.p0 as number[], { lower: i.lower as number[], upper: i.upper as number[], fixed: i.fixed as boolean[] });
    expectUnchanged(arrays, fitArrays, true);
    expectUnchanged(() => ({ ...arrays(), upper: [10, 1, 1], fixed: [7] }), fitArrays, true);
  });
});

describe("leastSquares never modifies its inputs", () => {
  // r = [a - 1, b - 2, a + b - 4]: minimum a = 4/3, b = 7/3
  const problem = {
    numResiduals: 3,
    residuals(p: Float64Array, out: Float64Array) {
      out[0] = p[0] - 1;
      out[1] = p[1] - 2;
      out[2] = p[0] + p[1] - 4;
    },
  };
  it("p0 (array and Float64Array), lower/upper arrays, fixed mask and indices", () => {
    for (const p0 of [() => [0, 0], () => Float64Array.of(0, 0)]) {
      for (const fixed of [[false, false], [true, false], [1]]) {
        expectUnchanged(
          () => ({ p0: p0(), lower: [-10, -10], upper: Float64Array.of(10, 10), fixed: fixed.slice() }),
          (i) => leastSquares(problem, i.p0 as number[], { lower: i.lower as number[], upper: i.upper as Float64Array, fixed: i.fixed as boolean[] }),
          false,
        );
      }
    }
  });
  it("calls that throw an LsqError leave the inputs unchanged", () => {
    const cases: (() => Inputs)[] = [
      () => ({ p0: [0, 0], lower: [1, -10], upper: [10, 10], fixed: [false, false] }), // p0[0] below its bound
      () => ({ p0: [0, NaN], lower: [-10, -10], upper: [10, 10], fixed: [false, false] }), // non-finite p0
      () => ({ p0: [0, 0], lower: [-10], upper: [10, 10], fixed: [false, false] }), // lower has the wrong length
      () => ({ p0: [0, 0], lower: [-10, -10], upper: [10, 10], fixed: [5] }), // fixed index out of range
    ];
    for (const make of cases) {
      expectUnchanged(make, (i) => leastSquares(problem, i.p0 as number[], { lower: i.lower as number[], upper: i.upper as number[], fixed: i.fixed as number[] }), true);
    }
  });
});
