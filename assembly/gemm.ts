// Matrix-matrix products (BLAS dgemm-like), row-major, leading dimensions.
//   gemm_nn_f64: C = alpha A B   + beta C   (A m x k, B k x n)
//   gemm_tn_f64: C = alpha A^T B + beta C   (A k x m, B k x n)
//   gemm_nt_f64: C = alpha A B^T + beta C   (A m x k, B n x k)
// Goto & van de Geijn (2008) blocking: B is packed, a kc x nc block at a time, into
// 4-column groups in the static scratch (syrk.ts: PACK[g][p][c] = op(B)[p][4g + c],
// zero padded), then a 4 x 4 tile of C lives in 8 f64x2 accumulators while p runs
// over the block: 4 broadcasts of op(A)[i..i+4][p] (v128.load64_splat) and 2
// contiguous loads of the packed B row per step. The packed block stays in L2 and
// every read is sequential, whatever ldb is (no TLB-hostile strides). NN, TN and NT
// differ only in the strides used to read A and to pack B.
import { SCRATCH, pack_groups } from "./syrk";

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

/** k-block and n-block sizes: kc * nc <= SCRATCH_F64 / 2 (256 KB, L2-resident). */
const KC: i32 = 256;
const NC: i32 = 128;

// @ts-ignore: decorator
@inline function addC(C: usize, rsC: usize, a: i32, b: i32, v: f64): void {
  const p = C + <usize>a * rsC + (<usize>b << 3);
  store<f64>(p, load<f64>(p) + v);
}

/**
 * C (m x n) += alpha * op(A) op(B) with op(A)[i][p] at A + i*aRow + p*aP and
 * op(B)[p][j] at B + p*bP + j*bJ (byte strides); C already scaled by beta.
 */
function gemm_packed(C: usize, rsC: usize, A: usize, aRow: usize, aP: usize, B: usize, bP: usize, bJ: usize,
  m: i32, n: i32, k: i32, alpha: f64): void {
  const va = f64x2.splat(alpha);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min<i32>(KC, k - p0);
    const gstride = <usize>kc << 5;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const nc = min<i32>(NC, n - j0);
      pack_groups(B + <usize>p0 * bP + <usize>j0 * bJ, bP, bJ, kc, nc);
      const ng = (nc + 3) >> 2;
      for (let i0 = 0; i0 < m; i0 += 4) {
        const ra = min<i32>(4, m - i0);
        // rows past m repeat the last valid row (finite reads, results not stored)
        const a0 = A + <usize>i0 * aRow + <usize>p0 * aP;
        const a1 = ra > 1 ? a0 + aRow : a0;
        const a2 = ra > 2 ? a1 + aRow : a1;
        const a3 = ra > 3 ? a2 + aRow : a2;
        for (let g = 0; g < ng; g++) {
          let pb = SCRATCH + <usize>g * gstride;
          let q0 = a0, q1 = a1, q2 = a2, q3 = a3;
          let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
          let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
          let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
          let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
          for (let p = 0; p < kc; p++) {
            const b0 = v128.load(pb);
            const b1 = v128.load(pb, 16);
            let s = v128.load64_splat(q0);
            c00 = f64x2.add(c00, f64x2.mul(s, b0));
            c01 = f64x2.add(c01, f64x2.mul(s, b1));
            s = v128.load64_splat(q1);
            c10 = f64x2.add(c10, f64x2.mul(s, b0));
            c11 = f64x2.add(c11, f64x2.mul(s, b1));
            s = v128.load64_splat(q2);
            c20 = f64x2.add(c20, f64x2.mul(s, b0));
            c21 = f64x2.add(c21, f64x2.mul(s, b1));
            s = v128.load64_splat(q3);
            c30 = f64x2.add(c30, f64x2.mul(s, b0));
            c31 = f64x2.add(c31, f64x2.mul(s, b1));
            q0 += aP;
            q1 += aP;
            q2 += aP;
            q3 += aP;
            pb += 32;
          }
          c00 = f64x2.mul(c00, va); c01 = f64x2.mul(c01, va);
          c10 = f64x2.mul(c10, va); c11 = f64x2.mul(c11, va);
          c20 = f64x2.mul(c20, va); c21 = f64x2.mul(c21, va);
          c30 = f64x2.mul(c30, va); c31 = f64x2.mul(c31, va);
          const jj = j0 + (g << 2);
          const cb = min<i32>(4, n - jj);
          const c = C + <usize>i0 * rsC + (<usize>jj << 3);
          if (ra == 4 && cb == 4) {
            let q = c;
            v128.store(q, f64x2.add(v128.load(q), c00));
            v128.store(q, f64x2.add(v128.load(q, 16), c01), 16);
            q += rsC;
            v128.store(q, f64x2.add(v128.load(q), c10));
            v128.store(q, f64x2.add(v128.load(q, 16), c11), 16);
            q += rsC;
            v128.store(q, f64x2.add(v128.load(q), c20));
            v128.store(q, f64x2.add(v128.load(q, 16), c21), 16);
            q += rsC;
            v128.store(q, f64x2.add(v128.load(q), c30));
            v128.store(q, f64x2.add(v128.load(q, 16), c31), 16);
          } else {
            // edge tile: only the ra x cb valid entries
            addC(c, rsC, 0, 0, f64x2.extract_lane(c00, 0));
            if (cb > 1) addC(c, rsC, 0, 1, f64x2.extract_lane(c00, 1));
            if (cb > 2) addC(c, rsC, 0, 2, f64x2.extract_lane(c01, 0));
            if (cb > 3) addC(c, rsC, 0, 3, f64x2.extract_lane(c01, 1));
            if (ra > 1) {
              addC(c, rsC, 1, 0, f64x2.extract_lane(c10, 0));
              if (cb > 1) addC(c, rsC, 1, 1, f64x2.extract_lane(c10, 1));
              if (cb > 2) addC(c, rsC, 1, 2, f64x2.extract_lane(c11, 0));
              if (cb > 3) addC(c, rsC, 1, 3, f64x2.extract_lane(c11, 1));
            }
            if (ra > 2) {
              addC(c, rsC, 2, 0, f64x2.extract_lane(c20, 0));
              if (cb > 1) addC(c, rsC, 2, 1, f64x2.extract_lane(c20, 1));
              if (cb > 2) addC(c, rsC, 2, 2, f64x2.extract_lane(c21, 0));
              if (cb > 3) addC(c, rsC, 2, 3, f64x2.extract_lane(c21, 1));
            }
            if (ra > 3) {
              addC(c, rsC, 3, 0, f64x2.extract_lane(c30, 0));
              if (cb > 1) addC(c, rsC, 3, 1, f64x2.extract_lane(c30, 1));
              if (cb > 2) addC(c, rsC, 3, 2, f64x2.extract_lane(c31, 0));
              if (cb > 3) addC(c, rsC, 3, 3, f64x2.extract_lane(c31, 1));
            }
          }
        }
      }
    }
  }
}

/**
 * Argument check shared by the three products (O(1), before any memory is touched).
 * Sizes first (-7 m, -8 n, -9 k < 0), then in order: -2 ldc < n, -4 lda < aCols,
 * -6 ldb < bCols, -1 C null (m n > 0), -3 A null (m k > 0), -5 B null (k n > 0).
 */
// @ts-ignore: decorator
@inline function gemm_check(C: usize, ldc: i32, A: usize, lda: i32, aCols: i32, B: usize, ldb: i32, bCols: i32,
  m: i32, n: i32, k: i32): i32 {
  if (m < 0) return -7;
  if (n < 0) return -8;
  if (k < 0) return -9;
  if (ldc < n) return -2;
  if (lda < aCols) return -4;
  if (ldb < bCols) return -6;
  if (C == 0 && m > 0 && n > 0) return -1;
  if (A == 0 && m > 0 && k > 0) return -3;
  if (B == 0 && k > 0 && n > 0) return -5;
  return 0;
}

/**
 * C = alpha A B + beta C; A m x k (lda), B k x n (ldb), C m x n (ldc).
 * Status: 0 ok; -i bad argument i (gemm_check: lda < k is -4, ldb < n is -6).
 */
export function gemm_nn_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): i32 {
  const st = gemm_check(C, ldc, A, lda, k, B, ldb, n, m, n, k);
  if (st != 0) return st;
  scale_c(C, ldc, m, n, beta);
  if (alpha == 0 || k <= 0 || m <= 0 || n <= 0) return 0;
  gemm_packed(C, <usize>ldc << 3, A, <usize>lda << 3, 8, B, <usize>ldb << 3, 8, m, n, k, alpha);
  return 0;
}

/**
 * C = alpha A^T B + beta C; A k x m (lda), B k x n (ldb), C m x n (ldc).
 * Status: 0 ok; -i bad argument i (gemm_check: lda < m is -4, ldb < n is -6).
 */
export function gemm_tn_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): i32 {
  const st = gemm_check(C, ldc, A, lda, m, B, ldb, n, m, n, k);
  if (st != 0) return st;
  scale_c(C, ldc, m, n, beta);
  if (alpha == 0 || k <= 0 || m <= 0 || n <= 0) return 0;
  gemm_packed(C, <usize>ldc << 3, A, 8, <usize>lda << 3, B, <usize>ldb << 3, 8, m, n, k, alpha);
  return 0;
}

/**
 * C = alpha A B^T + beta C; A m x k (lda), B n x k (ldb), C m x n (ldc). B^T is formed while packing.
 * Status: 0 ok; -i bad argument i (gemm_check: lda < k is -4, ldb < k is -6).
 */
export function gemm_nt_f64(C: usize, ldc: i32, A: usize, lda: i32, B: usize, ldb: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64): i32 {
  const st = gemm_check(C, ldc, A, lda, k, B, ldb, k, m, n, k);
  if (st != 0) return st;
  scale_c(C, ldc, m, n, beta);
  if (alpha == 0 || k <= 0 || m <= 0 || n <= 0) return 0;
  gemm_packed(C, <usize>ldc << 3, A, <usize>lda << 3, 8, B, 8, <usize>ldb << 3, m, n, k, alpha);
  return 0;
}
