// Triangular solves (BLAS dtrsv / dtrsm-like), row-major, in place on the right-hand side.
// Row-major storage makes rows of L (and R) contiguous, so:
//   L x = b    : dot-product form  x_i = (b_i - L[i,0:i] . x[0:i]) / L_ii
//   L^T x = b  : axpy form, backwards: x_i /= L_ii; x[0:i] -= x_i L[i,0:i]
// and symmetrically for upper R. Both forms stream a contiguous row with f64x2.
// No pivot checks: callers pass a factor with a non-zero diagonal (cholesky_f64 status).

import { dot_f64, axpy_f64, scal_f64 } from "./level1";

/** Solves L x = b (trans = 0) or L^T x = b (trans != 0) in place on x; L lower n x n (ldl). */
export function trsv_lower_f64(L: usize, ldl: i32, x: usize, n: i32, trans: i32): void {
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
      axpy_f64(x, -xi, li, i);
    }
  }
}

/** Solves R x = b (trans = 0) or R^T x = b (trans != 0) in place on x; R upper n x n (ldr). */
export function trsv_upper_f64(R: usize, ldr: i32, x: usize, n: i32, trans: i32): void {
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
      axpy_f64(px + 8, -xi, ri + 8, n - i - 1);
    }
  }
}

/**
 * Solves L X = B (trans = 0) or L^T X = B (trans != 0) in place on B (n x nrhs, ldb).
 * Row-oriented: each update is an axpy of a whole row of B (length nrhs).
 */
export function trsm_lower_f64(L: usize, ldl: i32, B: usize, ldb: i32, n: i32, nrhs: i32, trans: i32): void {
  const rs = <usize>ldl << 3;
  const rb = <usize>ldb << 3;
  if (trans == 0) {
    // B_i = (B_i - sum_{k<i} L_ik B_k) / L_ii
    for (let i = 0; i < n; i++) {
      const li = L + <usize>i * rs;
      const bi = B + <usize>i * rb;
      for (let k = 0; k < i; k++) {
        const lik = load<f64>(li + (<usize>k << 3));
        if (lik != 0) axpy_f64(bi, -lik, B + <usize>k * rb, nrhs);
      }
      scal_f64(bi, 1.0 / load<f64>(li + (<usize>i << 3)), nrhs);
    }
  } else {
    // backwards: B_i /= L_ii; B_k -= L_ik B_i for k < i
    for (let i = n - 1; i >= 0; i--) {
      const li = L + <usize>i * rs;
      const bi = B + <usize>i * rb;
      scal_f64(bi, 1.0 / load<f64>(li + (<usize>i << 3)), nrhs);
      for (let k = 0; k < i; k++) {
        const lik = load<f64>(li + (<usize>k << 3));
        if (lik != 0) axpy_f64(B + <usize>k * rb, -lik, bi, nrhs);
      }
    }
  }
}
