// Triangular solves (BLAS dtrsv / dtrsm-like), row-major, in place on the right-hand side.
// Row-major storage makes rows of L (and R) contiguous, so:
//   L x = b    : dot-product form  x_i = (b_i - L[i,0:i] . x[0:i]) / L_ii
//   L^T x = b  : axpy form, backwards: x_i /= L_ii; x[0:i] -= x_i L[i,0:i]
// and symmetrically for upper R. Both forms stream a contiguous row with f64x2.
// No pivot checks: callers pass a factor with a non-zero diagonal (cholesky_f64 status).
// Argument status: 0 ok; -i bad argument i (1-based), checked in O(1) before any memory
// is touched: sizes first (n, nrhs < 0), then leading dimensions smaller than the row
// length, then a null (0) pointer for an operand with > 0 entries. trans is not
// checked (0 = no transpose, anything else = transpose).

import { dot_f64 } from "./level1";
import { axpy_core, scal_core } from "./level1_core";

/** trsv argument check: -4 n < 0, -2 ld < n, -1 triangle null, -3 x null (n > 0). */
// @ts-ignore: decorator
@inline function trsv_check(T: usize, ld: i32, x: usize, n: i32): i32 {
  if (n < 0) return -4;
  if (ld < n) return -2;
  if (n > 0) {
    if (T == 0) return -1;
    if (x == 0) return -3;
  }
  return 0;
}

/**
 * Solves L x = b (trans = 0) or L^T x = b (trans != 0) in place on x; L lower n x n (ldl).
 * Status: 0 ok; -4 n < 0, -2 ldl < n, -1 L null, -3 x null.
 */
export function trsv_lower_f64(L: usize, ldl: i32, x: usize, n: i32, trans: i32): i32 {
  const st = trsv_check(L, ldl, x, n);
  if (st != 0) return st;
  const rs = <usize>ldl << 3;
  if (trans == 0) {
    for (let i = 0; i < n; i++) {
      const li = L + <usize>i * rs;
      const px = x + (<usize>i << 3);
      store<f64>(px, (load<f64>(px) - dot_f64(li, x, i)) / load<f64>(li + (<usize>i << 3)));
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const li = L + <usize>i * rs;
      const px = x + (<usize>i << 3);
      const xi = load<f64>(px) / load<f64>(li + (<usize>i << 3));
      store<f64>(px, xi);
      axpy_core(x, -xi, li, i);
    }
  }
  return 0;
}

/**
 * Solves R x = b (trans = 0) or R^T x = b (trans != 0) in place on x; R upper n x n (ldr).
 * Status: 0 ok; -4 n < 0, -2 ldr < n, -1 R null, -3 x null.
 */
export function trsv_upper_f64(R: usize, ldr: i32, x: usize, n: i32, trans: i32): i32 {
  const st = trsv_check(R, ldr, x, n);
  if (st != 0) return st;
  const rs = <usize>ldr << 3;
  if (trans == 0) {
    for (let i = n - 1; i >= 0; i--) {
      const ri = R + <usize>i * rs + (<usize>i << 3);
      const px = x + (<usize>i << 3);
      store<f64>(px, (load<f64>(px) - dot_f64(ri + 8, px + 8, n - i - 1)) / load<f64>(ri));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const ri = R + <usize>i * rs + (<usize>i << 3);
      const px = x + (<usize>i << 3);
      const xi = load<f64>(px) / load<f64>(ri);
      store<f64>(px, xi);
      axpy_core(px + 8, -xi, ri + 8, n - i - 1);
    }
  }
  return 0;
}

/**
 * y[0..len) += alpha * sum_{k<m} c_k * X_k[0..len), X_k at X + k*rx, c_k at c + k*cs (bytes).
 * Four rows per pass over y, so each y load/store serves four multiply-adds (the
 * gemv_t idea with a strided coefficient vector: a column of L for the transposed solve).
 */
function rows_combo(y: usize, X: usize, rx: usize, c: usize, cs: usize, m: i32, len: i32, alpha: f64): void {
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    const x0 = X + <usize>k * rx;
    const x1 = x0 + rx;
    const x2 = x1 + rx;
    const x3 = x2 + rx;
    const pc = c + <usize>k * cs;
    const c0 = alpha * load<f64>(pc);
    const c1 = alpha * load<f64>(pc + cs);
    const c2 = alpha * load<f64>(pc + 2 * cs);
    const c3 = alpha * load<f64>(pc + 3 * cs);
    const v0 = f64x2.splat(c0), v1 = f64x2.splat(c1), v2 = f64x2.splat(c2), v3 = f64x2.splat(c3);
    let j = 0;
    for (; j + 2 <= len; j += 2) {
      const o = <usize>j << 3;
      let acc = v128.load(y + o);
      acc = f64x2.add(acc, f64x2.mul(v0, v128.load(x0 + o)));
      acc = f64x2.add(acc, f64x2.mul(v1, v128.load(x1 + o)));
      acc = f64x2.add(acc, f64x2.mul(v2, v128.load(x2 + o)));
      acc = f64x2.add(acc, f64x2.mul(v3, v128.load(x3 + o)));
      v128.store(y + o, acc);
    }
    if (j < len) {
      const o = <usize>j << 3;
      store<f64>(y + o, load<f64>(y + o) + c0 * load<f64>(x0 + o) + c1 * load<f64>(x1 + o) + c2 * load<f64>(x2 + o) + c3 * load<f64>(x3 + o));
    }
  }
  for (; k < m; k++) axpy_core(y, alpha * load<f64>(c + <usize>k * cs), X + <usize>k * rx, len);
}

/**
 * Solves L X = B (trans = 0) or L^T X = B (trans != 0) in place on B (n x nrhs, ldb).
 * Row-oriented (dot-product form over rows of B): B_i = (B_i - sum_k L_ik B_k) / L_ii with
 * k < i (trans = 0, coefficients = row i of L) or k > i (trans = 1, coefficients =
 * column i of L), the sum done four rows of B per pass (rows_combo).
 * Status: 0 ok; -5 n < 0, -6 nrhs < 0, -2 ldl < n, -4 ldb < nrhs, -1 L null (n > 0),
 * -3 B null (n nrhs > 0).
 */
export function trsm_lower_f64(L: usize, ldl: i32, B: usize, ldb: i32, n: i32, nrhs: i32, trans: i32): i32 {
  if (n < 0) return -5;
  if (nrhs < 0) return -6;
  if (ldl < n) return -2;
  if (ldb < nrhs) return -4;
  if (L == 0 && n > 0) return -1;
  if (B == 0 && n > 0 && nrhs > 0) return -3;
  const rs = <usize>ldl << 3;
  const rb = <usize>ldb << 3;
  if (trans == 0) {
    for (let i = 0; i < n; i++) {
      const li = L + <usize>i * rs;
      const bi = B + <usize>i * rb;
      rows_combo(bi, B, rb, li, 8, i, nrhs, -1.0);
      scal_core(bi, 1.0 / load<f64>(li + (<usize>i << 3)), nrhs);
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const bi = B + <usize>i * rb;
      // column i of L below the diagonal: L[k][i], k = i+1..n-1, stride rs
      rows_combo(bi, bi + rb, rb, L + <usize>(i + 1) * rs + (<usize>i << 3), rs, n - i - 1, nrhs, -1.0);
      scal_core(bi, 1.0 / load<f64>(L + <usize>i * rs + (<usize>i << 3)), nrhs);
    }
  }
  return 0;
}
