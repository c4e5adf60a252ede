import { dot_f64, axpy_f64, scal_f64, nrm2_f64 } from "../level1";
import { buf, zeros, at, SIZES } from "./buffers";


describe("dot_f64", () => {
  it("handles sizes 1, 2, 3, 5, 7 (SIMD tails)", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const m = SIZES[k];
      const xs = new Array<f64>(m);
      for (let i = 0; i < m; i++) xs[i] = <f64>(i + 1);
      // sum of squares 1..m = m(m+1)(2m+1)/6
      expect<f64>(dot_f64(buf(xs), buf(xs), m)).toBe(<f64>(m * (m + 1) * (2 * m + 1)) / 6.0);
    }
  });
});

describe("axpy_f64 / scal_f64", () => {
  it("y += a x and x *= a on every element, sizes 1..7", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const m = SIZES[k];
      const x = zeros(m + 1);
      const y = zeros(m + 1);
      for (let i = 0; i < m + 1; i++) {
        store<f64>(x + (<usize>i << 3), <f64>(i + 1));
        store<f64>(y + (<usize>i << 3), 10);
      }
      axpy_f64(y, 2, x, m);
      for (let i = 0; i < m; i++) expect<f64>(at(y, i)).toBe(10 + 2 * <f64>(i + 1));
      expect<f64>(at(y, m)).toBe(10); // one past the end untouched
      scal_f64(x, -0.5, m);
      for (let i = 0; i < m; i++) expect<f64>(at(x, i)).toBe(-0.5 * <f64>(i + 1));
      expect<f64>(at(x, m)).toBe(<f64>(m + 1));
    }
  });
});

describe("nrm2_f64", () => {
  it("is exact on a 3-4-5 triangle for every size and position", () => {
    for (let k = 0; k < SIZES.length; k++) {
      const m = SIZES[k];
      if (m < 2) continue;
      const x = zeros(m);
      store<f64>(x, 3);
      store<f64>(x + (<usize>(m - 1) << 3), 4);
      expect<f64>(nrm2_f64(x, m)).toBe(5);
    }
    expect<f64>(nrm2_f64(buf([-7]), 1)).toBe(7);
  });
  it("does not overflow or underflow", () => {
    // |nrm2 - 5c| <= 1e-15 * 5c for c = 1e300 and 1e-300 (naive sum of squares gives Inf / 0)
    expect<f64>(abs(nrm2_f64(buf([3e300, 4e300]), 2) - 5e300)).toBeLessThanOrEqual(5e285);
    expect<f64>(abs(nrm2_f64(buf([3e-300, 4e-300]), 2) - 5e-300)).toBeLessThanOrEqual(5e-315);
    expect<f64>(nrm2_f64(buf([0, 0, 0]), 3)).toBe(0);
    expect<f64>(nrm2_f64(buf([1, Infinity]), 2)).toBe(Infinity);
    expect<bool>(isNaN(nrm2_f64(buf([1, NaN, 2]), 3))).toBe(true);
  });
});
