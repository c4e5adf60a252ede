// Argument status of the kernels (DESIGN: 0 ok, -i bad argument i, 1-based): every
// bad argument of every kernel gives its code, and a call with a bad argument writes
// nothing (all operands are SENTINEL-filled buffers checked afterwards). Sizes are
// checked before the other arguments, so a bad size wins over a bad leading dimension.
// The expected codes come from the signatures (position of the argument), not from runs.
import { axpy_f64, scal_f64 } from "../level1";
import { gemv_n_f64, gemv_t_f64 } from "../gemv";
import { gemm_nn_f64, gemm_tn_f64, gemm_nt_f64 } from "../gemm";
import { trsv_lower_f64, trsv_upper_f64, trsm_lower_f64 } from "../triangular";
import { sym_fill_upper_f64, damped_copy_f64 } from "../normal";
import { cholesky_solve_f64, cholesky_inverse_f64 } from "../cholesky";
import { qr_apply_qt_f64, qr_apply_q_f64 } from "../qr";
import { nn_bias_rows_f64, nn_activation_f64, nn_activation_grad_f64, nn_softmax_rows_f64, nn_col_sum_f64, nn_jac_dense_f64 } from "../nn";
import { watch, unwatchAll, countWritten } from "./buffers";

/** status must be `code` and no watched entry may have changed. */
function bad(status: i32, code: i32): void {
  expect<i32>(status).toBe(code);
  expect<i32>(countWritten()).toBe(0);
}

describe("level 1 status", () => {
  it("axpy_f64: -4 n < 0, -1 y null, -3 x null; n = 0 with null pointers is ok", () => {
    unwatchAll();
    const y = watch(), x = watch();
    bad(axpy_f64(y, 2, x, -1), -4);
    bad(axpy_f64(0, 2, x, 3), -1);
    bad(axpy_f64(y, 2, 0, 3), -3);
    bad(axpy_f64(0, 2, 0, -1), -4); // size first
    bad(axpy_f64(0, 2, 0, 0), 0);
    expect<i32>(axpy_f64(y, 2, x, 3)).toBe(0);
  });
  it("scal_f64: -3 n < 0, -1 x null", () => {
    unwatchAll();
    const x = watch();
    bad(scal_f64(x, 2, -5), -3);
    bad(scal_f64(0, 2, 4), -1);
    bad(scal_f64(0, 2, 0), 0);
    expect<i32>(scal_f64(x, 2, 4)).toBe(0);
  });
});

describe("gemv status", () => {
  it("gemv_n_f64 (y, A, lda, x, m, n): -5 m, -6 n, -3 lda < n, -1 y, -2 A, -4 x", () => {
    unwatchAll();
    const y = watch(), A = watch(), x = watch();
    bad(gemv_n_f64(y, A, 3, x, -1, 3, 1, 0), -5);
    bad(gemv_n_f64(y, A, 3, x, 2, -1, 1, 0), -6);
    bad(gemv_n_f64(y, A, 2, x, 2, 3, 1, 0), -3);
    bad(gemv_n_f64(0, A, 3, x, 2, 3, 1, 0), -1);
    bad(gemv_n_f64(y, 0, 3, x, 2, 3, 1, 0), -2);
    bad(gemv_n_f64(y, A, 3, 0, 2, 3, 1, 0), -4);
    bad(gemv_n_f64(0, 0, 0, 0, -1, -1, 1, 0), -5);
    expect<i32>(gemv_n_f64(y, A, 3, x, 2, 3, 1, 0)).toBe(0);
  });
  it("gemv_t_f64: y has n entries, x has m: -1 y null when n > 0, -4 x null when m > 0", () => {
    unwatchAll();
    const y = watch(), A = watch(), x = watch();
    bad(gemv_t_f64(y, A, 3, x, -1, 3, 1, 0), -5);
    bad(gemv_t_f64(y, A, 3, x, 2, -1, 1, 0), -6);
    bad(gemv_t_f64(y, A, 2, x, 2, 3, 1, 0), -3);
    bad(gemv_t_f64(0, A, 3, x, 0, 3, 1, 0), -1);
    bad(gemv_t_f64(y, 0, 3, x, 2, 3, 1, 0), -2);
    bad(gemv_t_f64(y, A, 3, 0, 2, 3, 1, 0), -4);
    expect<i32>(gemv_t_f64(y, A, 3, x, 2, 3, 1, 0)).toBe(0);
  });
});

describe("gemm status", () => {
  it("gemm_nn_f64 (C, ldc, A, lda, B, ldb, m, n, k): -7 m, -8 n, -9 k, -2 ldc < n, -4 lda < k, -6 ldb < n, -1 C, -3 A, -5 B", () => {
    unwatchAll();
    const C = watch(), A = watch(), B = watch();
    // valid: m = 2, n = 3, k = 2 -> ldc 3, lda 2, ldb 3
    bad(gemm_nn_f64(C, 3, A, 2, B, 3, -1, 3, 2, 1, 0), -7);
    bad(gemm_nn_f64(C, 3, A, 2, B, 3, 2, -1, 2, 1, 0), -8);
    bad(gemm_nn_f64(C, 3, A, 2, B, 3, 2, 3, -1, 1, 0), -9);
    bad(gemm_nn_f64(C, 2, A, 2, B, 3, 2, 3, 2, 1, 0), -2);
    bad(gemm_nn_f64(C, 3, A, 1, B, 3, 2, 3, 2, 1, 0), -4);
    bad(gemm_nn_f64(C, 3, A, 2, B, 2, 2, 3, 2, 1, 0), -6);
    bad(gemm_nn_f64(0, 3, A, 2, B, 3, 2, 3, 2, 1, 0), -1);
    bad(gemm_nn_f64(C, 3, 0, 2, B, 3, 2, 3, 2, 1, 0), -3);
    bad(gemm_nn_f64(C, 3, A, 2, 0, 3, 2, 3, 2, 1, 0), -5);
    bad(gemm_nn_f64(C, 0, A, 0, B, 0, -1, 3, 2, 1, 0), -7); // size before leading dimension
    bad(gemm_nn_f64(0, 3, 0, 2, B, 3, 0, 3, 2, 1, 0), 0); // m = 0: C and A have no entries
    expect<i32>(gemm_nn_f64(C, 3, A, 2, B, 3, 2, 3, 2, 1, 0)).toBe(0);
  });
  it("gemm_tn_f64: A is k x m, so -4 is lda < m", () => {
    unwatchAll();
    const C = watch(), A = watch(), B = watch();
    // valid: m = 3, n = 2, k = 2 -> ldc 2, lda 3, ldb 2
    bad(gemm_tn_f64(C, 2, A, 3, B, 2, -1, 2, 2, 1, 0), -7);
    bad(gemm_tn_f64(C, 2, A, 3, B, 2, 3, -1, 2, 1, 0), -8);
    bad(gemm_tn_f64(C, 2, A, 3, B, 2, 3, 2, -1, 1, 0), -9);
    bad(gemm_tn_f64(C, 1, A, 3, B, 2, 3, 2, 2, 1, 0), -2);
    bad(gemm_tn_f64(C, 2, A, 2, B, 2, 3, 2, 2, 1, 0), -4); // lda = k but < m
    bad(gemm_tn_f64(C, 2, A, 3, B, 1, 3, 2, 2, 1, 0), -6);
    bad(gemm_tn_f64(0, 2, A, 3, B, 2, 3, 2, 2, 1, 0), -1);
    bad(gemm_tn_f64(C, 2, 0, 3, B, 2, 3, 2, 2, 1, 0), -3);
    bad(gemm_tn_f64(C, 2, A, 3, 0, 2, 3, 2, 2, 1, 0), -5);
    expect<i32>(gemm_tn_f64(C, 2, A, 3, B, 2, 3, 2, 2, 1, 0)).toBe(0);
  });
  it("gemm_nt_f64: B is n x k, so -6 is ldb < k", () => {
    unwatchAll();
    const C = watch(), A = watch(), B = watch();
    // valid: m = 2, n = 3, k = 2 -> ldc 3, lda 2, ldb 2 (< n is fine here)
    bad(gemm_nt_f64(C, 3, A, 2, B, 2, -1, 3, 2, 1, 0), -7);
    bad(gemm_nt_f64(C, 3, A, 2, B, 2, 2, -1, 2, 1, 0), -8);
    bad(gemm_nt_f64(C, 3, A, 2, B, 2, 2, 3, -1, 1, 0), -9);
    bad(gemm_nt_f64(C, 2, A, 2, B, 2, 2, 3, 2, 1, 0), -2);
    bad(gemm_nt_f64(C, 3, A, 1, B, 2, 2, 3, 2, 1, 0), -4);
    bad(gemm_nt_f64(C, 3, A, 2, B, 1, 2, 3, 2, 1, 0), -6);
    bad(gemm_nt_f64(0, 3, A, 2, B, 2, 2, 3, 2, 1, 0), -1);
    bad(gemm_nt_f64(C, 3, 0, 2, B, 2, 2, 3, 2, 1, 0), -3);
    bad(gemm_nt_f64(C, 3, A, 2, 0, 2, 2, 3, 2, 1, 0), -5);
    expect<i32>(gemm_nt_f64(C, 3, A, 2, B, 2, 2, 3, 2, 1, 0)).toBe(0);
  });
});

describe("triangular status", () => {
  it("trsv_lower_f64 / trsv_upper_f64 (T, ld, x, n, trans): -4 n, -2 ld < n, -1 T, -3 x", () => {
    unwatchAll();
    const T = watch(), x = watch();
    for (let trans = 0; trans < 2; trans++) {
      bad(trsv_lower_f64(T, 3, x, -1, trans), -4);
      bad(trsv_lower_f64(T, 2, x, 3, trans), -2);
      bad(trsv_lower_f64(0, 3, x, 3, trans), -1);
      bad(trsv_lower_f64(T, 3, 0, 3, trans), -3);
      bad(trsv_lower_f64(0, 0, 0, 0, trans), 0);
      bad(trsv_upper_f64(T, 3, x, -1, trans), -4);
      bad(trsv_upper_f64(T, 2, x, 3, trans), -2);
      bad(trsv_upper_f64(0, 3, x, 3, trans), -1);
      bad(trsv_upper_f64(T, 3, 0, 3, trans), -3);
      bad(trsv_upper_f64(0, 0, 0, 0, trans), 0);
    }
    expect<i32>(trsv_lower_f64(T, 3, x, 3, 0)).toBe(0);
    expect<i32>(trsv_upper_f64(T, 3, x, 3, 1)).toBe(0);
  });
  it("trsm_lower_f64 (L, ldl, B, ldb, n, nrhs, trans): -5 n, -6 nrhs, -2 ldl < n, -4 ldb < nrhs, -1 L, -3 B", () => {
    unwatchAll();
    const L = watch(), B = watch();
    for (let trans = 0; trans < 2; trans++) {
      bad(trsm_lower_f64(L, 3, B, 2, -1, 2, trans), -5);
      bad(trsm_lower_f64(L, 3, B, 2, 3, -1, trans), -6);
      bad(trsm_lower_f64(L, 2, B, 2, 3, 2, trans), -2);
      bad(trsm_lower_f64(L, 3, B, 1, 3, 2, trans), -4);
      bad(trsm_lower_f64(0, 3, B, 2, 3, 2, trans), -1);
      bad(trsm_lower_f64(L, 3, 0, 2, 3, 2, trans), -3);
      bad(trsm_lower_f64(L, 3, 0, 0, 3, 0, trans), 0); // nrhs = 0: B has no entries
    }
    expect<i32>(trsm_lower_f64(L, 3, B, 2, 3, 2, 0)).toBe(0);
  });
});

describe("normal-equation helpers status", () => {
  it("sym_fill_upper_f64 (H, ldh, n): -3 n, -2 ldh < n, -1 H", () => {
    unwatchAll();
    const H = watch();
    bad(sym_fill_upper_f64(H, 3, -1), -3);
    bad(sym_fill_upper_f64(H, 2, 3), -2);
    bad(sym_fill_upper_f64(0, 3, 3), -1);
    bad(sym_fill_upper_f64(0, 0, 0), 0);
    expect<i32>(sym_fill_upper_f64(H, 3, 3)).toBe(0);
  });
  it("damped_copy_f64 (out, ldo, H, ldh, n, lambda, d): -5 n, -2 ldo < n, -4 ldh < n, -1 out, -3 H; d = 0 is identity", () => {
    unwatchAll();
    const out = watch(), H = watch(), d = watch();
    bad(damped_copy_f64(out, 3, H, 3, -1, 0.5, d), -5);
    bad(damped_copy_f64(out, 2, H, 3, 3, 0.5, d), -2);
    bad(damped_copy_f64(out, 3, H, 2, 3, 0.5, d), -4);
    bad(damped_copy_f64(0, 3, H, 3, 3, 0.5, d), -1);
    bad(damped_copy_f64(out, 3, 0, 3, 3, 0.5, d), -3);
    expect<i32>(damped_copy_f64(out, 3, H, 3, 3, 0.5, 0)).toBe(0);
  });
});

describe("Cholesky helpers status", () => {
  it("cholesky_solve_f64 (L, ldl, x, n): -4 n, -2 ldl < n, -1 L, -3 x (before the first solve writes)", () => {
    unwatchAll();
    const L = watch(), x = watch();
    bad(cholesky_solve_f64(L, 3, x, -1), -4);
    bad(cholesky_solve_f64(L, 2, x, 3), -2);
    bad(cholesky_solve_f64(0, 3, x, 3), -1);
    bad(cholesky_solve_f64(L, 3, 0, 3), -3);
    bad(cholesky_solve_f64(0, 0, 0, 0), 0);
    expect<i32>(cholesky_solve_f64(L, 3, x, 3)).toBe(0);
  });
  it("cholesky_inverse_f64 (out, ldo, L, ldl, n): -5 n, -2 ldo < n, -4 ldl < n, -1 out, -3 L", () => {
    unwatchAll();
    const out = watch(), L = watch();
    bad(cholesky_inverse_f64(out, 3, L, 3, -1), -5);
    bad(cholesky_inverse_f64(out, 2, L, 3, 3), -2);
    bad(cholesky_inverse_f64(out, 3, L, 2, 3), -4);
    bad(cholesky_inverse_f64(0, 3, L, 3, 3), -1);
    bad(cholesky_inverse_f64(out, 3, 0, 3, 3), -3);
    bad(cholesky_inverse_f64(0, 0, 0, 0, 0), 0);
    expect<i32>(cholesky_inverse_f64(out, 3, L, 3, 3)).toBe(0);
  });
});

describe("QR apply status", () => {
  it("qr_apply_qt_f64 / qr_apply_q_f64 (A, lda, m, k, tau, B, ldb, nrhs): -3 m, -4 k < 0 or k > m, -8 nrhs, -2 lda < k, -7 ldb < nrhs, -1 A, -5 tau, -6 B", () => {
    unwatchAll();
    const A = watch(), tau = watch(), B = watch();
    for (let q = 0; q < 2; q++) {
      // valid: m = 3, k = 2, lda 2, ldb 1, nrhs 1
      const f = q == 0 ? qr_apply_qt_f64 : qr_apply_q_f64;
      bad(f(A, 2, -1, 2, tau, B, 1, 1), -3);
      bad(f(A, 2, 3, -1, tau, B, 1, 1), -4);
      bad(f(A, 4, 3, 4, tau, B, 1, 1), -4); // more reflectors than rows
      bad(f(A, 2, 3, 2, tau, B, 1, -1), -8);
      bad(f(A, 1, 3, 2, tau, B, 1, 1), -2);
      bad(f(A, 2, 3, 2, tau, B, 0, 1), -7);
      bad(f(0, 2, 3, 2, tau, B, 1, 1), -1);
      bad(f(A, 2, 3, 2, 0, B, 1, 1), -5);
      bad(f(A, 2, 3, 2, tau, 0, 1, 1), -6);
      bad(f(0, 0, 3, 0, 0, B, 1, 1), 0); // k = 0: Q = I, B untouched
      expect<i32>(f(A, 2, 3, 2, tau, B, 1, 1)).toBe(0);
      unwatchAll(); // B was written by the valid call
    }
  });
});

describe("nn kernels status", () => {
  it("nn_bias_rows_f64 (Z, ldz, b, rows, n): -4 rows, -5 n, -2 ldz < n, -1 Z, -3 b", () => {
    unwatchAll();
    const Z = watch(), b = watch();
    bad(nn_bias_rows_f64(Z, 3, b, -1, 3), -4);
    bad(nn_bias_rows_f64(Z, 3, b, 2, -1), -5);
    bad(nn_bias_rows_f64(Z, 2, b, 2, 3), -2);
    bad(nn_bias_rows_f64(0, 3, b, 2, 3), -1);
    bad(nn_bias_rows_f64(Z, 3, 0, 2, 3), -3);
    expect<i32>(nn_bias_rows_f64(Z, 3, b, 2, 3)).toBe(0);
  });
  it("nn_activation_f64 (A, lda, Z, ldz, rows, n, kind, alpha): -5 rows, -6 n, -2 lda, -4 ldz, -1 A, -3 Z, -7 kind", () => {
    unwatchAll();
    const A = watch(), Z = watch();
    bad(nn_activation_f64(A, 3, Z, 3, -1, 3, 1, 0), -5);
    bad(nn_activation_f64(A, 3, Z, 3, 2, -1, 1, 0), -6);
    bad(nn_activation_f64(A, 2, Z, 3, 2, 3, 1, 0), -2);
    bad(nn_activation_f64(A, 3, Z, 2, 2, 3, 1, 0), -4);
    bad(nn_activation_f64(0, 3, Z, 3, 2, 3, 1, 0), -1);
    bad(nn_activation_f64(A, 3, 0, 3, 2, 3, 1, 0), -3);
    bad(nn_activation_f64(A, 3, Z, 3, 2, 3, 6, 0), -7);
    bad(nn_activation_f64(A, 3, Z, 3, 2, 3, -1, 0), -7);
    expect<i32>(nn_activation_f64(A, 3, Z, 3, 2, 3, 5, 0)).toBe(0);
  });
  it("nn_activation_grad_f64 (D, ldd, Z, ldz, A, lda, rows, n, kind, alpha): -7 rows, -8 n, -2/-4/-6 ld, -1 D, -3 Z (kinds 3-5), -5 A (kinds 1-2), -9 kind", () => {
    unwatchAll();
    const D = watch(), Z = watch(), A = watch();
    bad(nn_activation_grad_f64(D, 3, Z, 3, A, 3, -1, 3, 1, 0), -7);
    bad(nn_activation_grad_f64(D, 3, Z, 3, A, 3, 2, -1, 1, 0), -8);
    bad(nn_activation_grad_f64(D, 2, Z, 3, A, 3, 2, 3, 1, 0), -2);
    bad(nn_activation_grad_f64(D, 3, Z, 2, A, 3, 2, 3, 1, 0), -4);
    bad(nn_activation_grad_f64(D, 3, Z, 3, A, 2, 2, 3, 1, 0), -6);
    bad(nn_activation_grad_f64(0, 3, Z, 3, A, 3, 2, 3, 1, 0), -1);
    for (let kind = 3; kind <= 5; kind++) bad(nn_activation_grad_f64(D, 3, 0, 3, A, 3, 2, 3, kind, 0.1), -3);
    for (let kind = 1; kind <= 2; kind++) bad(nn_activation_grad_f64(D, 3, Z, 3, 0, 3, 2, 3, kind, 0), -5);
    bad(nn_activation_grad_f64(D, 3, Z, 3, A, 3, 2, 3, 9, 0), -9);
    bad(nn_activation_grad_f64(D, 3, 0, 3, 0, 3, 2, 3, 0, 0), 0); // linear reads neither
    expect<i32>(nn_activation_grad_f64(D, 3, 0, 3, A, 3, 2, 3, 1, 0)).toBe(0); // tanh reads only A
  });
  it("nn_softmax_rows_f64 (A, lda, Z, ldz, rows, n): -5 rows, -6 n, -2 lda, -4 ldz, -1 A, -3 Z", () => {
    unwatchAll();
    const A = watch(), Z = watch();
    bad(nn_softmax_rows_f64(A, 3, Z, 3, -1, 3), -5);
    bad(nn_softmax_rows_f64(A, 3, Z, 3, 2, -1), -6);
    bad(nn_softmax_rows_f64(A, 2, Z, 3, 2, 3), -2);
    bad(nn_softmax_rows_f64(A, 3, Z, 2, 2, 3), -4);
    bad(nn_softmax_rows_f64(0, 3, Z, 3, 2, 3), -1);
    bad(nn_softmax_rows_f64(A, 3, 0, 3, 2, 3), -3);
    expect<i32>(nn_softmax_rows_f64(A, 3, Z, 3, 2, 3)).toBe(0);
  });
  it("nn_col_sum_f64 (out, D, ldd, rows, n, beta): -4 rows, -5 n, -3 ldd < n, -1 out, -2 D", () => {
    unwatchAll();
    const out = watch(), D = watch();
    bad(nn_col_sum_f64(out, D, 3, -1, 3, 0), -4);
    bad(nn_col_sum_f64(out, D, 3, 2, -1, 0), -5);
    bad(nn_col_sum_f64(out, D, 2, 2, 3, 0), -3);
    bad(nn_col_sum_f64(0, D, 3, 2, 3, 0), -1);
    bad(nn_col_sum_f64(out, 0, 3, 2, 3, 0), -2);
    expect<i32>(nn_col_sum_f64(out, D, 3, 2, 3, 0)).toBe(0);
  });
  it("nn_jac_dense_f64 (J, rowStride, A, lda, D, ldd, rows, nin, nout): -7/-8/-9 sizes, -2 rowStride < (nin+1) nout, -4 lda, -6 ldd, -1 J, -3 A, -5 D", () => {
    unwatchAll();
    const J = watch(), A = watch(), D = watch();
    // valid: rows 2, nin 2, nout 2 -> a J row has 6 entries
    bad(nn_jac_dense_f64(J, 6, A, 2, D, 2, -1, 2, 2), -7);
    bad(nn_jac_dense_f64(J, 6, A, 2, D, 2, 2, -1, 2), -8);
    bad(nn_jac_dense_f64(J, 6, A, 2, D, 2, 2, 2, -1), -9);
    bad(nn_jac_dense_f64(J, 5, A, 2, D, 2, 2, 2, 2), -2);
    bad(nn_jac_dense_f64(J, 6, A, 1, D, 2, 2, 2, 2), -4);
    bad(nn_jac_dense_f64(J, 6, A, 2, D, 1, 2, 2, 2), -6);
    bad(nn_jac_dense_f64(0, 6, A, 2, D, 2, 2, 2, 2), -1);
    bad(nn_jac_dense_f64(J, 6, 0, 2, D, 2, 2, 2, 2), -3);
    bad(nn_jac_dense_f64(J, 6, A, 2, 0, 2, 2, 2, 2), -5);
    expect<i32>(nn_jac_dense_f64(J, 6, A, 2, D, 2, 2, 2, 2)).toBe(0);
  });
});
