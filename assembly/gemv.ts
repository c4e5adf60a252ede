// Matrix-vector products (BLAS dgemv-like), row-major A with leading dimension lda.
// y = alpha A x + beta y  and  y = alpha A^T x + beta y; f64x2 SIMD with scalar tails.
// beta == 0 means "ignore y's old content" (so uninitialised or NaN y is fine), as in BLAS.
// Status: 0 ok; -i bad argument i (1-based), checked in O(1) before any memory is
// touched: sizes first (-5 m < 0, -6 n < 0), then -3 lda < n, then a null (0)
// pointer for an operand with > 0 entries (-1 y, -2 A, -4 x).

/** gemv argument check; yLen / xLen are the entry counts of y and x. */
// @ts-ignore: decorator
@inline function gemv_check(y: usize, A: usize, lda: i32, x: usize, m: i32, n: i32, yLen: i32, xLen: i32): i32 {
  if (m < 0) return -5;
  if (n < 0) return -6;
  if (lda < n) return -3;
  if (y == 0 && yLen > 0) return -1;
  if (A == 0 && m > 0 && n > 0) return -2;
  if (x == 0 && xLen > 0) return -4;
  return 0;
}

/**
 * gemv_n_f64: y (m) = alpha A x + beta y, A m x n.
 * Four rows at a time: each f64x2 load of x feeds four row accumulators
 * (dot-product form, the natural one for row-major A).
 */
export function gemv_n_f64(y: usize, A: usize, lda: i32, x: usize, m: i32, n: i32, alpha: f64, beta: f64): i32 {
  const st = gemv_check(y, A, lda, x, m, n, m, n);
  if (st != 0) return st;
  const rs = <usize>lda << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = A + <usize>i * rs;
    const a1 = a0 + rs;
    const a2 = a1 + rs;
    const a3 = a2 + rs;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const xv = v128.load(x + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(a0 + o), xv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(a1 + o), xv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(a2 + o), xv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(a3 + o), xv));
    }
    let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    let t1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
    let t2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
    let t3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
    if (j < n) {
      const o = <usize>j << 3;
      const xj = load<f64>(x + o);
      t0 += load<f64>(a0 + o) * xj;
      t1 += load<f64>(a1 + o) * xj;
      t2 += load<f64>(a2 + o) * xj;
      t3 += load<f64>(a3 + o) * xj;
    }
    const py = y + (<usize>i << 3);
    if (beta == 0) {
      store<f64>(py, alpha * t0);
      store<f64>(py, alpha * t1, 8);
      store<f64>(py, alpha * t2, 16);
      store<f64>(py, alpha * t3, 24);
    } else {
      store<f64>(py, alpha * t0 + beta * load<f64>(py));
      store<f64>(py, alpha * t1 + beta * load<f64>(py, 8), 8);
      store<f64>(py, alpha * t2 + beta * load<f64>(py, 16), 16);
      store<f64>(py, alpha * t3 + beta * load<f64>(py, 24), 24);
    }
  }
  for (; i < m; i++) {
    const a0 = A + <usize>i * rs;
    let s0 = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(a0 + o), v128.load(x + o)));
    }
    let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    if (j < n) t0 += load<f64>(a0 + (<usize>j << 3)) * load<f64>(x + (<usize>j << 3));
    const py = y + (<usize>i << 3);
    store<f64>(py, beta == 0 ? alpha * t0 : alpha * t0 + beta * load<f64>(py));
  }
  return 0;
}

/**
 * gemv_t_f64: y (n) = alpha A^T x + beta y, A m x n.
 * Row-major A^T x is a sum of scaled rows: y += (alpha x_i) A[i,:], four rows
 * per pass over y so each y load/store serves four multiply-adds.
 */
export function gemv_t_f64(y: usize, A: usize, lda: i32, x: usize, m: i32, n: i32, alpha: f64, beta: f64): i32 {
  const st = gemv_check(y, A, lda, x, m, n, n, m);
  if (st != 0) return st;
  // y = beta y first (beta = 0: overwrite with zeros, ignoring NaN).
  if (beta == 0) {
    const z = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) v128.store(y + (<usize>j << 3), z);
    if (j < n) store<f64>(y + (<usize>j << 3), 0);
  } else if (beta != 1) {
    const vb = f64x2.splat(beta);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const p = y + (<usize>j << 3);
      v128.store(p, f64x2.mul(vb, v128.load(p)));
    }
    if (j < n) {
      const p = y + (<usize>j << 3);
      store<f64>(p, beta * load<f64>(p));
    }
  }
  const rs = <usize>lda << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = A + <usize>i * rs;
    const a1 = a0 + rs;
    const a2 = a1 + rs;
    const a3 = a2 + rs;
    const px = x + (<usize>i << 3);
    const c0 = alpha * load<f64>(px);
    const c1 = alpha * load<f64>(px, 8);
    const c2 = alpha * load<f64>(px, 16);
    const c3 = alpha * load<f64>(px, 24);
    const v0 = f64x2.splat(c0);
    const v1 = f64x2.splat(c1);
    const v2 = f64x2.splat(c2);
    const v3 = f64x2.splat(c3);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const p = y + o;
      let acc = v128.load(p);
      acc = f64x2.add(acc, f64x2.mul(v0, v128.load(a0 + o)));
      acc = f64x2.add(acc, f64x2.mul(v1, v128.load(a1 + o)));
      acc = f64x2.add(acc, f64x2.mul(v2, v128.load(a2 + o)));
      acc = f64x2.add(acc, f64x2.mul(v3, v128.load(a3 + o)));
      v128.store(p, acc);
    }
    if (j < n) {
      const o = <usize>j << 3;
      const p = y + o;
      store<f64>(p, load<f64>(p) + c0 * load<f64>(a0 + o) + c1 * load<f64>(a1 + o) + c2 * load<f64>(a2 + o) + c3 * load<f64>(a3 + o));
    }
  }
  for (; i < m; i++) {
    const a0 = A + <usize>i * rs;
    const c0 = alpha * load<f64>(x + (<usize>i << 3));
    const v0 = f64x2.splat(c0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const p = y + o;
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(v0, v128.load(a0 + o))));
    }
    if (j < n) {
      const o = <usize>j << 3;
      const p = y + o;
      store<f64>(p, load<f64>(p) + c0 * load<f64>(a0 + o));
    }
  }
  return 0;
}
