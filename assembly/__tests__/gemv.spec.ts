import { gemv_n_f64, gemv_t_f64 } from "../gemv";
import { buf, zeros, at, SIZES } from "./buffers";


// A[i][j] = i + j + 1 (m x n, lda = n + 1), x = ones:
//   (A x)_i = sum_j (i + j + 1) = n (i + 1) + n (n - 1) / 2
//   (A^T 1)_j = sum_i (i + j + 1) = m (j + 1) + m (m - 1) / 2
function hankel(m: i32, n: i32, lda: i32): usize {
  const a = zeros(m * lda);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) store<f64>(a + (<usize>(i * lda + j) << 3), <f64>(i + j + 1));
  return a;
}
function ones(n: i32): usize {
  const a = zeros(n);
  for (let i = 0; i < n; i++) store<f64>(a + (<usize>i << 3), 1);
  return a;
}

describe("gemv", () => {
  it("gemv_n_f64: closed form, alpha/beta, sizes 1..7", () => {
    for (let a = 0; a < SIZES.length; a++)
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[a], n = SIZES[b];
        const A = hankel(m, n, n + 1);
        const y = ones(m);
        gemv_n_f64(y, A, n + 1, ones(n), m, n, 2, 3);
        for (let i = 0; i < m; i++) expect<f64>(at(y, i)).toBe(2 * <f64>(n * (i + 1) + (n * (n - 1)) / 2) + 3);
        for (let i = 0; i < m; i++) store<f64>(y + (<usize>i << 3), NaN);
        gemv_n_f64(y, A, n + 1, ones(n), m, n, 1, 0); // beta = 0 ignores NaN
        for (let i = 0; i < m; i++) expect<f64>(at(y, i)).toBe(<f64>(n * (i + 1) + (n * (n - 1)) / 2));
      }
  });
  it("gemv_t_f64: closed form, alpha/beta, sizes 1..7", () => {
    for (let a = 0; a < SIZES.length; a++)
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[a], n = SIZES[b];
        const A = hankel(m, n, n + 1);
        const y = ones(n);
        gemv_t_f64(y, A, n + 1, ones(m), m, n, 2, 3);
        for (let j = 0; j < n; j++) expect<f64>(at(y, j)).toBe(2 * <f64>(m * (j + 1) + (m * (m - 1)) / 2) + 3);
        for (let j = 0; j < n; j++) store<f64>(y + (<usize>j << 3), NaN);
        gemv_t_f64(y, A, n + 1, ones(m), m, n, 1, 0);
        for (let j = 0; j < n; j++) expect<f64>(at(y, j)).toBe(<f64>(m * (j + 1) + (m * (m - 1)) / 2));
      }
  });
});
