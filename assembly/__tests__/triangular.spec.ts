import { trsv_lower_f64, trsv_upper_f64, trsm_lower_f64 } from "../triangular";
import { buf, zeros, at, SIZES } from "./buffers";


// T = all ones on and below (lower) / on and above (upper) the diagonal, n x n.
// L x = b with b_i = i + 1 -> x = ones; L^T x = b with b_i = n - i -> x = ones.
function ones(n: i32, lower: bool): usize {
  const a = zeros(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (lower ? j <= i : j >= i) store<f64>(a + (<usize>(i * n + j) << 3), 1);
  return a;
}

describe("triangular solves", () => {
  it("trsv_lower_f64 / trsv_upper_f64, both transposes, sizes 1..7", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const n = SIZES[k];
      const L = ones(n, true);
      const R = ones(n, false);
      for (let t = 0; t < 2; t++) {
        const x = zeros(n);
        const y = zeros(n);
        for (let i = 0; i < n; i++) {
          // L x = b: b_i = i + 1; L^T x = b: b_i = n - i (same for R^T and R respectively)
          store<f64>(x + (<usize>i << 3), t == 0 ? <f64>(i + 1) : <f64>(n - i));
          store<f64>(y + (<usize>i << 3), t == 0 ? <f64>(n - i) : <f64>(i + 1));
        }
        trsv_lower_f64(L, n, x, n, t);
        trsv_upper_f64(R, n, y, n, t);
        for (let i = 0; i < n; i++) {
          expect<f64>(at(x, i)).toBe(1);
          expect<f64>(at(y, i)).toBe(1);
        }
      }
    }
  });
  it("trsm_lower_f64: column c of B = (c+1) * b solves to (c+1) * ones", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const n = SIZES[k];
      const nrhs = SIZES[(k + 2) % SIZES.length];
      const L = ones(n, true);
      for (let t = 0; t < 2; t++) {
        const B = zeros(n * nrhs);
        for (let i = 0; i < n; i++)
          for (let c = 0; c < nrhs; c++) store<f64>(B + (<usize>(i * nrhs + c) << 3), <f64>(c + 1) * (t == 0 ? <f64>(i + 1) : <f64>(n - i)));
        trsm_lower_f64(L, n, B, nrhs, n, nrhs, t);
        for (let i = 0; i < n; i++) for (let c = 0; c < nrhs; c++) expect<f64>(at(B, i * nrhs + c)).toBe(<f64>(c + 1));
      }
    }
  });
});
