// Adversarial inputs for lstsq / polyfit: the bad-input contract (LsqError with a code and a
// message naming the argument, row/column and value), no mutation of user arrays, numerical
// trouble reported (never a silent NaN or a silently wrong answer), memory stable in a loop.
// Expected numbers come from closed forms (stated next to each case).
import { describe, expect, it } from "vitest";
import { LsqError, lstsq, polyfit } from "../src/index.js";
import { core } from "../src/wasm/module.js";
import { lsqErrorOf } from "./helpers/errors.js";


function expectError(f: () => unknown, code: string, message: RegExp): void {
  const e = lsqErrorOf(f);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
}

const A = [[1, 2], [3, 4], [5, 7]];
const b = [1, 2, 3];

function closeTo(a: number, ref: number, rtol = 1e-12): void {
  if (!(Math.abs(a - ref) <= rtol * Math.abs(ref))) throw new Error(`${a} vs ${ref} (rtol ${rtol})`);
}

describe("lstsq: non-finite values are named by argument, row, column and value", () => {
  it("A first row, last row, last column", () => {
    expectError(() => lstsq([[NaN, 2], [3, 4], [5, 7]], b), "NON_FINITE", /A\[0\]\[0\] \(row 0, column 0\).*NaN/);
    expectError(() => lstsq([[1, 2], [3, 4], [5, -Infinity]], b), "NON_FINITE", /A\[2\]\[1\] \(row 2, column 1\).*-Infinity/);
    expectError(() => lstsq({ rows: 3, cols: 2, data: [1, 2, 3, 4, 5, Infinity] }, b), "NON_FINITE", /A\[2\]\[1\].*Infinity/);
  });
  it("b, sigma, weights", () => {
    expectError(() => lstsq(A, [1, 2, NaN]), "NON_FINITE", /b\[2\].*NaN/);
    expectError(() => lstsq(A, b, { sigma: [1, 1, Infinity] }), "NON_FINITE", /sigma\[2\].*Infinity/);
    expectError(() => lstsq(A, b, { weights: [NaN, 1, 1] }), "NON_FINITE", /weights\[0\].*NaN/);
  });
  it("sigma <= 0, negative weights, a weight that overflows", () => {
    expectError(() => lstsq(A, b, { sigma: [1, 0, 1] }), "INVALID_ARGUMENT", /sigma\[1\] \(row 1\).*> 0.*got 0/);
    expectError(() => lstsq(A, b, { sigma: [1, -1, 1] }), "INVALID_ARGUMENT", /sigma\[1\].*-1/);
    expectError(() => lstsq(A, b, { weights: [1, -1, 1] }), "INVALID_ARGUMENT", /weights\[1\] \(row 1\).*-1/);
    expectError(() => lstsq(A, b, { sigma: [1, 1, 1e-200] }), "INVALID_ARGUMENT", /sigma\[2\].*1e-200/);
  });
  it("ridge, rcond, refinementSteps, method: NaN, negative, out of range, strings", () => {
    expectError(() => lstsq(A, b, { ridge: NaN }), "INVALID_ARGUMENT", /ridge.*NaN/);
    expectError(() => lstsq(A, b, { ridge: -1 }), "INVALID_ARGUMENT", /ridge.*-1/);
    expectError(() => lstsq(A, b, { ridge: Infinity }), "INVALID_ARGUMENT", /ridge.*Infinity/);
    expectError(() => lstsq(A, b, { ridge: "1" as unknown as number }), "INVALID_ARGUMENT", /ridge.*"1"/);
    expectError(() => lstsq(A, b, { rcond: NaN }), "INVALID_ARGUMENT", /rcond.*NaN/);
    expectError(() => lstsq(A, b, { rcond: 1 }), "INVALID_ARGUMENT", /rcond.*1/);
    expectError(() => lstsq(A, b, { refinementSteps: 1.5 }), "INVALID_ARGUMENT", /refinementSteps.*1\.5/);
    expectError(() => lstsq(A, b, { method: "svd" as "qr" }), "INVALID_ARGUMENT", /method.*"svd"/);
  });
  it("unknown and misspelt option keys", () => {
    expectError(() => lstsq(A, b, { sigmas: [1, 1, 1] } as object), "UNKNOWN_OPTION", /"sigmas"/);
    expectError(() => lstsq(A, b, { Ridge: 1 } as object), "UNKNOWN_OPTION", /"Ridge"/);
    expectError(() => polyfit([1, 2, 3], b, 1, { degree: 2 } as object), "UNKNOWN_OPTION", /"degree"/);
  });
});

describe("lstsq: shapes", () => {
  it("ragged rows, holes, wrong lengths, empty input, m < n", () => {
    expectError(() => lstsq([[1, 2], [3], [5, 7]], b), "SHAPE_MISMATCH", /A\[1\] has 1 columns.*row 0 has 2/);
    expectError(() => lstsq([[1, 2], [3, 4, 5], [5, 7]], b), "SHAPE_MISMATCH", /A\[1\] has 3 columns/);
    // eslint-disable-next-line no-sparse-arrays
    expectError(() => lstsq([[1, 2], , [5, 7]] as number[][], b), "INVALID_ARGUMENT", /A\[1\].*undefined/);
    expectError(() => lstsq(A, [1, 2]), "SHAPE_MISMATCH", /b has length 2, expected 3/);
    expectError(() => lstsq(A, b, { sigma: [1, 1] }), "SHAPE_MISMATCH", /sigma has length 2, expected 3/);
    expectError(() => lstsq([], []), "EMPTY_INPUT", /A/);
    expectError(() => lstsq([[]], [1]), "EMPTY_INPUT", /A\[0\]/);
    expectError(() => lstsq([[1, 2]], [1]), "TOO_FEW_ROWS", /1 rows but 2 columns/);
    expectError(() => lstsq("abc" as unknown as number[][], b), "INVALID_ARGUMENT", /A must be/);
    expectError(() => lstsq({ rows: 1.5, cols: 2, data: [1, 2, 3] }, b), "INVALID_ARGUMENT", /A\.rows.*1\.5/);
  });
  it("typed arrays of every kind give the same solution as number[]", () => {
    const ref = lstsq(A, b).coefficients;
    const kinds = [Float32Array, Float64Array, Int32Array, Int16Array, Uint8Array] as const;
    for (const K of kinds) {
      const fit = lstsq(A.map((r) => K.from(r)), K.from(b));
      for (let j = 0; j < 2; j++) closeTo(fit.coefficients[j], ref[j], 1e-14);
      const flat = lstsq({ rows: 3, cols: 2, data: K.from(A.flat()) }, K.from(b));
      for (let j = 0; j < 2; j++) closeTo(flat.coefficients[j], ref[j], 1e-14);
    }
  });
  it("1 x 1 and m = n (exact solutions)", () => {
    expect(Array.from(lstsq([[2]], [4]).coefficients)).toEqual([2]);
    const sq = lstsq([[2, 1], [1, 3]], [3, 5]); // x = [0.8, 1.4]
    closeTo(sq.coefficients[0], 0.8);
    closeTo(sq.coefficients[1], 1.4);
    expect(sq.stdErrors).toBeNull(); // no degrees of freedom: reported as null, not NaN
  });
});

describe("lstsq: numerical trouble is reported, never NaN", () => {
  it("zero matrix: rank 0, zero solution, rank deficiency said", () => {
    for (const method of ["qr", "cholesky"] as const) {
      const fit = lstsq([[0, 0], [0, 0], [0, 0]], b, { method });
      expect(fit.rank).toBe(0);
      expect(fit.rankDeficient).toBe(true);
      expect(Array.from(fit.coefficients)).toEqual([0, 0]);
      expect(fit.message).toMatch(/rank/);
      expect(fit.stdErrors).toBeNull();
    }
  });
  it("a column of zeros and duplicate columns: minimum-norm solutions", () => {
    const z = lstsq([[1, 0], [2, 0], [3, 0]], b); // x = [1, 0]
    expect(z.rank).toBe(1);
    closeTo(z.coefficients[0], 1);
    expect(z.coefficients[1]).toBe(0);
    for (const method of ["qr", "cholesky"] as const) {
      const d = lstsq([[1, 1], [2, 2], [3, 3]], b, { method }); // x1 + x2 = 1, min norm [0.5, 0.5]
      expect(d.rank).toBe(1);
      closeTo(d.coefficients[0], 0.5);
      closeTo(d.coefficients[1], 0.5);
    }
  });
  it("right-hand side near the overflow threshold: the exact LS solution, not x = 0", () => {
    // A = [[1,0],[0,1],[1,1]], b = t [1,-1,1]: (A^T A) x = t [2, 0] -> x = t [4/3, -2/3].
    const t = 1e308;
    for (const method of ["qr", "cholesky"] as const) {
      const fit = lstsq([[1, 0], [0, 1], [1, 1]], [t, -t, t], { method });
      closeTo(fit.coefficients[0], (t / 3) * 4, 1e-14);
      closeTo(fit.coefficients[1], (-t / 3) * 2, 1e-14);
    }
    // polyfit, y alternating +-t at x = 1, 2, 3: slope 0, intercept t/3.
    const p = polyfit([1, 2, 3], [t, -t, t], 1);
    closeTo(p.coefficients[0], t / 3, 1e-14);
    expect(Math.abs(p.coefficients[1])).toBeLessThan(1e-14 * t);
  });
  it("huge and tiny column scales: the closed-form solution", () => {
    // A = s A0 -> x = x0 / s, with x0 = lstsq(A0, b).
    const x0 = lstsq(A, b).coefficients;
    for (const s of [1e300, 1e-300]) {
      const fit = lstsq(A.map((r) => r.map((v) => v * s)), b);
      for (let j = 0; j < 2; j++) closeTo(fit.coefficients[j], x0[j] / s, 1e-12);
    }
  });
  it("b scaled by 1e250 / 1e-300: x and stdErrors scale with it, R^2 is unchanged (not NaN)", () => {
    const ref = lstsq(A, b);
    for (const t of [1e250, 1e-300]) {
      for (const method of ["qr", "cholesky"] as const) {
        const fit = lstsq(A, b.map((v) => v * t), { method });
        for (let j = 0; j < 2; j++) {
          closeTo(fit.coefficients[j], ref.coefficients[j] * t, 1e-12);
          closeTo(fit.stdErrors![j], ref.stdErrors![j] * t, 1e-12);
        }
        closeTo(fit.rSquared, ref.rSquared, 1e-12);
      }
    }
    // weights near the top of the range: the weighted mean (and so R^2) stays finite; uniform weights change nothing
    const w = lstsq(A, b, { weights: [1.7e308, 1.7e308, 1.7e308] });
    closeTo(w.rSquared, ref.rSquared, 1e-12);
  });
  it("large ridge: QR agrees with the closed form (a first solve of exactly 0 is refined, not kept)", () => {
    // x = (G + l I)^{-1} c, G = A^T A = [[35, 49], [49, 69]], c = A^T b = [22, 31];
    // exactly by the 2 x 2 inverse for l = 1e4, and x = c / l (1 + O(1e2 / l)) for l >= 1e20.
    const l4 = 1e4;
    const det = (35 + l4) * (69 + l4) - 49 * 49;
    const exact = [((69 + l4) * 22 - 49 * 31) / det, ((35 + l4) * 31 - 49 * 22) / det];
    for (const method of ["qr", "cholesky"] as const) {
      const fit = lstsq(A, b, { ridge: l4, method });
      for (let j = 0; j < 2; j++) closeTo(fit.coefficients[j], exact[j], 1e-13);
      for (const l of [1e20, 1e40, 1e100, 1e300]) {
        const big = lstsq(A, b, { ridge: l, method });
        closeTo(big.coefficients[0], 22 / l, 1e-13);
        closeTo(big.coefficients[1], 31 / l, 1e-13);
      }
    }
  });
  it("standard errors under huge and tiny column scales: se(A D) = se(A) / D, not 0 or Infinity", () => {
    // Scaling column j by d_j scales x_j and its standard error by 1/d_j (residuals unchanged).
    const ref = lstsq(A, b);
    for (const d of [[1e300, 1e300], [1e-300, 1e-300], [1e300, 1e-300], [1e-200, 1e200]]) {
      const fit = lstsq(A.map((r) => r.map((v, j) => v * d[j])), b);
      for (let j = 0; j < 2; j++) {
        closeTo(fit.coefficients[j], ref.coefficients[j] / d[j], 1e-12);
        closeTo(fit.stdErrors![j], ref.stdErrors![j] / d[j], 1e-12);
      }
    }
  });
  it("a coefficient beyond the double range is named in the message (polyfit of x ~ 1e-300)", () => {
    const fit = polyfit([1e-300, 2e-300, 3e-300], [1, 2, 3], 2);
    for (const c of fit.coefficients) expect(Number.isNaN(c)).toBe(false);
    if (!fit.coefficients.every((c) => Number.isFinite(c))) expect(fit.message).toMatch(/OVERFLOW: coefficients\[2\]/);
    const over = lstsq([[1e-300], [1e-300]], [1e300, 1e300]); // x = 1e600
    expect(over.coefficients[0]).toBe(Infinity);
    expect(over.message).toMatch(/OVERFLOW: coefficients\[0\] = Infinity/);
  });
});

describe("polyfit: bad input", () => {
  it("degree, intercept, x/y", () => {
    expectError(() => polyfit([1, 2, 3], b, -1), "INVALID_ARGUMENT", /degree.*-1/);
    expectError(() => polyfit([1, 2, 3], b, 1.5), "INVALID_ARGUMENT", /degree.*1\.5/);
    expectError(() => polyfit([1, 2, 3], b, NaN), "INVALID_ARGUMENT", /degree.*NaN/);
    expectError(() => polyfit([1, 2, 3], b, "2" as unknown as number), "INVALID_ARGUMENT", /degree.*"2"/);
    expectError(() => polyfit([1, 2, 3], b, 5), "TOO_FEW_ROWS", /3 points.*6 coefficients/);
    expectError(() => polyfit([1, 2, 3], b, 1, { intercept: "no" as unknown as boolean }), "INVALID_ARGUMENT", /intercept.*"no"/);
    expectError(() => polyfit([1, 2, NaN], b, 1), "NON_FINITE", /x\[2\].*NaN/);
    expectError(() => polyfit([1, 2, 3], [1, 2], 1), "SHAPE_MISMATCH", /y has length 2, expected 3/);
    expectError(() => polyfit([], [], 0), "EMPTY_INPUT", /x/);
  });
});

describe("problems too large for wasm memory fail fast with an LsqError", () => {
  it("polyfit degree 1e9 with ridge, a 1 x 1e6 ridge problem", () => {
    for (const deg of [1e6, 1e9]) expectError(() => polyfit([1, 2, 3], [1, 2, 3], deg, { ridge: 1 }), "WASM_ERROR", /polyfit: a 3 x \d+ problem with ridge needs .* GiB/);
    expectError(() => lstsq({ rows: 1, cols: 1e6, data: new Float64Array(1e6).fill(1) }, [1], { ridge: 1 }), "WASM_ERROR", /lstsq: a 1 x 1000000 problem with ridge/);
  });
});

describe("no mutation, no memory growth", () => {
  it("user arrays are unchanged after succeeding and failing calls", () => {
    const a2 = [[1, 2], [3, 4], [5, 7]];
    const b2 = [1, 2, 3];
    const s2 = [1, 2, 3];
    const f32 = new Float32Array([1, 2, 3, 4, 5, 7]);
    lstsq(a2, b2, { sigma: s2, ridge: 0.1 });
    lstsq({ rows: 3, cols: 2, data: f32 }, b2, { method: "cholesky" });
    polyfit(b2, s2, 2, { weights: s2 });
    expect(() => lstsq(a2, b2, { sigma: s2, ridge: -1 })).toThrow(LsqError);
    expect(a2).toEqual([[1, 2], [3, 4], [5, 7]]);
    expect(b2).toEqual([1, 2, 3]);
    expect(s2).toEqual([1, 2, 3]);
    expect(Array.from(f32)).toEqual([1, 2, 3, 4, 5, 7]);
  });
  it("a loop of failing and succeeding calls does not grow wasm memory", () => {
    const run = (): void => {
      try {
        lstsq([[1, NaN]], [1]);
      } catch {
        /* expected */
      }
      lstsq([[1, 1], [2, 2], [3, 3]], b, { method: "cholesky" });
      lstsq([[1, 0], [0, 1], [1, 1]], [1e308, -1e308, 1e308]);
      polyfit([1, 2, 3, 4], [1, 2, 3, 4], 5, { ridge: 0.1 });
    };
    for (let i = 0; i < 50; i++) run();
    const before = core().arena.memory.buffer.byteLength;
    for (let i = 0; i < 2000; i++) run();
    expect(core().arena.memory.buffer.byteLength).toBe(before);
  });
});
