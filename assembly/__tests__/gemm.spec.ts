import { gemm_nn_f64, gemm_tn_f64, gemm_nt_f64 } from "../gemm";
import { buf, zeros, at, SIZES } from "./buffers";


// Hand-checked 2 x 2: [[1,2],[3,4]] [[5,6],[7,8]] = [[19,22],[43,50]]
describe("gemm", () => {
  it("2 x 2 by hand (NN, TN, NT)", () => {
    const A = buf([1, 2, 3, 4]);
    const B = buf([5, 6, 7, 8]);
    const C = zeros(4);
    gemm_nn_f64(C, 2, A, 2, B, 2, 2, 2, 2, 1, 0);
    expect<f64>(at(C, 0)).toBe(19); expect<f64>(at(C, 1)).toBe(22);
    expect<f64>(at(C, 2)).toBe(43); expect<f64>(at(C, 3)).toBe(50);
    // A^T B = [[1,3],[2,4]] [[5,6],[7,8]] = [[26,30],[38,44]]
    gemm_tn_f64(C, 2, A, 2, B, 2, 2, 2, 2, 1, 0);
    expect<f64>(at(C, 0)).toBe(26); expect<f64>(at(C, 1)).toBe(30);
    expect<f64>(at(C, 2)).toBe(38); expect<f64>(at(C, 3)).toBe(44);
    // A B^T = [[1,2],[3,4]] [[5,7],[6,8]] = [[17,23],[39,53]]; alpha 2, beta 1 adds the old C
    gemm_nt_f64(C, 2, A, 2, B, 2, 2, 2, 2, 2, 1);
    expect<f64>(at(C, 0)).toBe(26 + 34); expect<f64>(at(C, 1)).toBe(30 + 46);
    expect<f64>(at(C, 2)).toBe(38 + 78); expect<f64>(at(C, 3)).toBe(44 + 106);
  });
  it("all-ones operands give C = k for every size 1..7 (tiles and tails)", () => {
    for (let a = 0; a < SIZES.length; a++)
      for (let b = 0; b < SIZES.length; b++)
        for (let c = 0; c < SIZES.length; c++) {
          const m = SIZES[a], n = SIZES[b], k = SIZES[c];
          const A = zeros(m * k + k * m);
          const B = zeros(k * n + n * k);
          for (let i = 0; i < m * k; i++) store<f64>(A + (<usize>i << 3), 1);
          for (let i = 0; i < k * n; i++) store<f64>(B + (<usize>i << 3), 1);
          const C = zeros(m * n);
          for (let i = 0; i < m * n; i++) store<f64>(C + (<usize>i << 3), NaN);
          gemm_nn_f64(C, n, A, k, B, n, m, n, k, 1, 0);
          for (let i = 0; i < m * n; i++) expect<f64>(at(C, i)).toBe(<f64>k);
          gemm_tn_f64(C, n, A, m, B, n, m, n, k, 1, 1);
          for (let i = 0; i < m * n; i++) expect<f64>(at(C, i)).toBe(<f64>(2 * k));
          gemm_nt_f64(C, n, A, k, B, k, m, n, k, -1, 0.5);
          for (let i = 0; i < m * n; i++) expect<f64>(at(C, i)).toBe(0);
        }
  });
});
