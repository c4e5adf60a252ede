import { cholesky_f64, cholesky_solve_f64, cholesky_inverse_f64 } from "../cholesky";
import { buf, zeros, at, SIZES } from "./buffers";


// The n x n matrix A_ij = min(i, j) + 1 has the all-ones lower-triangular factor
// (L_ij = 1 for j <= i), a closed form that exercises every size.
function minMatrix(n: i32): usize {
  const a = zeros(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) store<f64>(a + (<usize>(i * n + j) << 3), <f64>(min(i, j) + 1));
  return a;
}

describe("cholesky_f64", () => {
  it("A = [[4,2],[2,5]] -> L = [[2],[1,2]]", () => {
    const A = buf([4, 2, 2, 5]);
    expect<i32>(cholesky_f64(A, 2, 2)).toBe(0);
    expect<f64>(at(A, 0)).toBe(2); expect<f64>(at(A, 2)).toBe(1); expect<f64>(at(A, 3)).toBe(2);
  });
  it("min(i,j)+1 matrix factors to all ones, sizes 1..7 and 40", () => {
    const ns: i32[] = [1, 2, 3, 5, 7, 40];
    for (let k = 0; k < ns.length; k++) {
      const n = ns[k];
      const A = minMatrix(n);
      expect<i32>(cholesky_f64(A, n, n)).toBe(0);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect<f64>(at(A, i * n + j)).toBe(1);
    }
  });
  it("status: failing column (1-based) for indefinite, NaN and Infinity; bad arguments", () => {
    expect<i32>(cholesky_f64(buf([1, 2, 2, 1]), 2, 2)).toBe(2); // 1 - 2*2 < 0
    expect<i32>(cholesky_f64(buf([-1, 0, 0, 1]), 2, 2)).toBe(1);
    expect<i32>(cholesky_f64(buf([1, 0, 0, NaN]), 2, 2)).toBe(2);
    expect<i32>(cholesky_f64(buf([Infinity, 0, 0, 1]), 2, 2)).toBe(1);
    expect<i32>(cholesky_f64(buf([1, 0, 0, 0]), 2, 2)).toBe(2); // singular: pivot 0
    expect<i32>(cholesky_f64(buf([1]), 0, 1)).toBe(-2);
    expect<i32>(cholesky_f64(buf([1]), 1, -1)).toBe(-3);
  });
});

describe("cholesky_solve_f64 / cholesky_inverse_f64", () => {
  it("solves and inverts with the all-ones factor (closed forms)", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const n = SIZES[k];
      const L = minMatrix(n);
      cholesky_f64(L, n, n);
      // A x = b with x = e_0 -> b = column 0 of A = all ones
      const x = zeros(n);
      for (let i = 0; i < n; i++) store<f64>(x + (<usize>i << 3), 1);
      cholesky_solve_f64(L, n, x, n);
      expect<f64>(at(x, 0)).toBe(1);
      for (let i = 1; i < n; i++) expect<f64>(at(x, i)).toBe(0);
      // A^{-1} for A_ij = min(i,j)+1 is tridiagonal: 2 on the diagonal except 1 at the
      // last entry, -1 off the diagonal.
      const inv = zeros(n * n);
      cholesky_inverse_f64(inv, n, L, n, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const want: f64 = i == j ? (i == n - 1 ? 1 : 2) : abs(i - j) == 1 ? -1 : 0;
          expect<f64>(at(inv, i * n + j)).toBe(want);
        }
    }
  });
});
