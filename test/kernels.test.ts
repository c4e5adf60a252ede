// Every level-1/2/3, normal-equation, Cholesky and triangular kernel against the naive
// plain-TS references in test/helpers/reference.ts, on seeded random shapes
// (sizes around the SIMD widths and tile sizes, leading dimensions > cols), plus properties.
import { describe, expect, it } from "vitest";
import { core } from "../src/wasm/module.js";
import * as ref from "./helpers/reference.js";

const { exports: k, arena } = core();

/** max_i |a_i - b_i| / (atol + rtol |b_i|) <= 1, reported with the worst index. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol = 1e-12, atol = 1e-12): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) {
    const ok = Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]);
    if (!ok) expect.fail(`index ${i}: ${a[i]} vs reference ${b[i]}`);
  }
}

function withArena<T>(f: () => T): T {
  const m = arena.mark();
  try {
    return f();
  } finally {
    arena.release(m);
  }
}

const read = (ptr: number, n: number) => arena.readF64(ptr, n);
const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 33];

describe("level 1", () => {
  it("dot, axpy, scal, nrm2 match the reference", () => {
    const rand = ref.mulberry32(1);
    for (const n of [0, ...sizes, 100, 1001]) {
      withArena(() => {
        const x = ref.randomArray(rand, n);
        const y = ref.randomArray(rand, n);
        const px = arena.pushF64(x);
        const py = arena.pushF64(y);
        expectClose([k.dot_f64(px, py, n)], [ref.refDot(x, y, n)], 1e-13, 1e-14 * n);
        expectClose([k.nrm2_f64(px, n)], [ref.refNrm2(x, n)], 1e-14, 0);
        k.axpy_f64(py, 0.75, px, n);
        const y2 = y.slice();
        ref.refAxpy(y2, 0.75, x, n);
        expectClose(read(py, n), y2, 1e-15, 0);
        k.scal_f64(px, -3.5, n);
        const x2 = x.slice();
        ref.refScal(x2, -3.5, n);
        expectClose(read(px, n), x2, 0, 0);
      });
    }
  });

  it("nrm2 neither overflows nor underflows (closed form: ||c (3,4)|| = 5c)", () => {
    withArena(() => {
      for (const c of [1e300, 1e-300, 5e-324 * 2 ** 20, 1]) {
        const p = arena.pushF64([3 * c, 0, 4 * c, 0, 0]);
        expectClose([k.nrm2_f64(p, 5)], [5 * c], 1e-15, 0);
      }
      // sqrt(3) * 1e308 is representable although 1e308^2 is not
      const huge = arena.pushF64([1e308, -1e308, 1e308]);
      expectClose([k.nrm2_f64(huge, 3)], [Math.sqrt(3) * 1e308], 1e-15, 0);
      expect(k.nrm2_f64(arena.pushF64([1, NaN, 2]), 3)).toBeNaN();
      expect(k.nrm2_f64(arena.pushF64([1, -Infinity, 2]), 3)).toBe(Infinity);
      expect(k.nrm2_f64(arena.pushF64([0, 0, 0]), 3)).toBe(0);
    });
  });
});

describe("gemv", () => {
  it("gemv_n and gemv_t match the reference (alpha, beta, lda > n, beta = 0 ignores NaN)", () => {
    const rand = ref.mulberry32(2);
    for (const m of sizes)
      for (const n of [1, 2, 3, 5, 8, 11]) {
        withArena(() => {
          const lda = n + 3;
          const A = ref.randomArray(rand, m * lda);
          const pA = arena.pushF64(A);
          for (const trans of [false, true]) {
            const xl = trans ? m : n;
            const yl = trans ? n : m;
            const x = ref.randomArray(rand, xl);
            for (const beta of [0, 1, -0.5]) {
              const y = beta === 0 ? new Float64Array(yl).fill(NaN) : ref.randomArray(rand, yl);
              const px = arena.pushF64(x);
              const py = arena.pushF64(y);
              (trans ? k.gemv_t_f64 : k.gemv_n_f64)(py, pA, lda, px, m, n, 1.25, beta);
              const want = y.slice();
              ref.refGemv(trans, want, A, lda, x, m, n, 1.25, beta);
              expectClose(read(py, yl), want, 1e-13, 1e-13);
            }
          }
        });
      }
  });
});

describe("gemm", () => {
  it("gemm_nn, gemm_tn, gemm_nt match the reference on random shapes", () => {
    const rand = ref.mulberry32(3);
    const dims = [1, 2, 3, 4, 5, 7, 9, 16, 19];
    // the last trials cross the k-block (256) and n-block (128) boundaries of the packing
    const big: [number, number, number][] = [[9, 133, 300], [6, 258, 513], [13, 5, 260]];
    for (let trial = 0; trial < 60 + big.length; trial++) {
      const [m, n, kk] = trial < 60 ? [dims[Math.floor(rand() * dims.length)], dims[Math.floor(rand() * dims.length)], dims[Math.floor(rand() * dims.length)]] : big[trial - 60];
      for (const [ta, tb, f] of [[false, false, k.gemm_nn_f64], [true, false, k.gemm_tn_f64], [false, true, k.gemm_nt_f64]] as const) {
        withArena(() => {
          const lda = (ta ? m : kk) + 1;
          const ldb = (tb ? kk : n) + 2;
          const ldc = n + 1;
          const A = ref.randomArray(rand, (ta ? kk : m) * lda);
          const B = ref.randomArray(rand, (tb ? n : kk) * ldb);
          const beta = trial % 3 === 0 ? 0 : 0.5;
          const C = beta === 0 ? new Float64Array(m * ldc).fill(NaN) : ref.randomArray(rand, m * ldc);
          const pA = arena.pushF64(A);
          const pB = arena.pushF64(B);
          const pC = arena.pushF64(C);
          f(pC, ldc, pA, lda, pB, ldb, m, n, kk, -0.75, beta);
          const want = C.slice();
          ref.refGemm(ta, tb, want, ldc, A, lda, B, ldb, m, n, kk, -0.75, beta);
          const got = read(pC, m * ldc);
          // compare only the m x n block (padding columns are not written)
          for (let i = 0; i < m; i++) expectClose(got.subarray(i * ldc, i * ldc + n), want.subarray(i * ldc, i * ldc + n), 1e-13, 1e-13);
        });
      }
    }
  });
});

describe("normal equations", () => {
  it("normal_accumulate matches J^T W J, J^T W r (lower only; upper untouched)", () => {
    const rand = ref.mulberry32(4);
    // n < 24 takes the unpacked path, n >= 24 the packed one; rows cross row blocks
    // (512 rows for small n, 32768 / ceil4(n) for large n)
    const cases: [number, number][] = [];
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 13, 21, 24, 29, 66]) for (const rows of [1, 3, 17, 600, 1100]) cases.push([n, rows]);
    cases.push([203, 170], [203, 400], [27, 1300]);
    for (const [n, rows] of cases)
        for (const weighted of [false, true]) {
          withArena(() => {
            const ldj = n + (n % 2);
            const ldh = n + 1;
            const J = ref.randomArray(rand, rows * ldj);
            const r = ref.randomArray(rand, rows);
            const w = weighted ? Float64Array.from({ length: rows }, () => rand() * 2) : null;
            const H = ref.randomArray(rand, n * ldh);
            const g = ref.randomArray(rand, n);
            const pH = arena.pushF64(H);
            const pg = arena.pushF64(g);
            const status = k.normal_accumulate_f64(pH, ldh, pg, arena.pushF64(J), ldj, arena.pushF64(r), w ? arena.pushF64(w) : 0, rows, n);
            expect(status).toBe(0);
            const Hw = H.slice();
            const gw = g.slice();
            ref.refNormalAccumulate(Hw, ldh, gw, J, ldj, r, w, rows, n);
            expectClose(read(pH, n * ldh), Hw, 1e-12, 1e-11);
            expectClose(read(pg, n), gw, 1e-12, 1e-11);
          });
        }
  });

  it("normal_accumulate: r = 0 leaves g untouched; bad arguments give -i", () => {
    withArena(() => {
      const pH = arena.pushF64(new Float64Array(9));
      const pg = arena.pushF64([7, 8, 9]);
      const pJ = arena.pushF64([1, 2, 3, 4, 5, 6]);
      expect(k.normal_accumulate_f64(pH, 3, pg, pJ, 3, 0, 0, 2, 3)).toBe(0);
      expect(Array.from(read(pg, 3))).toEqual([7, 8, 9]);
      // closed form: H = [[17],[22,29],[27,36,45]] for J = [[1,2,3],[4,5,6]]
      expect(Array.from(read(pH, 9))).toEqual([17, 0, 0, 22, 29, 0, 27, 36, 45]);
      expect(k.normal_accumulate_f64(pH, 2, pg, pJ, 3, 0, 0, 2, 3)).toBe(-2);
      expect(k.normal_accumulate_f64(pH, 3, pg, pJ, 2, 0, 0, 2, 3)).toBe(-5);
      expect(k.normal_accumulate_f64(pH, 3, pg, pJ, 3, 0, 0, -1, 3)).toBe(-8);
      expect(k.normal_accumulate_f64(pH, 3, pg, pJ, 3, 0, 0, 2, -1)).toBe(-9);
    });
  });

  it("sym_fill_upper and damped_copy match the reference", () => {
    const rand = ref.mulberry32(5);
    for (const n of [1, 2, 3, 5, 8]) {
      withArena(() => {
        const ld = n + 2;
        const H = ref.randomArray(rand, n * ld);
        const d = Float64Array.from({ length: n }, () => rand());
        const O = ref.randomArray(rand, n * ld);
        const pH = arena.pushF64(H);
        for (const useD of [false, true]) {
          const pO = arena.pushF64(O);
          k.damped_copy_f64(pO, ld, pH, ld, n, 0.3, useD ? arena.pushF64(d) : 0);
          const want = O.slice();
          ref.refDampedCopy(want, ld, H, ld, n, 0.3, useD ? d : null);
          expectClose(read(pO, n * ld), want, 0, 0);
        }
        expectClose(read(pH, n * ld), H, 0, 0); // H untouched
        k.sym_fill_upper_f64(pH, ld, n);
        const want = H.slice();
        ref.refSymFillUpper(want, ld, n);
        expectClose(read(pH, n * ld), want, 0, 0);
      });
    }
  });
});

describe("Cholesky and triangular solves", () => {
  const ns = [1, 2, 3, 4, 5, 7, 8, 15, 31, 32, 33, 64, 65, 100, 130, 257];

  it("cholesky_f64 matches the reference factor and L L^T = A", () => {
    const rand = ref.mulberry32(6);
    for (const n of ns) {
      withArena(() => {
        const lda = n + 1;
        const A0 = ref.randomSpd(rand, n);
        const A = new Float64Array(n * lda);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * lda + j] = A0[i * n + j];
        // poison the strict upper triangle: the kernel must not read it
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) A[i * lda + j] = NaN;
        const pA = arena.pushF64(A);
        expect(k.cholesky_f64(pA, lda, n)).toBe(0);
        const L = read(pA, n * lda);
        const want = A.slice();
        expect(ref.refCholesky(want, lda, n)).toBe(0);
        for (let i = 0; i < n; i++) expectClose(L.subarray(i * lda, i * lda + i + 1), want.subarray(i * lda, i * lda + i + 1), 1e-11, 1e-12);
        // property: L L^T = A (lower triangle)
        for (let i = 0; i < n; i++)
          for (let j = 0; j <= i; j++) {
            let s = 0;
            for (let q = 0; q <= j; q++) s += L[i * lda + q] * L[j * lda + q];
            expectClose([s], [A0[i * n + j]], 1e-12, 1e-12 * n);
          }
        // upper triangle untouched
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(L[i * lda + j]).toBeNaN();
      });
    }
  });

  it("cholesky_f64 reports the 1-based failing column (indefinite, NaN, Infinity) and terminates", () => {
    const rand = ref.mulberry32(7);
    for (const n of [1, 3, 40, 100]) {
      for (const bad of [0, Math.floor(n / 2), n - 1]) {
        for (const poison of [-1, NaN, Infinity]) {
          withArena(() => {
            const A = ref.randomSpd(rand, n);
            if (Number.isNaN(poison) || poison === Infinity) A[bad * n + bad] = poison;
            else A[bad * n + bad] = -1e6; // makes the leading (bad+1) minor indefinite
            const pA = arena.pushF64(A);
            const want = A.slice();
            const refStatus = ref.refCholesky(want, n, n);
            expect(refStatus).toBe(bad + 1);
            expect(k.cholesky_f64(pA, n, n)).toBe(bad + 1);
            // columns before the failing one hold L
            const L = read(pA, n * n);
            for (let i = 0; i < n; i++) for (let j = 0; j < Math.min(i + 1, bad); j++) expectClose([L[i * n + j]], [want[i * n + j]], 1e-11, 1e-11);
          });
        }
      }
    }
    withArena(() => {
      const p = arena.pushF64([1]);
      expect(k.cholesky_f64(p, 0, 1)).toBe(-2);
      expect(k.cholesky_f64(p, 1, -1)).toBe(-3);
      expect(k.cholesky_f64(p, 1, 0)).toBe(0);
    });
  });

  it("trsv_lower, trsv_upper (both transposes) and trsm_lower match the reference", () => {
    const rand = ref.mulberry32(8);
    for (const n of [1, 2, 3, 5, 7, 16, 33]) {
      withArena(() => {
        const ld = n + 3;
        const T = ref.randomArray(rand, n * ld);
        for (let i = 0; i < n; i++) T[i * ld + i] = 2 + rand(); // well conditioned diagonal
        const pT = arena.pushF64(T);
        for (const trans of [0, 1]) {
          const b = ref.randomArray(rand, n);
          const pb = arena.pushF64(b);
          k.trsv_lower_f64(pT, ld, pb, n, trans);
          const want = b.slice();
          ref.refTrsvLower(T, ld, want, n, trans === 1);
          expectClose(read(pb, n), want, 1e-12, 1e-12);
          const pc = arena.pushF64(b);
          k.trsv_upper_f64(pT, ld, pc, n, trans);
          const want2 = b.slice();
          ref.refTrsvUpper(T, ld, want2, n, trans === 1);
          expectClose(read(pc, n), want2, 1e-12, 1e-12);
          for (const nrhs of [1, 2, 3, 6]) {
            const ldb = nrhs + 1;
            const B = ref.randomArray(rand, n * ldb);
            const pB = arena.pushF64(B);
            k.trsm_lower_f64(pT, ld, pB, ldb, n, nrhs, trans);
            const want3 = B.slice();
            ref.refTrsmLower(T, ld, want3, ldb, n, nrhs, trans === 1);
            expectClose(read(pB, n * ldb), want3, 1e-12, 1e-12);
          }
        }
      });
    }
  });

  it("cholesky_solve and cholesky_inverse: A x = b and A A^{-1} = I", () => {
    const rand = ref.mulberry32(9);
    for (const n of [1, 2, 3, 5, 8, 33, 70, 131, 260]) {
      withArena(() => {
        const A = ref.randomSpd(rand, n);
        const pL = arena.pushF64(A);
        expect(k.cholesky_f64(pL, n, n)).toBe(0);
        const b = ref.randomArray(rand, n);
        const px = arena.pushF64(b);
        k.cholesky_solve_f64(pL, n, px, n);
        const x = read(px, n);
        const Ax = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Ax[i] += A[i * n + j] * x[j];
        expectClose(Ax, b, 1e-11, 1e-11);
        const ldo = n + 1;
        const pO = arena.allocF64(n * ldo);
        k.cholesky_inverse_f64(pO, ldo, pL, n, n);
        const O = read(pO, n * ldo);
        const want = ref.refCholeskyInverse(read(pL, n * n), n, n);
        for (let i = 0; i < n; i++) expectClose(O.subarray(i * ldo, i * ldo + n), want.subarray(i * n, i * n + n), 1e-11, 1e-13);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let q = 0; q < n; q++) s += A[i * n + q] * O[q * ldo + j];
            expectClose([s], [i === j ? 1 : 0], 1e-10, 1e-10);
          }
      });
    }
  });
});

describe("src/linalg/cholesky (safe TS face)", () => {
  it("factor, solve and inverse agree with the references; inputs are not mutated", async () => {
    const { choleskyFactor, choleskySolve, choleskyInverse } = await import("../src/linalg/cholesky.js");
    const rand = ref.mulberry32(10);
    const n = 9;
    const data = ref.randomSpd(rand, n);
    const copy = data.slice();
    const res = choleskyFactor({ rows: n, cols: n, data });
    expect(res.failedColumn).toBe(0);
    expect(Array.from(data)).toEqual(Array.from(copy));
    const want = data.slice();
    ref.refCholesky(want, n, n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) want[i * n + j] = 0;
    expectClose(res.factor!.data, want, 1e-12, 1e-13);
    const b = ref.randomArray(rand, n);
    const x = choleskySolve(res.factor!, b);
    const xw = b.slice();
    ref.refTrsvLower(want, n, xw, n, false);
    ref.refTrsvLower(want, n, xw, n, true);
    expectClose(x, xw, 1e-12, 1e-13);
    expectClose(choleskyInverse(res.factor!).data, ref.refCholeskyInverse(want, n, n), 1e-11, 1e-13);
  });

  it("reports the failing column instead of throwing; rejects non-square input", async () => {
    const { choleskyFactor } = await import("../src/linalg/cholesky.js");
    const r = choleskyFactor({ rows: 2, cols: 2, data: Float64Array.from([1, 2, 2, 1]) });
    expect(r).toEqual({ factor: null, failedColumn: 2 });
    expect(() => choleskyFactor({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/square/);
  });
});
