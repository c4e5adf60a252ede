// Element-wise neural-network kernels: bias broadcast, activations and their
// derivatives, softmax rows, column sums, and the per-sample Jacobian rows of a
// dense layer. Dense layers themselves are gemm calls (assembly/gemm.ts).
// Pointers are byte addresses; leading dimensions and strides in elements.
// Activation kinds (keep in sync with src/nn/activations.ts):
//   0 linear, 1 tanh, 2 sigmoid, 3 relu, 4 leakyRelu (slope alpha for z < 0),
//   5 gelu (tanh approximation, Hendrycks & Gimpel 2016).
// Status (every kernel): 0 ok; -i bad argument i (1-based), checked in O(1) before any
// memory is touched: sizes first (rows, n, ... < 0), then the other arguments in
// order: a leading dimension smaller than its row length, a null (0) pointer for an
// operand with > 0 entries that the kernel reads or writes, an unknown activation kind.

// sqrt(2 / pi) for the tanh form of gelu
const GELU_C: f64 = 0.7978845608028654;
const GELU_K: f64 = 0.044715;

/** Largest activation kind code (kinds are 0..MAX_KIND). */
const MAX_KIND: i32 = 5;

/**
 * Z[i, :] = b for every row i (then gemm adds X W with beta = 1).
 * Status: -4 rows < 0, -5 n < 0, -2 ldz < n, -1 Z null, -3 b null (rows n > 0).
 */
export function nn_bias_rows_f64(Z: usize, ldz: i32, b: usize, rows: i32, n: i32): i32 {
  if (rows < 0) return -4;
  if (n < 0) return -5;
  if (ldz < n) return -2;
  if (rows > 0 && n > 0) {
    if (Z == 0) return -1;
    if (b == 0) return -3;
  }
  for (let i = 0; i < rows; i++) {
    const z = Z + ((<usize>i * <usize>ldz) << 3);
    memory.copy(z, b, <usize>n << 3);
  }
  return 0;
}

@inline function sigmoid(z: f64): f64 {
  // Split on the sign so exp never overflows to Infinity / Infinity.
  if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1.0 + e);
}

@inline function gelu(z: f64): f64 {
  return 0.5 * z * (1.0 + Math.tanh(GELU_C * (z + GELU_K * z * z * z)));
}

@inline function geluPrime(z: f64): f64 {
  const u = GELU_C * (z + GELU_K * z * z * z);
  const t = Math.tanh(u);
  return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_K * z * z);
}

/**
 * A = act(Z) element-wise (rows x n). A may alias Z.
 * Status: -5 rows < 0, -6 n < 0, -2 lda < n, -4 ldz < n, -1 A null, -3 Z null (rows n > 0),
 * -7 kind not in 0..5.
 */
export function nn_activation_f64(A: usize, lda: i32, Z: usize, ldz: i32, rows: i32, n: i32, kind: i32, alpha: f64): i32 {
  if (rows < 0) return -5;
  if (n < 0) return -6;
  if (lda < n) return -2;
  if (ldz < n) return -4;
  if (rows > 0 && n > 0) {
    if (A == 0) return -1;
    if (Z == 0) return -3;
  }
  if (kind < 0 || kind > MAX_KIND) return -7;
  const zero = f64x2.splat(0);
  const va = f64x2.splat(alpha);
  for (let i = 0; i < rows; i++) {
    const a = A + ((<usize>i * <usize>lda) << 3);
    const z = Z + ((<usize>i * <usize>ldz) << 3);
    let j = 0;
    if (kind == 0) {
      if (a != z) memory.copy(a, z, <usize>n << 3);
      continue;
    } else if (kind == 3) {
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        v128.store(a + o, f64x2.max(v128.load(z + o), zero));
      }
      for (; j < n; j++) {
        const o = <usize>j << 3;
        const v = load<f64>(z + o);
        store<f64>(a + o, v > 0 ? v : 0.0);
      }
    } else if (kind == 4) {
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const v = v128.load(z + o);
        // select(v, alpha*v, v > 0)
        v128.store(a + o, v128.bitselect(v, f64x2.mul(v, va), f64x2.gt(v, zero)));
      }
      for (; j < n; j++) {
        const o = <usize>j << 3;
        const v = load<f64>(z + o);
        store<f64>(a + o, v > 0 ? v : alpha * v);
      }
    } else {
      for (; j < n; j++) {
        const o = <usize>j << 3;
        const v = load<f64>(z + o);
        let r: f64;
        if (kind == 1) r = Math.tanh(v);
        else if (kind == 2) r = sigmoid(v);
        else r = gelu(v);
        store<f64>(a + o, r);
      }
    }
  }
  return 0;
}

/**
 * D *= act'(Z) element-wise (rows x n), the backprop step through an
 * activation. tanh and sigmoid use the stored outputs A (1 - a^2, a (1 - a));
 * relu / leakyRelu / gelu use Z. relu'(0) = 0 (subgradient choice).
 * Status: -7 rows < 0, -8 n < 0, -2 ldd < n, -4 ldz < n, -6 lda < n, and when rows n > 0:
 * -1 D null, -3 Z null (read by kinds 3, 4, 5), -5 A null (read by kinds 1, 2);
 * -9 kind not in 0..5.
 */
export function nn_activation_grad_f64(D: usize, ldd: i32, Z: usize, ldz: i32, A: usize, lda: i32, rows: i32, n: i32, kind: i32, alpha: f64): i32 {
  if (rows < 0) return -7;
  if (n < 0) return -8;
  if (ldd < n) return -2;
  if (ldz < n) return -4;
  if (lda < n) return -6;
  if (rows > 0 && n > 0) {
    if (D == 0) return -1;
    if (Z == 0 && kind >= 3) return -3;
    if (A == 0 && (kind == 1 || kind == 2)) return -5;
  }
  if (kind < 0 || kind > MAX_KIND) return -9;
  if (kind == 0) return 0;
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const va = f64x2.splat(alpha);
  for (let i = 0; i < rows; i++) {
    const d = D + ((<usize>i * <usize>ldd) << 3);
    const z = Z + ((<usize>i * <usize>ldz) << 3);
    const a = A + ((<usize>i * <usize>lda) << 3);
    let j = 0;
    if (kind == 1) {
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const av = v128.load(a + o);
        v128.store(d + o, f64x2.mul(v128.load(d + o), f64x2.sub(one, f64x2.mul(av, av))));
      }
      for (; j < n; j++) {
        const o = <usize>j << 3;
        const av = load<f64>(a + o);
        store<f64>(d + o, load<f64>(d + o) * (1.0 - av * av));
      }
    } else if (kind == 2) {
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const av = v128.load(a + o);
        v128.store(d + o, f64x2.mul(v128.load(d + o), f64x2.mul(av, f64x2.sub(one, av))));
      }
      for (; j < n; j++) {
        const o = <usize>j << 3;
        const av = load<f64>(a + o);
        store<f64>(d + o, load<f64>(d + o) * av * (1.0 - av));
      }
    } else if (kind == 3 || kind == 4) {
      const neg = kind == 3 ? zero : va;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const s = v128.bitselect(one, neg, f64x2.gt(v128.load(z + o), zero));
        v128.store(d + o, f64x2.mul(v128.load(d + o), s));
      }
      const negs = kind == 3 ? 0.0 : alpha;
      for (; j < n; j++) {
        const o = <usize>j << 3;
        store<f64>(d + o, load<f64>(d + o) * (load<f64>(z + o) > 0 ? 1.0 : negs));
      }
    } else {
      for (; j < n; j++) {
        const o = <usize>j << 3;
        store<f64>(d + o, load<f64>(d + o) * geluPrime(load<f64>(z + o)));
      }
    }
  }
  return 0;
}

/**
 * A[i, :] = softmax(Z[i, :]) with the row max subtracted (no overflow). A may alias Z.
 * Status: -5 rows < 0, -6 n < 0, -2 lda < n, -4 ldz < n, -1 A null, -3 Z null (rows n > 0).
 */
export function nn_softmax_rows_f64(A: usize, lda: i32, Z: usize, ldz: i32, rows: i32, n: i32): i32 {
  if (rows < 0) return -5;
  if (n < 0) return -6;
  if (lda < n) return -2;
  if (ldz < n) return -4;
  if (rows > 0 && n > 0) {
    if (A == 0) return -1;
    if (Z == 0) return -3;
  }
  for (let i = 0; i < rows; i++) {
    const a = A + ((<usize>i * <usize>lda) << 3);
    const z = Z + ((<usize>i * <usize>ldz) << 3);
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, load<f64>(z + (<usize>j << 3)));
    let s = 0.0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(load<f64>(z + (<usize>j << 3)) - m);
      store<f64>(a + (<usize>j << 3), e);
      s += e;
    }
    const inv = 1.0 / s;
    for (let j = 0; j < n; j++) {
      const o = <usize>j << 3;
      store<f64>(a + o, load<f64>(a + o) * inv);
    }
  }
  return 0;
}

/**
 * out[j] = beta * out[j] + sum_i D[i, j] (bias gradient). beta = 0 ignores out's old content.
 * Status: -4 rows < 0, -5 n < 0, -3 ldd < n, -1 out null (n > 0), -2 D null (rows n > 0).
 */
export function nn_col_sum_f64(out: usize, D: usize, ldd: i32, rows: i32, n: i32, beta: f64): i32 {
  if (rows < 0) return -4;
  if (n < 0) return -5;
  if (ldd < n) return -3;
  if (out == 0 && n > 0) return -1;
  if (D == 0 && rows > 0 && n > 0) return -2;
  let j = 0;
  const vb = f64x2.splat(beta);
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    let acc = f64x2.splat(0);
    for (let i = 0; i < rows; i++) acc = f64x2.add(acc, v128.load(D + ((<usize>i * <usize>ldd) << 3) + o));
    const old = beta == 0 ? f64x2.splat(0) : f64x2.mul(vb, v128.load(out + o));
    v128.store(out + o, f64x2.add(old, acc));
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    let acc = 0.0;
    for (let i = 0; i < rows; i++) acc += load<f64>(D + ((<usize>i * <usize>ldd) << 3) + o);
    store<f64>(out + o, (beta == 0 ? 0.0 : beta * load<f64>(out + o)) + acc);
  }
  return 0;
}

/**
 * Per-sample Jacobian rows of one dense layer z = a W + b (W nin x nout,
 * row-major, parameters ordered W then b). For sample s with input a_s
 * (row of A) and backpropagated delta_s = d out / d z (row of D):
 *   J[s, i*nout + j] = a_s[i] * delta_s[j],   J[s, nin*nout + j] = delta_s[j].
 * Row s of the output starts at J + s * rowStride (elements), so the rows of
 * several outputs can interleave in one block.
 * Status: -7 rows < 0, -8 nin < 0, -9 nout < 0, -2 rowStride < (nin + 1) nout (a row
 * of J), -4 lda < nin, -6 ldd < nout, and when rows > 0: -1 J null ((nin + 1) nout > 0),
 * -3 A null (nin nout > 0: A is only read times a delta), -5 D null (nout > 0).
 */
export function nn_jac_dense_f64(J: usize, rowStride: i32, A: usize, lda: i32, D: usize, ldd: i32, rows: i32, nin: i32, nout: i32): i32 {
  if (rows < 0) return -7;
  if (nin < 0) return -8;
  if (nout < 0) return -9;
  // i64: (nin + 1) * nout may exceed i32 for absurd sizes
  if (<i64>rowStride < (<i64>nin + 1) * <i64>nout) return -2;
  if (lda < nin) return -4;
  if (ldd < nout) return -6;
  if (rows > 0 && nout > 0) {
    if (J == 0) return -1;
    if (A == 0 && nin > 0) return -3;
    if (D == 0) return -5;
  }
  for (let s = 0; s < rows; s++) {
    const js = J + ((<usize>s * <usize>rowStride) << 3);
    const as = A + ((<usize>s * <usize>lda) << 3);
    const ds = D + ((<usize>s * <usize>ldd) << 3);
    for (let i = 0; i < nin; i++) {
      const ai = f64x2.splat(load<f64>(as + (<usize>i << 3)));
      const ji = js + ((<usize>i * <usize>nout) << 3);
      let j = 0;
      for (; j + 2 <= nout; j += 2) {
        const o = <usize>j << 3;
        v128.store(ji + o, f64x2.mul(ai, v128.load(ds + o)));
      }
      for (; j < nout; j++) {
        const o = <usize>j << 3;
        store<f64>(ji + o, f64x2.extract_lane(ai, 0) * load<f64>(ds + o));
      }
    }
    memory.copy(js + ((<usize>nin * <usize>nout) << 3), ds, <usize>nout << 3);
  }
  return 0;
}
