// Cholesky factorisation A = L L^T (lower, in place, row-major) and what is built
// on the factor: solve and inverse.

import { dot_f64 } from "./level1";
import { SCRATCH_F64, pack_groups, syrk_packed } from "./syrk";

/** Panel width of the blocked factorisation (Golub & Van Loan 4.2.9, right-looking). */
const NB: i32 = 64;
import { trsv_lower_f64, trsm_lower_f64 } from "./triangular";
import { gemm_nn_f64 } from "./gemm";

/**
 * Unblocked Cholesky-Crout on the diagonal block A[k0..k1) (columns k0..k1), rows k0..n:
 * entries of columns < k0 are assumed already subtracted from this block (right-looking),
 * so only the in-block sums are taken here.
 * Returns 0 or the 1-based failing column.
 */
function crout(A: usize, rs: usize, n: i32, k0: i32, k1: i32): i32 {
  const c0 = <usize>k0 << 3;
  for (let j = k0; j < k1; j++) {
    const lj = A + <usize>j * rs;
    const ljk0 = lj + c0;
    const len = j - k0;
    const pjj = lj + (<usize>j << 3);
    const d = load<f64>(pjj) - dot_f64(ljk0, ljk0, len);
    // !(d > 0) also catches NaN; Infinity would give an Infinity/NaN factor.
    if (!(d > 0) || d == Infinity) return j + 1;
    const ljj = Math.sqrt(d);
    store<f64>(pjj, ljj);
    const inv = 1.0 / ljj;
    const len2 = len & ~1;
    const cj = <usize>j << 3;
    let i = j + 1;
    // four rows at a time: each f64x2 load of row j feeds four dot products
    for (; i + 4 <= n; i += 4) {
      const a0 = A + <usize>i * rs + c0;
      const a1 = a0 + rs;
      const a2 = a1 + rs;
      const a3 = a2 + rs;
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
      for (let p = 0; p < len2; p += 2) {
        const o = <usize>p << 3;
        const b = v128.load(ljk0 + o);
        s0 = f64x2.add(s0, f64x2.mul(v128.load(a0 + o), b));
        s1 = f64x2.add(s1, f64x2.mul(v128.load(a1 + o), b));
        s2 = f64x2.add(s2, f64x2.mul(v128.load(a2 + o), b));
        s3 = f64x2.add(s3, f64x2.mul(v128.load(a3 + o), b));
      }
      let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
      let t1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
      let t2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
      let t3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
      if (len2 < len) {
        const o = <usize>len2 << 3;
        const b = load<f64>(ljk0 + o);
        t0 += load<f64>(a0 + o) * b;
        t1 += load<f64>(a1 + o) * b;
        t2 += load<f64>(a2 + o) * b;
        t3 += load<f64>(a3 + o) * b;
      }
      const q0 = a0 - c0 + cj;
      store<f64>(q0, (load<f64>(q0) - t0) * inv);
      const q1 = q0 + rs;
      store<f64>(q1, (load<f64>(q1) - t1) * inv);
      const q2 = q1 + rs;
      store<f64>(q2, (load<f64>(q2) - t2) * inv);
      const q3 = q2 + rs;
      store<f64>(q3, (load<f64>(q3) - t3) * inv);
    }
    for (; i < n; i++) {
      const li = A + <usize>i * rs;
      const pij = li + cj;
      store<f64>(pij, (load<f64>(pij) - dot_f64(li + c0, ljk0, len)) * inv);
    }
  }
  return 0;
}

/**
 * cholesky_f64: in-place lower Cholesky A = L L^T of the n x n matrix A (lda),
 * reading and writing only the lower triangle. Status: 0 ok; k > 0 = the 1-based
 * column whose pivot was <= 0 or not finite (then columns < k hold L, and the
 * rest of the lower triangle holds A minus the already applied block updates, i.e.
 * a partial Schur complement; every loop is bounded, NaN cannot make it spin);
 * -2 lda < n; -3 n < 0.
 *
 * Blocked right-looking algorithm (Golub & Van Loan, Alg. 4.2.10): for each panel of
 * NB columns, Cholesky-Crout on the panel (diagonal block and the rows below it, by
 * short dot products), then the trailing update A22 -= L21 L21^T, which is ~all of the
 * n^3/3 flops: L21^T is packed into 4-column groups and the lower tiles of A22 are
 * updated by the same 4 x 4 f64x2 register tile as the normal equations (syrk.ts).
 */
export function cholesky_f64(A: usize, lda: i32, n: i32): i32 {
  if (n < 0) return -3;
  if (lda < n) return -2;
  const rs = <usize>lda << 3;
  let k0 = 0;
  while (k0 < n) {
    // the packed panel (nb x trailing columns, padded to 4) must fit the scratch
    const mt4 = (n - k0 + 3) & ~3;
    let nb = min<i32>(NB, (SCRATCH_F64 / mt4) & ~3);
    if (nb < 4) return crout(A, rs, n, k0, n); // n > 16384: unblocked for the rest
    const k1 = min<i32>(k0 + nb, n);
    nb = k1 - k0;
    const st = crout(A, rs, n, k0, k1);
    if (st != 0) return st;
    const mt = n - k1;
    if (mt > 0) {
      // X = L21^T (nb x mt): X[p][i] = A[k1 + i][k0 + p]
      pack_groups(A + <usize>k1 * rs + (<usize>k0 << 3), 8, rs, nb, mt);
      syrk_packed(A + <usize>k1 * rs + (<usize>k1 << 3), lda, nb, mt, -1.0);
    }
    k0 = k1;
  }
  return 0;
}

/**
 * Solves (L L^T) x = b in place on x (forward then backward substitution).
 * Status: 0 ok; -4 n < 0, -2 ldl < n, -1 L null (n > 0), -3 x null (n > 0);
 * checked here, before either solve touches x.
 */
export function cholesky_solve_f64(L: usize, ldl: i32, x: usize, n: i32): i32 {
  if (n < 0) return -4;
  if (ldl < n) return -2;
  if (n > 0) {
    if (L == 0) return -1;
    if (x == 0) return -3;
  }
  trsv_lower_f64(L, ldl, x, n, 0);
  trsv_lower_f64(L, ldl, x, n, 1);
  return 0;
}

/**
 * out = (L L^T)^{-1} = L^{-T} L^{-1}, full symmetric n x n (ldo). out may not alias L.
 * Two blocked passes on out (LAPACK dpotri = dtrtri + dlauum, organised by row blocks):
 *  1. Y = L^{-1} (lower; zeros above), block row by block row:
 *       Y21 = -L22^{-1} (L21 Y11)   (gemm, then a small trsm),  Y22 = L22^{-1}
 *  2. out = Y^T Y in place, top block row first: rows [q0, q1) of Y are packed
 *     (syrk.ts) and then zeroed, and H[0:q1, 0:q1] += Yb^T Yb; rows above q0 already
 *     hold partial sums and were consumed earlier, so nothing is read after it is
 *     overwritten. ~n^3/3 + n^3/3 useful flops, in the fast f64x2 kernels.
 * Finally the lower triangle is mirrored up, so out is exactly symmetric.
 * Status: 0 ok; -5 n < 0, -2 ldo < n, -4 ldl < n, -1 out null (n > 0), -3 L null (n > 0).
 * (The inner gemm / trsm calls get arguments valid by construction; their status is 0.)
 */
export function cholesky_inverse_f64(out: usize, ldo: i32, L: usize, ldl: i32, n: i32): i32 {
  if (n < 0) return -5;
  if (ldo < n) return -2;
  if (ldl < n) return -4;
  if (n == 0) return 0;
  if (out == 0) return -1;
  if (L == 0) return -3;
  const rs = <usize>ldo << 3;
  const rl = <usize>ldl << 3;
  const z = f64x2.splat(0);
  for (let i = 0; i < n; i++) {
    const po = out + <usize>i * rs;
    let j = 0;
    for (; j + 2 <= n; j += 2) v128.store(po + (<usize>j << 3), z);
    if (j < n) store<f64>(po + (<usize>j << 3), 0);
  }
  // pass 1: Y = L^{-1}
  for (let i0 = 0; i0 < n; i0 += NB) {
    const i1 = min<i32>(i0 + NB, n);
    const rb = i1 - i0;
    const Lb = L + <usize>i0 * rl;
    const Yb = out + <usize>i0 * rs;
    if (i0 > 0) {
      // Y21 = -(L21 Y11), then L22 Y21 = that
      gemm_nn_f64(Yb, ldo, Lb, ldl, out, ldo, rb, i0, i0, -1.0, 0.0);
      trsm_lower_f64(Lb + (<usize>i0 << 3), ldl, Yb, ldo, rb, i0, 0);
    }
    const Y22 = Yb + (<usize>i0 << 3);
    for (let d = 0; d < rb; d++) store<f64>(Y22 + <usize>d * rs + (<usize>d << 3), 1.0);
    trsm_lower_f64(Lb + (<usize>i0 << 3), ldl, Y22, ldo, rb, rb, 0);
  }
  // pass 2: out = Y^T Y (lower), in place
  const n4 = (n + 3) & ~3;
  let qb = SCRATCH_F64 / n4;
  if (qb > 128) qb = 128;
  if (qb < 1) qb = 1;
  for (let q0 = 0; q0 < n; q0 += qb) {
    const q1 = min<i32>(q0 + qb, n);
    const K = q1 - q0;
    const Yb = out + <usize>q0 * rs;
    pack_groups(Yb, rs, 8, K, q1);
    for (let q = q0; q < q1; q++) {
      const po = out + <usize>q * rs;
      let j = 0;
      for (; j + 2 <= q1; j += 2) v128.store(po + (<usize>j << 3), z);
      if (j < q1) store<f64>(po + (<usize>j << 3), 0);
    }
    syrk_packed(out, ldo, K, q1, 1.0);
  }
  for (let i = 1; i < n; i++) {
    const po = out + <usize>i * rs;
    for (let j = 0; j < i; j++) store<f64>(out + <usize>j * rs + (<usize>i << 3), load<f64>(po + (<usize>j << 3)));
  }
  return 0;
}
