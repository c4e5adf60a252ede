import { dot_f64 } from "../level1";

function buf(values: f64[]): usize {
  const a = new StaticArray<f64>(values.length);
  for (let i = 0; i < values.length; i++) a[i] = values[i];
  return changetype<usize>(a);
}

describe("dot_f64", () => {
  it("handles sizes 1, 2, 3, 5, 7 (SIMD tails)", () => {
    const n: i32[] = [1, 2, 3, 5, 7];
    for (let k = 0; k < n.length; k++) {
      const m = n[k];
      const xs = new Array<f64>(m);
      for (let i = 0; i < m; i++) xs[i] = <f64>(i + 1);
      // sum of squares 1..m = m(m+1)(2m+1)/6
      expect<f64>(dot_f64(buf(xs), buf(xs), m)).toBe(<f64>(m * (m + 1) * (2 * m + 1)) / 6.0);
    }
  });
});
