import { nn_activation_f64, nn_activation_grad_f64, nn_bias_rows_f64, nn_col_sum_f64, nn_jac_dense_f64, nn_softmax_rows_f64 } from "../nn";

// Keep every buffer reachable: a bare usize would let the test runtime's GC reuse the memory.
const keep: StaticArray<f64>[] = [];
function buf(values: f64[]): usize {
  const a = new StaticArray<f64>(values.length);
  for (let i = 0; i < values.length; i++) a[i] = values[i];
  keep.push(a);
  return changetype<usize>(a);
}

function get(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// 2 rows x 3 columns (odd width: SIMD pair + scalar tail)
const Z: f64[] = [-2.0, -0.5, 0.0, 0.25, 1.5, 3.0];

function scalarAct(kind: i32, z: f64): f64 {
  if (kind == 0) return z;
  if (kind == 1) return Math.tanh(z);
  if (kind == 2) return 1.0 / (1.0 + Math.exp(-z));
  if (kind == 3) return z > 0 ? z : 0.0;
  if (kind == 4) return z > 0 ? z : 0.01 * z;
  return 0.5 * z * (1.0 + Math.tanh(0.7978845608028654 * (z + 0.044715 * z * z * z)));
}

describe("nn_activation_f64", () => {
  it("matches the scalar formulas for every kind", () => {
    for (let kind = 0; kind <= 5; kind++) {
      const z = buf(Z);
      const a = buf([0, 0, 0, 0, 0, 0]);
      nn_activation_f64(a, 3, z, 3, 2, 3, kind, 0.01);
      for (let i = 0; i < 6; i++) expect<f64>(Math.abs(get(a, i) - scalarAct(kind, Z[i]))).toBeLessThanOrEqual(1e-15);
    }
  });
});

describe("nn_activation_grad_f64", () => {
  it("multiplies by central differences of the activation (all kinds)", () => {
    for (let kind = 0; kind <= 5; kind++) {
      const z = buf(Z);
      const a = buf([0, 0, 0, 0, 0, 0]);
      nn_activation_f64(a, 3, z, 3, 2, 3, kind, 0.01);
      const d = buf([1, 1, 1, 1, 1, 1]);
      nn_activation_grad_f64(d, 3, z, 3, a, 3, 2, 3, kind, 0.01);
      for (let i = 0; i < 6; i++) {
        if (Z[i] == 0 && (kind == 3 || kind == 4)) continue; // kink
        const h = 1e-6;
        const fd = (scalarAct(kind, Z[i] + h) - scalarAct(kind, Z[i] - h)) / (2 * h);
        expect<f64>(Math.abs(get(d, i) - fd)).toBeLessThanOrEqual(1e-8);
      }
    }
  });
});

describe("nn_softmax_rows_f64 / nn_bias_rows_f64 / nn_col_sum_f64", () => {
  it("softmax rows sum to 1 and survive huge logits", () => {
    const z = buf([1000.0, 1001.0, 999.0, 0.0, 0.0, 0.0]);
    const a = buf([0, 0, 0, 0, 0, 0]);
    nn_softmax_rows_f64(a, 3, z, 3, 2, 3);
    expect<f64>(Math.abs(get(a, 0) + get(a, 1) + get(a, 2) - 1.0)).toBeLessThanOrEqual(1e-15);
    const e = Math.exp(1.0);
    expect<f64>(Math.abs(get(a, 1) - e / (1.0 + e + 1.0 / e))).toBeLessThanOrEqual(1e-15);
    expect<f64>(get(a, 4)).toBe(1.0 / 3.0);
  });
  it("bias rows and column sums", () => {
    const z = buf([9, 9, 9, 9, 9, 9]);
    nn_bias_rows_f64(z, 3, buf([1, 2, 3]), 2, 3);
    for (let i = 0; i < 6; i++) expect<f64>(get(z, i)).toBe(<f64>((i % 3) + 1));
    const out = buf([10, 20, 30]);
    nn_col_sum_f64(out, buf(Z), 3, 2, 3, 1.0);
    expect<f64>(get(out, 0)).toBe(10.0 - 2.0 + 0.25);
    expect<f64>(get(out, 1)).toBe(20.0 - 0.5 + 1.5);
    expect<f64>(get(out, 2)).toBe(30.0 + 3.0);
    nn_col_sum_f64(out, buf(Z), 3, 2, 3, 0.0);
    expect<f64>(get(out, 2)).toBe(3.0);
  });
});

describe("nn_jac_dense_f64", () => {
  it("writes a_s (x) delta_s then delta_s, at the row stride", () => {
    // 2 samples, nin 2, nout 3 -> 9 columns; row stride 10 (a gap column to check nothing spills)
    const A = buf([1, 2, 3, 4]);
    const D = buf([0.5, -1, 2, 3, 0.25, -4]);
    const J = buf([7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
    nn_jac_dense_f64(J, 10, A, 2, D, 3, 2, 2, 3);
    const a: f64[] = [1, 2, 3, 4];
    const d: f64[] = [0.5, -1, 2, 3, 0.25, -4];
    for (let s = 0; s < 2; s++) {
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect<f64>(get(J, s * 10 + i * 3 + j)).toBe(a[s * 2 + i] * d[s * 3 + j]);
      for (let j = 0; j < 3; j++) expect<f64>(get(J, s * 10 + 6 + j)).toBe(d[s * 3 + j]);
      expect<f64>(get(J, s * 10 + 9)).toBe(7.0);
    }
  });
});
