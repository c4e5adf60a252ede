// Matrix-matrix products (BLAS dgemm-like), row-major, leading dimensions.
//   gemm_nn_f64: C = alpha A B   + beta C   (A m x k, B k x n)
//   gemm_tn_f64: C = alpha A^T B + beta C   (A k x m, B k x n)
//   gemm_nt_f64: C = alpha A B^T + beta C   (A m x k, B n x k)
// Register blocking (Goto & van de Geijn 2008, without packing): NN and TN use a
// 4 x 4 tile of C held in 8 f64x2 accumulators; each step p broadcasts 4 values
// of A (v128.load64_splat) and loads 4 contiguous values of row p of B.
// NT reads both operands along rows (p contiguous), so it uses a 2 x 4 tile of
// dot products vectorised along p and reduced at the end.
// beta == 0 ignores C's old content (even NaN), as in BLAS.

/** C[0..m)[0..n) = beta C (beta = 0: zeros). */
// @ts-ignore: decorator
@inline function scale_c(C: usize, ldc: i32, m: i32, n: i32, beta: f64): void {
  if (beta == 1) return;
  const rs = <usize>ldc << 3;
  const vb = f64x2.splat(beta);
  const z = f64x2.splat(0);
  for (let i = 0; i < m; i++) {
    const c = C + <usize>i * rs;
    let j = 0;
    if (beta == 0) {
      for (; j + 2 <= n; j += 2) v128.store(c + (<usize>j << 3), z);
      if (j < n) store<f64>(c + (<usize>j << 3), 0);
    } else {
      for (; j + 2 <= n; j += 2) {
        const p = c + (<usize>j << 3);
        v128.store(p, f64x2.mul(vb, v128.load(p)));
      }
      if (j < n) {
        const p = c + (<usize>j << 3);
        store<f64>(p, beta * load<f64>(p));
      }
    }
  }
}

/**
 * C[0..4)[0..4) += alpha * sum_{p<k} a_r(p) * b(p, 0..4), where a_r(p) is at
 * ar + p * aStep (r = 0..3) and b(p, 0..4) are 4 contiguous f64 at b + p * bStep.
 */
// @ts-ignore: decorator
@inline function tile4x4(C: usize, rsC: usize, a0: usize, a1: usize, a2: usize, a3: usize, aStep: usize, b: usize, bStep: usize, k: i32, alpha: f64): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let s = v128.load64_splat(a0);
    c00 = f64x2.add(c00, f64x2.mul(s, b0));
    c01 = f64x2.add(c01, f64x2.mul(s, b1));
    s = v128.load64_splat(a1);
    c10 = f64x2.add(c10, f64x2.mul(s, b0));
    c11 = f64x2.add(c11, f64x2.mul(s, b1));
    s = v128.load64_splat(a2);
    c20 = f64x2.add(c20, f64x2.mul(s, b0));
    c21 = f64x2.add(c21, f64x2.mul(s, b1));
    s = v128.load64_splat(a3);
    c30 = f64x2.add(c30, f64x2.mul(s, b0));
    c31 = f64x2.add(c31, f64x2.mul(s, b1));
    a0 += aStep;
    a1 += aStep;
    a2 += aStep;
    a3 += aStep;
    b += bStep;
  }
  const va = f64x2.splat(alpha);
  let c = C;
  v128.store(c, f64x2.add(v128.load(c), f64x2.mul(va, c00)));
  v128.store(c, f64x2.add(v128.load(c, 16), f64x2.mul(va, c01)), 16);
  c += rsC;
  v128.store(c, f64x2.add(v128.load(c), f64x2.mul(va, c10)));
  v128.store(c, f64x2.add(v128.load(c, 16), f64x2.mul(va, c11)), 16);
  c += rsC;
  v128.store(c, f64x2.add(v128.load(c), f64x2.mul(va, c20)));
  v128.store(c, f64x2.add(v128.load(c, 16), f64x2.mul(va, c21)), 16);
  c += rsC;
  v128.store(c, f64x2.add(v128.load(c), f64x2.mul(va, c30)));
  v128.store(c, f64x2.add(v128.load(c, 16), f64x2.mul(va, c31)), 16);
}

/**
 * Scalar edge: C[i][j] += alpha * sum_p a(i, p) b(p, j) for i in [i0, m), j in [j0, n)
 * with a(i, p) at A + i*aRow + p*aP and b(p, j) at B + p*bP + j*bCol (byte strides).
 */
function edge(C: usize, rsC: usize, A: usize, aRow: usize, aP: usize, B: usize, bP: usize, bCol: usize,
  i0: i32, i1: i32, j0: i32, j1: i32, k: i32, alpha: f64): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s: f64 = 0;
      let pa = A + <usize>i * aRow;
      let pb = B + <usize>j * bCol;
      for (let p = 0; p < k; p++) {
        s += load<f64>(pa) * load<f64>(pb);
        pa += aP;
        pb += bP;
      }
      const pc = C + <usize>i * rsC + (<usize>j << 3);
      store<f64>(pc, load<f64>(pc) + alpha * s);
    }
  }
}

/** Shared driver for NN/TN: a(i, p) at A + i*aRow + p*aP; b(p, j) at B + p*bP + j*8. */
// @ts-ignore: decorator
@inline function gemm_bcast(C: usize, ldc: i32, A: usize, aRow: usize, aP: usize, B: usize, bP: usize,
  m: i32, n: i32, k: i32, alpha: f64, beta: f64): void {
  scale_c(C, ldc, m, n, beta);
  if (alpha == 0 || k <= 0) return;
  const rsC = <usize>ldc << 3;
  const m4 = m & ~3;
  const n4 = n & ~3;
  for (let i = 0; i < m4; i += 4) {
    const a0 = A + <usize>i * aRow;
    for (let j = 0; j < n4; j += 4) {
      tile4x4(C + <usize>i * rsC + (<usize>j << 3), rsC, a0, a0 + aRow, a0 + 2 * aRow, a0 + 3 * aRow, aP, B + (<usize>j << 3), bP, k, alpha);
    }
  }
  if (n4 < n) edge(C, rsC, A, aRow, aP, B, bP, 8, 0, m4, n4, n, k, alpha);
  if (m4 < m) edge(C, rsC, A, aRow, aP, B, bP, 8, m4, m, 0, n, k, alpha);
}

/** C = alpha A B + beta C; A m x k (lda), B k x n (ldb), C m x n (ldc). */
export function gemm_nn_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): void {
  gemm_bcast(C, ldc, A, <usize>lda << 3, 8, B, <usize>ldb << 3, m, n, k, alpha, beta);
}

/** C = alpha A^T B + beta C; A k x m (lda), B k x n (ldb), C m x n (ldc). */
export function gemm_tn_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): void {
  gemm_bcast(C, ldc, A, 8, <usize>lda << 3, B, <usize>ldb << 3, m, n, k, alpha, beta);
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** C = alpha A B^T + beta C; A m x k (lda), B n x k (ldb), C m x n (ldc). */
export function gemm_nt_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): void {
  scale_c(C, ldc, m, n, beta);
  if (alpha == 0 || k <= 0) return;
  const rsC = <usize>ldc << 3;
  const rsA = <usize>lda << 3;
  const rsB = <usize>ldb << 3;
  const m2 = m & ~1;
  const n4 = n & ~3;
  const k2 = k & ~1;
  for (let i = 0; i < m2; i += 2) {
    const a0 = A + <usize>i * rsA;
    const a1 = a0 + rsA;
    for (let j = 0; j < n4; j += 4) {
      const b0 = B + <usize>j * rsB;
      const b1 = b0 + rsB;
      const b2 = b1 + rsB;
      const b3 = b2 + rsB;
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
      for (let p = 0; p < k2; p += 2) {
        const o = <usize>p << 3;
        const x0 = v128.load(a0 + o);
        const x1 = v128.load(a1 + o);
        let y = v128.load(b0 + o);
        c00 = f64x2.add(c00, f64x2.mul(x0, y));
        c10 = f64x2.add(c10, f64x2.mul(x1, y));
        y = v128.load(b1 + o);
        c01 = f64x2.add(c01, f64x2.mul(x0, y));
        c11 = f64x2.add(c11, f64x2.mul(x1, y));
        y = v128.load(b2 + o);
        c02 = f64x2.add(c02, f64x2.mul(x0, y));
        c12 = f64x2.add(c12, f64x2.mul(x1, y));
        y = v128.load(b3 + o);
        c03 = f64x2.add(c03, f64x2.mul(x0, y));
        c13 = f64x2.add(c13, f64x2.mul(x1, y));
      }
      let s00 = hsum(c00), s01 = hsum(c01), s02 = hsum(c02), s03 = hsum(c03);
      let s10 = hsum(c10), s11 = hsum(c11), s12 = hsum(c12), s13 = hsum(c13);
      if (k2 < k) {
        const o = <usize>k2 << 3;
        const x0 = load<f64>(a0 + o);
        const x1 = load<f64>(a1 + o);
        const y0 = load<f64>(b0 + o), y1 = load<f64>(b1 + o), y2 = load<f64>(b2 + o), y3 = load<f64>(b3 + o);
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      const c = C + <usize>i * rsC + (<usize>j << 3);
      store<f64>(c, load<f64>(c) + alpha * s00);
      store<f64>(c, load<f64>(c, 8) + alpha * s01, 8);
      store<f64>(c, load<f64>(c, 16) + alpha * s02, 16);
      store<f64>(c, load<f64>(c, 24) + alpha * s03, 24);
      const d = c + rsC;
      store<f64>(d, load<f64>(d) + alpha * s10);
      store<f64>(d, load<f64>(d, 8) + alpha * s11, 8);
      store<f64>(d, load<f64>(d, 16) + alpha * s12, 16);
      store<f64>(d, load<f64>(d, 24) + alpha * s13, 24);
    }
  }
  if (n4 < n) edge(C, rsC, A, rsA, 8, B, 8, rsB, 0, m2, n4, n, k, alpha);
  if (m2 < m) edge(C, rsC, A, rsA, 8, B, 8, rsB, m2, m, 0, n, k, alpha);
}
