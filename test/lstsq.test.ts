// lstsq / polyfit: against independent references (test/helpers/linear-reference.ts),
// closed forms, the rank-deficient seed example, weights/sigma equivalences, bad inputs,
// and memory stability over 100 000 calls.
import { describe, expect, it } from "vitest";
import { lstsq, polyfit, LsqError } from "../src/index.js";
import { LSTSQ_DEFAULTS } from "../src/linalg/lstsq.js";
import { core } from "../src/wasm/module.js";
import { mulberry32 } from "./helpers/reference.js";
import { matMul, matVec, normalEquationsSolve, normalInverse, pinvSolve, svdRank, type Rows } from "./helpers/linear-reference.js";
import { lsqErrorOf } from "./helpers/errors.js";

function randomRows(rand: () => number, m: number, n: number): Rows {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => 2 * rand() - 1));
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol: number, atol = 0): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
      throw new Error(`entry ${i}: ${a[i]} vs ${b[i]} (rtol ${rtol}, atol ${atol})`);
    }
  }
}


describe("lstsq on well-conditioned random problems", () => {
  const rand = mulberry32(42);
  for (const [m, n] of [
    [1, 1],
    [2, 2],
    [3, 2],
    [5, 3],
    [7, 5],
    [17, 7],
    [60, 17],
  ]) {
    for (const method of ["qr", "cholesky"] as const) {
      it(`${m} x ${n} (${method}) matches the normal-equations reference`, () => {
        const A = randomRows(rand, m, n);
        for (let j = 0; j < n && j < m; j++) A[j][j] += 3; // keep it well conditioned
        const b = Array.from({ length: m }, () => 2 * rand() - 1);
        const fit = lstsq(A, b, { method });
        const ref = normalEquationsSolve(A, b);
        expectClose(fit.coefficients, ref, 1e-10, 1e-12);
        expect(fit.rank).toBe(n);
        expect(fit.rankDeficient).toBe(false);
        expect(fit.method).toBe(method);
        expect(fit.degreesOfFreedom).toBe(m - n);
        // residuals = b - A x, RSS their sum of squares
        const Ax = matVec(A, fit.coefficients);
        expectClose(fit.residuals, b.map((v, i) => v - Ax[i]), 1e-9, 1e-12);
        // relative, with an absolute floor on the scale ||b||^2 (RSS ~ 0 when m = n)
        expectClose([fit.residualSumOfSquares], [fit.residuals.reduce((s, r) => s + r * r, 0)], 1e-12, 1e-14 * b.reduce((s, v) => s + v * v, 0));
        if (m > n) {
          // covariance = RSS/(m-n) (A^T A)^{-1}
          const inv = normalInverse(A);
          const s2 = fit.residualSumOfSquares / (m - n);
          // relative, with an absolute floor at 1e-12 of the largest entry for off-diagonals near 0
          const cov = inv.flatMap((row) => row.map((v) => s2 * v));
          expectClose(fit.covariance!.data, cov, 1e-9, 1e-12 * Math.max(...cov.map(Math.abs)));
          expectClose(fit.stdErrors!, inv.map((row, j) => Math.sqrt(s2 * row[j])), 1e-9);
        }
        expect(fit.conditionEstimate).toBeGreaterThanOrEqual(1);
        expect(Number.isFinite(fit.conditionEstimate)).toBe(true);
      });
    }
  }

  it("accepts { rows, cols, data } and gives the same answer as number[][]", () => {
    const A = randomRows(rand, 6, 3);
    const b = A.map(() => rand());
    const f1 = lstsq(A, b);
    const f2 = lstsq({ rows: 6, cols: 3, data: Float64Array.from(A.flat()) }, b);
    expectClose(f2.coefficients, f1.coefficients, 0, 0);
  });

  it("huge and tiny scales: finite, scale-equivariant coefficients", () => {
    const A = [
      [1, 2],
      [3, 5],
      [4, 4],
      [6, 1],
    ];
    const b = [1, 2, 2.5, 4];
    const ref = lstsq(A, b).coefficients;
    // columns scaled by 1e200 and 1e-200, b by 1e100: x_j scales by 1e100 / s_j
    const big = lstsq(A.map(([u, v]) => [u * 1e200, v * 1e-200]), b.map((v) => v * 1e100));
    expectClose(big.coefficients, [ref[0] * 1e-100, ref[1] * 1e300], 1e-12);
    for (const r of big.residuals) expect(Number.isFinite(r)).toBe(true);
  });

  it("rSquared: 1 - RSS/TSS (centred with an intercept column)", () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1.1, 2.9, 5.2, 7.1, 8.8, 11.2];
    const fit = lstsq(x.map((v) => [1, v]), y);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const tss = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(fit.rSquared).toBeCloseTo(1 - fit.residualSumOfSquares / tss, 14);
  });

  it("exact fit: zero residuals, covariance null (no degrees of freedom)", () => {
    const fit = lstsq([[1, 0], [0, 1]], [3, 4]);
    expectClose(fit.coefficients, [3, 4], 1e-15);
    expect(fit.covariance).toBeNull();
    expect(fit.message).toMatch(/degrees of freedom/);
  });
});

describe("rank deficiency", () => {
  const A = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [10, 11, 12],
  ];
  const b = [2, 4, 6, 8];

  it("the seed example: rank 2, minimum-norm solution = pinv(A) b (Jacobi SVD reference)", () => {
    const fit = lstsq(A, b);
    expect(fit.rank).toBe(2);
    expect(svdRank(A)).toBe(2);
    expect(fit.rankDeficient).toBe(true);
    expect(fit.message).toMatch(/rank deficient/);
    expect(fit.message).toMatch(/minimum-norm/);
    expectClose(fit.coefficients, pinvSolve(A, b), 1e-12, 1e-13);
    expect(fit.covariance).toBeNull();
    expect(fit.stdErrors).toBeNull();
    expect(fit.conditionEstimate).toBe(Infinity);
    for (const v of fit.coefficients) expect(Number.isFinite(v)).toBe(true);
  });

  it("random low-rank tall matrices: minimum-norm solution, residual orthogonal to range", () => {
    const rand = mulberry32(9);
    for (const [m, n, r] of [
      [7, 5, 2],
      [17, 7, 4],
      [9, 3, 1],
    ]) {
      const U = randomRows(rand, m, r);
      const V = randomRows(rand, r, n);
      const M = matMul(U, V);
      const y = Array.from({ length: m }, () => rand());
      const fit = lstsq(M, y);
      expect(fit.rank).toBe(r);
      expectClose(fit.coefficients, pinvSolve(M, y), 1e-9, 1e-10);
    }
  });

  it("method 'cholesky' on a singular problem falls back to QR and says so", () => {
    const fit = lstsq([[1, 2], [2, 4], [3, 6]], [1, 2, 3.1], { method: "cholesky" });
    expect(fit.method).toBe("qr");
    expect(fit.rank).toBe(1);
    expect(fit.message).toMatch(/Cholesky failed/);
    expectClose(fit.coefficients, pinvSolve([[1, 2], [2, 4], [3, 6]], [1, 2, 3.1]), 1e-12, 1e-14);
  });

  it("all-zero matrix: rank 0, x = 0, never NaN", () => {
    const fit = lstsq([[0, 0], [0, 0], [0, 0]], [1, 2, 3]);
    expect(fit.rank).toBe(0);
    expect([...fit.coefficients]).toEqual([0, 0]);
    expect([...fit.residuals]).toEqual([1, 2, 3]);
  });

  it("polyfit with too few distinct x: rank reported, minimum-norm coefficients of x", () => {
    const x = [2, 2, 2, 3, 3];
    const y = [1, 1.2, 0.8, 2, 2.1];
    const fit = polyfit(x, y, 3);
    expect(fit.rank).toBe(2);
    expect(fit.rankDeficient).toBe(true);
    const V = x.map((v) => [1, v, v * v, v * v * v]);
    expectClose(fit.coefficients, pinvSolve(V, y), 1e-10, 1e-12);
  });

  it("an exactly zero column is detected", () => {
    const fit = lstsq([[1, 0], [2, 0], [3, 0]], [1, 2, 3.5]);
    expect(fit.rank).toBe(1);
    expect(fit.coefficients[1]).toBe(0);
  });
});

describe("weights, sigma, ridge", () => {
  const rand = mulberry32(5);
  const A = randomRows(rand, 12, 4);
  const b = A.map(() => rand());
  const w = A.map(() => 0.2 + 3 * rand());

  it("weights w equal unweighted fit of rows scaled by sqrt(w)", () => {
    const fw = lstsq(A, b, { weights: w });
    const As = A.map((row, i) => row.map((v) => v * Math.sqrt(w[i])));
    const bs = b.map((v, i) => v * Math.sqrt(w[i]));
    const fs = lstsq(As, bs);
    expectClose(fw.coefficients, fs.coefficients, 1e-12, 1e-14);
    expectClose(fw.coefficients, normalEquationsSolve(A, b, w), 1e-10, 1e-12);
    expectClose([fw.residualSumOfSquares], [fs.residualSumOfSquares], 1e-12);
    // relative weights: covariance scaled by RSS/dof, same as the scaled-rows fit
    expectClose(fw.covariance!.data, fs.covariance!.data, 1e-10, 1e-14);
    // residuals are unweighted b - A x
    const Ax = matVec(A, fw.coefficients);
    expectClose(fw.residuals, b.map((v, i) => v - Ax[i]), 1e-10, 1e-13);
  });

  it("sigma = 1/sqrt(w) gives the same coefficients; covariance is absolute (A^T W A)^{-1}", () => {
    const sigma = w.map((v) => 1 / Math.sqrt(v));
    const fs = lstsq(A, b, { sigma });
    const fw = lstsq(A, b, { weights: w });
    expectClose(fs.coefficients, fw.coefficients, 1e-12, 1e-14);
    const inv = normalInverse(A, w);
    const cov = inv.flat();
    expectClose(fs.covariance!.data, cov, 1e-9, 1e-12 * Math.max(...cov.map(Math.abs)));
  });

  it("ridge matches (A^T A + lambda I)^{-1} A^T b", () => {
    for (const lambda of [1e-3, 0.5, 10]) {
      for (const method of ["qr", "cholesky"] as const) {
        const fit = lstsq(A, b, { ridge: lambda, method });
        expectClose(fit.coefficients, normalEquationsSolve(A, b, null, lambda), 1e-10, 1e-12);
      }
    }
  });

  it("ridge allows fewer rows than columns", () => {
    const Aw = randomRows(rand, 3, 6);
    const bw = [1, 2, 3];
    const fit = lstsq(Aw, bw, { ridge: 0.1 });
    expectClose(fit.coefficients, normalEquationsSolve(Aw, bw, null, 0.1), 1e-10, 1e-12);
  });

  it("polyfit with weights equals lstsq on the Vandermonde matrix with weights", () => {
    const x = Array.from({ length: 15 }, (_, i) => i / 3 - 2);
    const y = x.map((v) => 1 - 2 * v + 0.5 * v * v + 0.1 * rand());
    const ww = x.map(() => 0.5 + rand());
    const pf = polyfit(x, y, 2, { weights: ww });
    const lf = lstsq(x.map((v) => [1, v, v * v]), y, { weights: ww });
    expectClose(pf.coefficients, lf.coefficients, 1e-12, 1e-14);
    expectClose(pf.stdErrors!, lf.stdErrors!, 1e-9);
  });

  it("polyfit without intercept: coefficients[0] = 0, powers 1..d", () => {
    const x = [1, 2, 3, 4, 5];
    const y = x.map((v) => 2 * v - 0.25 * v * v);
    const pf = polyfit(x, y, 2, { intercept: false });
    expect(pf.coefficients.length).toBe(3);
    expect(pf.coefficients[0]).toBe(0);
    expectClose(pf.coefficients.subarray(1), [2, -0.25], 1e-13);
    expect(pf.rank).toBe(2);
    expect(pf.rankDeficient).toBe(false);
  });

  it("polyfit ridge penalises the coefficients of x: matches the closed form", () => {
    const x = [0.5, 1, 3, 4.5, 6, 7, 8.5];
    const y = x.map((v) => Math.sin(v));
    const pf = polyfit(x, y, 3, { ridge: 0.7 });
    expectClose(pf.coefficients, normalEquationsSolve(x.map((v) => [1, v, v * v, v * v * v]), y, null, 0.7), 1e-9, 1e-12);
  });
});

describe("options and bad input", () => {
  const A = [
    [1, 2],
    [3, 4],
    [5, 6.5],
  ];
  const b = [1, 2, 3];

  it("defaults live in one frozen object", () => {
    expect(Object.isFrozen(LSTSQ_DEFAULTS)).toBe(true);
  });

  it("each error code, with the argument / row / column / value named", () => {
    const cases: [() => unknown, string, RegExp][] = [
      [() => lstsq(A, b, { tolerance: 1 } as never), "UNKNOWN_OPTION", /tolerance/],
      [() => lstsq([[1, NaN], [3, 4], [5, 6]], b), "NON_FINITE", /A\[0\]\[1\].*row 0, column 1.*NaN/],
      [() => lstsq([[1, 2], [3, Infinity], [5, 6]], b), "NON_FINITE", /row 1, column 1.*Infinity/],
      [() => lstsq(A, [1, -Infinity, 3]), "NON_FINITE", /b\[1\].*-Infinity/],
      [() => lstsq([[1, 2], [3], [5, 6]], b), "SHAPE_MISMATCH", /A\[1\].*1 columns/],
      [() => lstsq(A, [1, 2]), "SHAPE_MISMATCH", /b has length 2, expected 3/],
      [() => lstsq([], []), "EMPTY_INPUT", /A/],
      [() => lstsq([[1, 2, 3]], [1]), "TOO_FEW_ROWS", /1 rows but 3 columns/],
      [() => lstsq(A, b, { sigma: [1, 0, 1] }), "INVALID_ARGUMENT", /sigma\[1\].*row 1.*0/],
      [() => lstsq(A, b, { weights: [1, 1, -2] }), "INVALID_ARGUMENT", /weights\[2\].*-2/],
      [() => lstsq(A, b, { sigma: [1, 1, 1], weights: [1, 1, 1] }), "INVALID_ARGUMENT", /not both/],
      [() => lstsq(A, b, { ridge: -1 }), "INVALID_ARGUMENT", /ridge.*-1/],
      [() => lstsq(A, b, { method: "svd" as never }), "INVALID_ARGUMENT", /method.*"svd"/],
      [() => lstsq(A, b, { rcond: 2 }), "INVALID_ARGUMENT", /rcond.*2/],
      [() => polyfit([1, 2], [1, 2], 3), "TOO_FEW_ROWS", /2 points cannot determine 4/],
      [() => polyfit([1, 2, 3], [1, 2], 1), "SHAPE_MISMATCH", /y has length 2, expected 3/],
      [() => polyfit([1, 2, 3], [1, 2, 3], 1.5), "INVALID_ARGUMENT", /degree.*1\.5/],
      [() => polyfit([1, 2, 3], [1, 2, 3], 1, { centre: true } as never), "UNKNOWN_OPTION", /centre/],
    ];
    for (const [f, code, re] of cases) {
      const e = lsqErrorOf(f);
      expect(e.code, e.message).toBe(code);
      expect(e.message).toMatch(re);
    }
  });

  it("inputs are never mutated, also when a call fails", () => {
    const A2 = A.map((r) => [...r]);
    const b2 = [...b];
    const s2 = [1, 0, 1];
    const w2 = [1, 2, 3];
    lstsq(A2, b2, { weights: w2 });
    lsqErrorOf(() => lstsq(A2, b2, { sigma: s2 }));
    lsqErrorOf(() => lstsq(A2, b2, { ridge: -1 }));
    expect(A2).toEqual(A);
    expect(b2).toEqual(b);
    expect(s2).toEqual([1, 0, 1]);
    expect(w2).toEqual([1, 2, 3]);
    const data = Float64Array.from([1, 2, 3, 4, 5, 6.5]);
    lstsq({ rows: 3, cols: 2, data }, b);
    expect([...data]).toEqual([1, 2, 3, 4, 5, 6.5]);
  });
});

describe("memory", () => {
  it("100 000 lstsq calls on a small problem leave the wasm memory size unchanged after warm-up", () => {
    const A = [
      [1, 0.5],
      [1, 1.5],
      [1, 2.5],
      [1, 4],
    ];
    const b = [1, 2, 2.9, 4.2];
    lstsq(A, b);
    lstsq(A, b, { method: "cholesky" });
    const before = core().arena.memory.buffer.byteLength;
    const used = core().arena.used;
    let acc = 0;
    for (let i = 0; i < 100000; i++) acc += lstsq(A, b, { refinementSteps: i % 2, method: i % 3 === 0 ? "cholesky" : "qr" }).coefficients[1];
    expect(Number.isFinite(acc)).toBe(true);
    expect(core().arena.memory.buffer.byteLength).toBe(before);
    expect(core().arena.used).toBe(used);
  }, 60000);
});
