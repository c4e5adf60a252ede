// Householder QR kernels through src/linalg/qr.ts: properties on seeded random matrices
// (tall, wide, square, rank deficient; sizes 1, 2, 3, 5, 7, 17 hit every SIMD tail):
// Q R = A P, Q^T Q = I, R upper, pivoting gives non-increasing |R_kk|; and the damped
// LM step against the closed form (J^T J + lambda D^2)^{-1} (-J^T r).
import { describe, expect, it } from "vitest";
import { qr, dampedLeastSquaresStep, dampedStepSolver } from "../src/linalg/qr.js";
import { core } from "../src/wasm/module.js";
import { mulberry32 } from "./helpers/reference.js";
import { gaussSolve, matMul, matT, type Rows } from "./helpers/linear-reference.js";

const sizes = [1, 2, 3, 5, 7, 17];

function randomRows(rand: () => number, m: number, n: number): Rows {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => 2 * rand() - 1));
}

/** m x n of rank r: (m x r) (r x n). */
function lowRank(rand: () => number, m: number, n: number, r: number): Rows {
  return matMul(randomRows(rand, m, r), randomRows(rand, r, n));
}

function toRows(M: { rows: number; cols: number; data: Float64Array }): Rows {
  return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
}

function maxAbsDiff(a: Rows, b: Rows): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[0].length; j++) d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
  return d;
}

function checkFactorization(A: Rows, pivot: boolean): void {
  const m = A.length;
  const n = A[0].length;
  const k = Math.min(m, n);
  const { q, r, permutation } = qr(A, { pivot });
  expect(q.rows).toBe(m);
  expect(q.cols).toBe(k);
  const Q = toRows(q);
  const R = toRows(r);
  // R upper (entries below the diagonal exactly zero)
  for (let i = 0; i < k; i++) for (let j = 0; j < Math.min(i, n); j++) expect(R[i][j]).toBe(0);
  // permutation is a permutation
  expect([...permutation].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, j) => j));
  if (!pivot) expect([...permutation]).toEqual(Array.from({ length: n }, (_, j) => j));
  // Q R = A P
  const AP = A.map((row) => Array.from(permutation, (p) => row[p]));
  const scale = Math.max(1, ...A.flat().map(Math.abs));
  expect(maxAbsDiff(matMul(Q, R), AP)).toBeLessThan(1e-13 * scale * Math.max(m, n));
  // Q^T Q = I
  const QtQ = matMul(matT(Q), Q);
  const I = QtQ.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  expect(maxAbsDiff(QtQ, I)).toBeLessThan(1e-14 * Math.max(m, n) * 4);
  if (pivot) {
    for (let i = 1; i < k; i++) expect(Math.abs(R[i][i])).toBeLessThanOrEqual(Math.abs(R[i - 1][i - 1]) * (1 + 1e-12) + 1e-300);
  }
}

describe("qr (Householder, column pivoting)", () => {
  const rand = mulberry32(20261203);
  for (const m of sizes) {
    for (const n of sizes) {
      it(`${m} x ${n}: Q R = A P, Q^T Q = I, R upper, |R_kk| non-increasing`, () => {
        const A = randomRows(rand, m, n);
        checkFactorization(A, true);
        checkFactorization(A, false);
      });
    }
  }

  it("rank-deficient matrices: trailing pivots collapse to ~0", () => {
    for (const [m, n, r] of [
      [7, 5, 2],
      [17, 7, 3],
      [5, 7, 2],
      [17, 17, 5],
    ]) {
      const A = lowRank(rand, m, n, r);
      checkFactorization(A, true);
      const R = toRows(qr(A).r);
      expect(Math.abs(R[r - 1][r - 1])).toBeGreaterThan(1e-8 * Math.abs(R[0][0]));
      for (let i = r; i < Math.min(m, n); i++) expect(Math.abs(R[i][i])).toBeLessThan(1e-13 * Math.abs(R[0][0]) * n);
    }
  });

  it("zero matrix and zero columns (tau = 0 reflectors)", () => {
    checkFactorization([[0, 0], [0, 0], [0, 0]], true);
    checkFactorization([[0, 1], [0, 2], [0, 3]], true);
    checkFactorization([[1, 0], [2, 0], [3, 0]], false);
  });

  it("huge and tiny entries: no overflow in the column norms", () => {
    checkFactorization([[1e200, 1], [1e200, 2], [3e200, 3]], true);
    const { r } = qr([[1e-200, 2e-200], [3e-200, 4e-200]]);
    // closed form: |R_00| = norm of the larger column = sqrt(4^2 + 2^2) e-200
    const want = Math.sqrt(20) * 1e-200;
    expect(Math.abs(Math.abs(r.data[0]) - want)).toBeLessThanOrEqual(1e-14 * want);
  });

  it("kernel status codes for bad sizes", () => {
    const { exports: w, arena } = core();
    const mark = arena.mark();
    const a = arena.allocF64(16);
    const t = arena.allocF64(4);
    const j = arena.allocBytes(16);
    const wk = arena.allocF64(12);
    expect(w.qr_f64(a, 1, 2, 2, t, j, wk, 1)).toBe(-2);
    expect(w.qr_f64(a, 2, -1, 2, t, j, wk, 1)).toBe(-3);
    expect(w.qr_f64(a, 2, 2, -1, t, j, wk, 1)).toBe(-4);
    arena.release(mark);
  });
});

describe("dampedLeastSquaresStep", () => {
  const rand = mulberry32(7);
  for (const [m, n] of [
    [7, 3],
    [17, 5],
    [3, 5],
  ]) {
    it(`${m} x ${n}: equals the closed form (J^T J + lambda D^2) delta = -J^T r`, () => {
      const J = randomRows(rand, m, n);
      const r = Array.from({ length: m }, () => 2 * rand() - 1);
      const d = Array.from({ length: n }, () => 0.5 + rand());
      const lambda = 0.3;
      const delta = dampedLeastSquaresStep(J, r, lambda, d);
      const M = matMul(matT(J), J).map((row, i) => row.map((v, j) => v + (i === j ? lambda * d[i] * d[i] : 0)));
      const g = matT(J).map((col) => -col.reduce((s, v, i) => s + v * r[i], 0));
      const ref = gaussSolve(M, g);
      for (let j = 0; j < n; j++) expect(Math.abs(delta[j] - ref[j])).toBeLessThan(1e-12 * (1 + Math.abs(ref[j])));
    });
  }

  it("dampedStepSolver (one QR of J, many lambdas) equals the closed form, tall and wide J", () => {
    for (const [m, n] of [
      [17, 5],
      [7, 7],
      [3, 5],
    ]) {
      const J = randomRows(rand, m, n);
      const r = Array.from({ length: m }, () => 2 * rand() - 1);
      const d = Array.from({ length: n }, () => 0.5 + rand());
      const solver = dampedStepSolver(J, r);
      expect(solver.rank).toBe(Math.min(m, n));
      for (const lambda of [1e-6, 0.1, 3, 1e3]) {
        for (const dd of [d, null]) {
          const delta = solver.step(lambda, dd);
          const dv = dd ?? new Array<number>(n).fill(1);
          const M = matMul(matT(J), J).map((row, i) => row.map((v, j) => v + (i === j ? lambda * dv[i] * dv[i] : 0)));
          const g = matT(J).map((col) => -col.reduce((s, v, i) => s + v * r[i], 0));
          const ref = gaussSolve(M, g);
          const tol = lambda < 1e-3 && m < n ? 1e-6 : 1e-10;
          for (let j = 0; j < n; j++) expect(Math.abs(delta[j] - ref[j])).toBeLessThan(tol * (1 + Math.abs(ref[j])));
        }
      }
    }
  });

  it("lambda = 0 on a full-rank tall J is the Gauss-Newton step", () => {
    const J = randomRows(rand, 9, 4);
    const r = Array.from({ length: 9 }, () => rand());
    const delta = dampedLeastSquaresStep(J, r, 0);
    const ref = gaussSolve(matMul(matT(J), J), matT(J).map((col) => -col.reduce((s, v, i) => s + v * r[i], 0)));
    for (let j = 0; j < 4; j++) expect(Math.abs(delta[j] - ref[j])).toBeLessThan(1e-11 * (1 + Math.abs(ref[j])));
  });
});
