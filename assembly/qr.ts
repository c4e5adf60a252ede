// Householder QR with column pivoting (Businger & Golub 1965; Golub & Van Loan,
// "Matrix Computations" 4th ed., sec. 5.2 and 5.4.2), row-major, in place.
//
//   A P = Q R,  Q = H_0 H_1 ... H_{k-1},  H_j = I - tau_j v_j v_j^T,  v_j[j] = 1
//
// Row-major layout makes the reflector application a sequence of contiguous
// row operations (the hot loop, f64x2 SIMD with scalar tails):
//   w^T = v^T A[j:, j+1:]   ->  w += v_i * A[i, j+1:]      (axpy per row)
//   A[j:, j+1:] -= tau v w^T ->  A[i, j+1:] -= (tau v_i) w  (axpy per row)
// Column norms and the Householder vector itself are strided (one element per
// row), O(m) per step, negligible next to the O(m n) update.
//
// Pivot norms are downdated as in LAPACK dlaqp2 (Drmac & Bujanovic 2008):
//   vn1[j] <- vn1[j] * sqrt(1 - (|R[k,j]| / vn1[j])^2), recomputed from scratch
//   when cancellation would leave fewer than half the digits
//   (temp * (vn1/vn2)^2 <= sqrt(eps)).
//
// No allocation: the caller passes work (>= 3n f64: vn1, vn2, w).

/** sqrt(eps): below this the downdated norm has lost half its digits. */
const TOL3Z: f64 = 1.4901161193847656e-8;

/** y[0..n) += a * x[0..n), contiguous, f64x2 with a scalar tail. */
@inline
function axpy_row(y: usize, a: f64, x: usize, n: i32): void {
  const av = f64x2.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, v128.load(x + o))));
    v128.store(y + o, f64x2.add(v128.load(y + o, 16), f64x2.mul(av, v128.load(x + o, 16))), 16);
  }
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** y[0..n) += a x0[0..n) + b x1[0..n) (two rows of A into w in one pass). */
@inline
function axpy2_row(y: usize, a: f64, x0: usize, b: f64, x1: usize, n: i32): void {
  const av = f64x2.splat(a);
  const bv = f64x2.splat(b);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.add(f64x2.mul(av, v128.load(x0 + o)), f64x2.mul(bv, v128.load(x1 + o)))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + (a * load<f64>(x0 + o) + b * load<f64>(x1 + o)));
  }
}

/** y0 += a w, y1 += b w over n entries (two rows of the trailing update in one pass over w). */
@inline
function update2_rows(y0: usize, a: f64, y1: usize, b: f64, w: usize, n: i32): void {
  const av = f64x2.splat(a);
  const bv = f64x2.splat(b);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    const wv = v128.load(w + o);
    v128.store(y0 + o, f64x2.add(v128.load(y0 + o), f64x2.mul(av, wv)));
    v128.store(y1 + o, f64x2.add(v128.load(y1 + o), f64x2.mul(bv, wv)));
  }
  if (i < n) {
    const o = <usize>i << 3;
    const wi = load<f64>(w + o);
    store<f64>(y0 + o, load<f64>(y0 + o) + a * wi);
    store<f64>(y1 + o, load<f64>(y1 + o) + b * wi);
  }
}

/**
 * ||x||_2 of n entries spaced `stride` bytes apart, without overflow or
 * harmful underflow: two passes, scale by max |x_i| (exact enough; O(n)).
 */
function nrm2_strided(x: usize, stride: usize, n: i32): f64 {
  let amax: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(load<f64>(x + <usize>i * stride));
    if (a > amax) amax = a;
  }
  if (amax == 0 || !isFinite(amax)) return amax;
  // Scale only when squares could overflow/underflow; otherwise plain sum is exact-er.
  if (amax < 1e-150 || amax > 1e150) {
    const s = 1.0 / amax;
    let ss: f64 = 0;
    for (let i = 0; i < n; i++) {
      const t = load<f64>(x + <usize>i * stride) * s;
      ss += t * t;
    }
    return amax * Math.sqrt(ss);
  }
  let ss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const t = load<f64>(x + <usize>i * stride);
    ss += t * t;
  }
  return Math.sqrt(ss);
}

/**
 * qr_f64(A, lda, m, n, tau, jpvt, work, pivot) -> status.
 * In place A (m x n, lda) = Q R P^T. On return R is on and above the diagonal,
 * v_k below it (v_k[k] = 1 implicit), tau[k] for k < min(m, n), jpvt[j] (i32)
 * = original index of column j (identity when pivot == 0). work: >= 3n f64.
 * status: 0 ok; -2 lda < n; -3 m < 0; -4 n < 0.
 */
export function qr_f64(A: usize, lda: i32, m: i32, n: i32, tau: usize, jpvt: usize, work: usize, pivot: i32): i32 {
  if (m < 0) return -3;
  if (n < 0) return -4;
  if (lda < n || lda < 1) return -2;
  const rowBytes = <usize>lda << 3;
  const vn1 = work;
  const vn2 = work + (<usize>n << 3);
  const w = work + (<usize>(2 * n) << 3);
  for (let j = 0; j < n; j++) store<i32>(jpvt + (<usize>j << 2), j);
  if (pivot != 0) {
    for (let j = 0; j < n; j++) {
      const nj = nrm2_strided(A + (<usize>j << 3), rowBytes, m);
      store<f64>(vn1 + (<usize>j << 3), nj);
      store<f64>(vn2 + (<usize>j << 3), nj);
    }
  }
  const kmax = m < n ? m : n;
  for (let k = 0; k < kmax; k++) {
    const colK = A + (<usize>k << 3);
    if (pivot != 0) {
      // Bring the column of largest remaining norm to position k.
      let p = k;
      let best = load<f64>(vn1 + (<usize>k << 3));
      for (let j = k + 1; j < n; j++) {
        const v = load<f64>(vn1 + (<usize>j << 3));
        if (v > best) {
          best = v;
          p = j;
        }
      }
      if (p != k) {
        const colP = A + (<usize>p << 3);
        for (let i = 0; i < m; i++) {
          const o = <usize>i * rowBytes;
          const t = load<f64>(colK + o);
          store<f64>(colK + o, load<f64>(colP + o));
          store<f64>(colP + o, t);
        }
        const ti = load<i32>(jpvt + (<usize>k << 2));
        store<i32>(jpvt + (<usize>k << 2), load<i32>(jpvt + (<usize>p << 2)));
        store<i32>(jpvt + (<usize>p << 2), ti);
        store<f64>(vn1 + (<usize>p << 3), load<f64>(vn1 + (<usize>k << 3)));
        store<f64>(vn2 + (<usize>p << 3), load<f64>(vn2 + (<usize>k << 3)));
      }
    }

    // Generate the reflector (LAPACK dlarfg): H [alpha; x] = [beta; 0].
    const akk = colK + <usize>k * rowBytes;
    const alpha = load<f64>(akk);
    const below = akk + rowBytes;
    const xnorm = nrm2_strided(below, rowBytes, m - k - 1);
    let t: f64 = 0;
    if (xnorm != 0) {
      const h = hypot2(alpha, xnorm);
      const beta = alpha >= 0 ? -h : h;
      t = (beta - alpha) / beta;
      const s = 1.0 / (alpha - beta);
      for (let i = 0; i < m - k - 1; i++) {
        const p = below + <usize>i * rowBytes;
        store<f64>(p, load<f64>(p) * s);
      }
      store<f64>(akk, beta);
    }
    store<f64>(tau + (<usize>k << 3), t);

    // Apply H_k to the trailing columns A[k:, k+1:].
    const nc = n - k - 1;
    if (t != 0 && nc > 0) {
      const rowK = akk + 8; // A[k, k+1]
      // w = A[k, k+1:] (v_k[k] = 1) + sum_{i>k} v_i A[i, k+1:]
      for (let j = 0; j < nc; j++) store<f64>(w + (<usize>j << 3), load<f64>(rowK + (<usize>j << 3)));
      // Two rows per pass over w: half the loads/stores of w per row of A.
      let i = k + 1;
      const c0 = <usize>(k + 1) << 3;
      for (; i + 2 <= m; i += 2) {
        const r0 = A + <usize>i * rowBytes;
        const r1 = r0 + rowBytes;
        axpy2_row(w, load<f64>(r0 + (<usize>k << 3)), r0 + c0, load<f64>(r1 + (<usize>k << 3)), r1 + c0, nc);
      }
      if (i < m) {
        const ri = A + <usize>i * rowBytes;
        axpy_row(w, load<f64>(ri + (<usize>k << 3)), ri + c0, nc);
      }
      axpy_row(rowK, -t, w, nc);
      // A[i, k+1:] -= (tau v_i) w, two rows per pass (w loaded once per pair).
      i = k + 1;
      for (; i + 2 <= m; i += 2) {
        const r0 = A + <usize>i * rowBytes;
        const r1 = r0 + rowBytes;
        update2_rows(r0 + c0, -t * load<f64>(r0 + (<usize>k << 3)), r1 + c0, -t * load<f64>(r1 + (<usize>k << 3)), w, nc);
      }
      if (i < m) {
        const ri = A + <usize>i * rowBytes;
        axpy_row(ri + c0, -t * load<f64>(ri + (<usize>k << 3)), w, nc);
      }
    }

    // Downdate the remaining column norms (dlaqp2).
    if (pivot != 0) {
      for (let j = k + 1; j < n; j++) {
        const pj = vn1 + (<usize>j << 3);
        const v1 = load<f64>(pj);
        if (v1 != 0) {
          const r = Math.abs(load<f64>(A + <usize>k * rowBytes + (<usize>j << 3))) / v1;
          let temp = 1.0 - r * r;
          if (temp < 0) temp = 0;
          const ratio = v1 / load<f64>(vn2 + (<usize>j << 3));
          if (temp * ratio * ratio <= TOL3Z) {
            const nj = nrm2_strided(A + <usize>(k + 1) * rowBytes + (<usize>j << 3), rowBytes, m - k - 1);
            store<f64>(pj, nj);
            store<f64>(vn2 + (<usize>j << 3), nj);
          } else {
            store<f64>(pj, v1 * Math.sqrt(temp));
          }
        }
      }
    }
  }
  return 0;
}

/** sqrt(a^2 + b^2) without overflow (b >= 0 here). */
@inline
function hypot2(a: f64, b: f64): f64 {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = x > y ? x : y;
  const small = x > y ? y : x;
  if (big == 0) return 0;
  const q = small / big;
  return big * Math.sqrt(1.0 + q * q);
}

/**
 * B[j:, :] -= tau_j v_j (v_j^T B[j:, :]) for one reflector, two columns of B
 * at a time in an f64x2 lane pair (no work array needed), scalar tail column.
 */
function apply_reflector(A: usize, lda: i32, m: i32, j: i32, t: f64, B: usize, ldb: i32, nrhs: i32): void {
  if (t == 0) return;
  const rowA = <usize>lda << 3;
  const rowB = <usize>ldb << 3;
  const vcol = A + (<usize>j << 3);
  let c = 0;
  for (; c + 2 <= nrhs; c += 2) {
    const bc = B + (<usize>c << 3);
    let s = v128.load(bc + <usize>j * rowB);
    for (let i = j + 1; i < m; i++) {
      s = f64x2.add(s, f64x2.mul(v128.load64_splat(vcol + <usize>i * rowA), v128.load(bc + <usize>i * rowB)));
    }
    s = f64x2.mul(s, f64x2.splat(-t));
    const pj = bc + <usize>j * rowB;
    v128.store(pj, f64x2.add(v128.load(pj), s));
    for (let i = j + 1; i < m; i++) {
      const p = bc + <usize>i * rowB;
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(v128.load64_splat(vcol + <usize>i * rowA), s)));
    }
  }
  if (c < nrhs) {
    const bc = B + (<usize>c << 3);
    let s = load<f64>(bc + <usize>j * rowB);
    for (let i = j + 1; i < m; i++) s += load<f64>(vcol + <usize>i * rowA) * load<f64>(bc + <usize>i * rowB);
    s *= -t;
    store<f64>(bc + <usize>j * rowB, load<f64>(bc + <usize>j * rowB) + s);
    for (let i = j + 1; i < m; i++) {
      const p = bc + <usize>i * rowB;
      store<f64>(p, load<f64>(p) + load<f64>(vcol + <usize>i * rowA) * s);
    }
  }
}

/**
 * Argument check of qr_apply_qt_f64 / qr_apply_q_f64 (O(1), before B is touched):
 * sizes first (-3 m < 0, -4 k < 0 or k > m: reflector j acts on rows j..m-1, -8 nrhs < 0),
 * then -2 lda < k (A holds >= k columns), -7 ldb < nrhs, and null pointers for operands
 * with > 0 entries: -1 A (k > 0), -5 tau (k > 0), -6 B (m nrhs > 0).
 */
// @ts-ignore: decorator
@inline function apply_check(A: usize, lda: i32, m: i32, k: i32, tau: usize, B: usize, ldb: i32, nrhs: i32): i32 {
  if (m < 0) return -3;
  if (k < 0 || k > m) return -4;
  if (nrhs < 0) return -8;
  if (lda < k) return -2;
  if (ldb < nrhs) return -7;
  if (k > 0) {
    if (A == 0) return -1;
    if (tau == 0) return -5;
  }
  if (B == 0 && m > 0 && nrhs > 0) return -6;
  return 0;
}

/** B (m x nrhs, ldb) = Q^T B = H_{k-1} ... H_0 B, reflectors from qr_f64. Status: 0 ok; -i bad argument i (apply_check). */
export function qr_apply_qt_f64(A: usize, lda: i32, m: i32, k: i32, tau: usize, B: usize, ldb: i32, nrhs: i32): i32 {
  const st = apply_check(A, lda, m, k, tau, B, ldb, nrhs);
  if (st != 0) return st;
  for (let j = 0; j < k; j++) apply_reflector(A, lda, m, j, load<f64>(tau + (<usize>j << 3)), B, ldb, nrhs);
  return 0;
}

/** B (m x nrhs, ldb) = Q B = H_0 ... H_{k-1} B (B = leading columns of I forms Q). Status as qr_apply_qt_f64. */
export function qr_apply_q_f64(A: usize, lda: i32, m: i32, k: i32, tau: usize, B: usize, ldb: i32, nrhs: i32): i32 {
  const st = apply_check(A, lda, m, k, tau, B, ldb, nrhs);
  if (st != 0) return st;
  for (let j = k - 1; j >= 0; j--) apply_reflector(A, lda, m, j, load<f64>(tau + (<usize>j << 3)), B, ldb, nrhs);
  return 0;
}
