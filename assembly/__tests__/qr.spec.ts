import { qr_f64, qr_apply_qt_f64, qr_apply_q_f64 } from "../qr";

// Unmanaged blocks (heap.alloc): the GC never moves or frees them behind a raw pointer.
function zeros(n: i32): usize {
  const k: i32 = n > 0 ? n : 1;
  const bytes: usize = (<usize>k) << 3;
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

function ints(n: i32): usize {
  return zeros(n);
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

function ipos(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Deterministic entries in [-5, 5]: ((7 i + 3 j + 1) mod 11) - 5, plus a diagonal shift. */
function entry(i: i32, j: i32): f64 {
  return <f64>((7 * i + 3 * j + 1) % 11) - 5.0 + (i == j ? 10.0 : 0.0);
}

describe("qr_f64", () => {
  it("2 x 1 [3; 4]: beta = -5, tau = 1.6, v = [1, 0.5] (LAPACK dlarfg by hand)", () => {
    const a = zeros(2);
    put(a, 0, 3);
    put(a, 1, 4);
    const tau = zeros(1);
    const jp = ints(1);
    const w = zeros(3);
    expect<i32>(qr_f64(a, 1, 2, 1, tau, jp, w, 1)).toBe(0);
    expect<f64>(at(a, 0)).toBe(-5.0);
    expect<f64>(at(tau, 0)).toBeCloseTo(1.6, 15);
    expect<f64>(at(a, 1)).toBeCloseTo(0.5, 15);
    // Q^T [3; 4] = [-5; 0]
    const b = zeros(2);
    put(b, 0, 3);
    put(b, 1, 4);
    qr_apply_qt_f64(a, 1, 2, 1, tau, b, 1, 1);
    expect<f64>(at(b, 0)).toBeCloseTo(-5.0, 14);
    expect<f64>(Math.abs(at(b, 1))).toBeLessThan(1e-15);
  });

  it("diag(1..n), sizes 1, 2, 3, 5, 7: pivoting picks the largest column first", () => {
    const sizes: i32[] = [1, 2, 3, 5, 7];
    for (let s = 0; s < sizes.length; s++) {
      const n = sizes[s];
      const a = zeros(n * n);
      for (let j = 0; j < n; j++) put(a, j * n + j, <f64>(j + 1));
      const tau = zeros(n);
      const jp = ints(n);
      const w = zeros(3 * n);
      expect<i32>(qr_f64(a, n, n, n, tau, jp, w, 1)).toBe(0);
      for (let j = 0; j < n; j++) {
        expect<i32>(ipos(jp, j)).toBe(n - 1 - j);
        expect<f64>(Math.abs(at(a, j * n + j))).toBeCloseTo(<f64>(n - j), 13);
      }
    }
  });

  it("(n+1) x n, sizes 1, 2, 3, 5, 7: Q^T (A P) = R and Q Q^T b = b", () => {
    const sizes: i32[] = [1, 2, 3, 5, 7];
    for (let s = 0; s < sizes.length; s++) {
      const n = sizes[s];
      const m = n + 1;
      const a = zeros(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) put(a, i * n + j, entry(i, j));
      const tau = zeros(n);
      const jp = ints(n);
      const w = zeros(3 * n);
      expect<i32>(qr_f64(a, n, m, n, tau, jp, w, 1)).toBe(0);
      // B = A P, then Q^T B must equal R (zeros below the diagonal)
      const b = zeros(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) put(b, i * n + j, entry(i, ipos(jp, j)));
      qr_apply_qt_f64(a, n, m, n, tau, b, n, n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const want = i <= j ? at(a, i * n + j) : 0.0;
          expect<f64>(Math.abs(at(b, i * n + j) - want)).toBeLessThan(1e-12);
        }
      }
      // Q (Q^T v) = v for a vector
      const v = zeros(m);
      for (let i = 0; i < m; i++) put(v, i, <f64>(i * i) - 2.0);
      qr_apply_qt_f64(a, n, m, n, tau, v, 1, 1);
      qr_apply_q_f64(a, n, m, n, tau, v, 1, 1);
      for (let i = 0; i < m; i++) expect<f64>(Math.abs(at(v, i) - (<f64>(i * i) - 2.0))).toBeLessThan(1e-12);
    }
  });

  it("no pivoting, (n+2) x n with lda = n + 1 (padded rows): identity jpvt, Q^T A = R", () => {
    const sizes: i32[] = [1, 2, 3, 5, 7];
    for (let s = 0; s < sizes.length; s++) {
      const n = sizes[s];
      const m = n + 2;
      const lda = n + 1;
      const a = zeros(m * lda);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) put(a, i * lda + j, entry(i, j));
      const tau = zeros(n);
      const jp = ints(n);
      const w = zeros(3 * n);
      expect<i32>(qr_f64(a, lda, m, n, tau, jp, w, 0)).toBe(0);
      for (let j = 0; j < n; j++) expect<i32>(ipos(jp, j)).toBe(j);
      const b = zeros(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) put(b, i * n + j, entry(i, j));
      qr_apply_qt_f64(a, lda, m, n, tau, b, n, n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const want = i <= j ? at(a, i * lda + j) : 0.0;
          expect<f64>(Math.abs(at(b, i * n + j) - want)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it("status codes: -2 lda < n, -3 m < 0, -4 n < 0", () => {
    const a = zeros(4);
    const tau = zeros(2);
    const jp = ints(2);
    const w = zeros(6);
    expect<i32>(qr_f64(a, 1, 2, 2, tau, jp, w, 1)).toBe(-2);
    expect<i32>(qr_f64(a, 2, -1, 2, tau, jp, w, 1)).toBe(-3);
    expect<i32>(qr_f64(a, 2, 2, -1, tau, jp, w, 1)).toBe(-4);
  });
});
