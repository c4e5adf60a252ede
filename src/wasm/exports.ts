/**
 * The wasm ABI as TypeScript sees it: one typed signature per exported kernel.
 *
 * Conventions (all kernels):
 * - Pointers are byte addresses into linear memory (from the Arena), 16-byte
 *   aligned when they start a matrix/vector block. `0` as an optional pointer
 *   means "absent" (e.g. no weights).
 * - Matrices are row-major; `ld*` is the leading dimension = elements between
 *   the starts of consecutive rows (>= number of columns).
 * - f64 everywhere; i32 index arrays where stated.
 * - Status-returning kernels (: number, documented "status") give 0 ok,
 *   k > 0 a numerical condition (e.g. the 1-based failing Cholesky column),
 *   -i bad argument number i (1-based). They never allocate and never throw.
 * - "out first" (gl-matrix style): the output pointer is the first argument.
 * - Every kernel returning `number` here returns such a status, except the
 *   value-returning level-1 kernels dot_f64 and nrm2_f64 (their result is the
 *   value; they have no status) and heap_base. Bad arguments (checked in O(1)
 *   before any memory is touched, so a kernel with bad arguments writes nothing):
 *   a negative size, a leading dimension smaller than its row length, a null (0)
 *   pointer for a required operand with > 0 entries (optional pointers documented
 *   as "0 = absent" are never bad). Sizes are checked first, then the remaining
 *   arguments in order, and the first bad one is reported. TS callers assert
 *   status 0 with check() from src/wasm/status.ts (a non-zero status there is a
 *   bug in lsqkit, not bad user input).
 *
 * Keep in sync with assembly/ (test/abi.test.ts checks every name is exported).
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  heap_base(): number;

  // ---- level 1 (assembly/level1.ts) -------------------------------------
  // dot_f64 and nrm2_f64 return their f64 value and have no status (nothing to report:
  // n <= 0 gives 0); axpy_f64 and scal_f64 return a status.
  /** sum_i x[i] y[i] */
  dot_f64(x: number, y: number, n: number): number;
  /** y += a x. status: -4 n < 0, -1 y null, -3 x null. */
  axpy_f64(y: number, a: number, x: number, n: number): number;
  /** x *= a. status: -3 n < 0, -1 x null. */
  scal_f64(x: number, a: number, n: number): number;
  /** ||x||_2 without overflow/underflow for huge/tiny entries (scaled sum of squares) */
  nrm2_f64(x: number, n: number): number;

  // ---- level 2/3 (assembly/gemv.ts, assembly/gemm.ts) ---------------------
  /**
   * y = alpha A x + beta y, A m x n (lda). beta = 0 ignores y's old content (even NaN).
   * status: -5 m < 0, -6 n < 0, -3 lda < n, -1 y null (m > 0), -2 A null (m n > 0), -4 x null (n > 0).
   */
  gemv_n_f64(y: number, A: number, lda: number, x: number, m: number, n: number, alpha: number, beta: number): number;
  /**
   * y = alpha A^T x + beta y, A m x n (lda), y has n entries.
   * status: -5 m < 0, -6 n < 0, -3 lda < n, -1 y null (n > 0), -2 A null (m n > 0), -4 x null (m > 0).
   */
  gemv_t_f64(y: number, A: number, lda: number, x: number, m: number, n: number, alpha: number, beta: number): number;
  /**
   * C = alpha A B + beta C; A m x k (lda), B k x n (ldb), C m x n (ldc).
   * status (all three gemm): -7 m, -8 n, -9 k < 0; -2 ldc < n; -4 lda < row length of A
   * (here k); -6 ldb < row length of B (here n); -1 C null (m n > 0), -3 A null (m k > 0),
   * -5 B null (k n > 0).
   */
  gemm_nn_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): number;
  /** C = alpha A^T B + beta C; A k x m (lda), B k x n (ldb), C m x n (ldc). status as gemm_nn_f64 (-4: lda < m). */
  gemm_tn_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): number;
  /** C = alpha A B^T + beta C; A m x k (lda), B n x k (ldb), C m x n (ldc). status as gemm_nn_f64 (-6: ldb < k). */
  gemm_nt_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): number;

  // ---- normal equations (assembly/normal.ts) ------------------------------
  /**
   * Accumulates a block of rows into the normal equations, never storing all of J:
   *   H[lower] += J^T W J,  g += J^T W r   (W = diag(w); w = 0 pointer -> W = I;
   *   r = 0 pointer -> g untouched). J is rows x n (ldj), H is n x n (ldh), only
   *   the lower triangle (i >= j) of H is read/written. status.
   */
  normal_accumulate_f64(H: number, ldh: number, g: number, J: number, ldj: number, r: number, w: number, rows: number, n: number): number;
  /** Copies the lower triangle of the n x n matrix H onto its upper triangle. status: -3 n < 0, -2 ldh < n, -1 H null. */
  sym_fill_upper_f64(H: number, ldh: number, n: number): number;
  /**
   * out = H + lambda * diag(d) on the lower triangle (upper of out left as is),
   * H untouched (so LM can retry with another lambda). d = 0 pointer -> identity. out may not alias H.
   * status: -5 n < 0, -2 ldo < n, -4 ldh < n, -1 out null, -3 H null (n > 0).
   */
  damped_copy_f64(out: number, ldo: number, H: number, ldh: number, n: number, lambda: number, d: number): number;

  // ---- Cholesky and triangular solves (assembly/cholesky.ts, assembly/triangular.ts)
  /** In-place lower Cholesky A = L L^T (blocked, reads/writes the lower triangle). status: k>0 = 1-based column where the pivot was <= 0 or not finite. */
  cholesky_f64(A: number, lda: number, n: number): number;
  /** Solves L x = b (trans = 0) or L^T x = b (trans = 1) in place on x; L lower n x n. status: -4 n < 0, -2 ldl < n, -1 L null, -3 x null. */
  trsv_lower_f64(L: number, ldl: number, x: number, n: number, trans: number): number;
  /** Solves R x = b (trans = 0) or R^T x = b (trans = 1) in place on x; R upper n x n. status: -4 n < 0, -2 ldr < n, -1 R null, -3 x null. */
  trsv_upper_f64(R: number, ldr: number, x: number, n: number, trans: number): number;
  /**
   * Solves L X = B (trans = 0) or L^T X = B (trans = 1) in place on B (n x nrhs, ldb).
   * status: -5 n < 0, -6 nrhs < 0, -2 ldl < n, -4 ldb < nrhs, -1 L null, -3 B null.
   */
  trsm_lower_f64(L: number, ldl: number, B: number, ldb: number, n: number, nrhs: number, trans: number): number;
  /** Solves (L L^T) x = b in place on x. status: -4 n < 0, -2 ldl < n, -1 L null, -3 x null. */
  cholesky_solve_f64(L: number, ldl: number, x: number, n: number): number;
  /**
   * out = (L L^T)^{-1}, full symmetric n x n (ldo), from the factor L. out may not alias L.
   * status: -5 n < 0, -2 ldo < n, -4 ldl < n, -1 out null, -3 L null.
   */
  cholesky_inverse_f64(out: number, ldo: number, L: number, ldl: number, n: number): number;

  // ---- Householder QR with column pivoting (assembly/qr.ts) --------------------------
  /**
   * In place A (m x n, lda) = Q R P^T (Businger-Golub column pivoting when
   * pivot != 0, with LAPACK dgeqp3-style norm downdating). On return R is on and
   * above the diagonal, Householder vectors v_k (v_k[k] = 1 implicit) below it,
   * tau[k] the reflector scalars (min(m,n) entries), jpvt[j] (i32) the original
   * column index of column j (identity when pivot == 0). work: >= 3n f64 (two norm
   * arrays + the row vector w = v^T A of the update). status: -2 lda < n, -3 m < 0, -4 n < 0.
   */
  qr_f64(A: number, lda: number, m: number, n: number, tau: number, jpvt: number, work: number, pivot: number): number;
  /**
   * B (m x nrhs, ldb) = Q^T B using the k reflectors stored in A by qr_f64.
   * status (both apply kernels): -3 m < 0, -4 k < 0 or k > m, -8 nrhs < 0, -2 lda < k,
   * -7 ldb < nrhs, -1 A null (k > 0), -5 tau null (k > 0), -6 B null (m nrhs > 0).
   */
  qr_apply_qt_f64(A: number, lda: number, m: number, k: number, tau: number, B: number, ldb: number, nrhs: number): number;
  /** B (m x nrhs, ldb) = Q B (to form Q explicitly: B = first columns of I). status as qr_apply_qt_f64. */
  qr_apply_q_f64(A: number, lda: number, m: number, k: number, tau: number, B: number, ldb: number, nrhs: number): number;

  // ---- neural-network element-wise kernels (assembly/nn.ts) --------------------------
  // Activation kinds: 0 linear, 1 tanh, 2 sigmoid, 3 relu, 4 leakyRelu (alpha), 5 gelu (tanh form).
  // Every nn kernel returns a status (sizes < 0, ld < row length, null operand, unknown kind).
  /** Z[i, :] = b for each of rows rows (n entries). status: -4 rows < 0, -5 n < 0, -2 ldz < n, -1 Z null, -3 b null. */
  nn_bias_rows_f64(Z: number, ldz: number, b: number, rows: number, n: number): number;
  /**
   * A = act(Z) element-wise (rows x n); A may alias Z.
   * status: -5 rows < 0, -6 n < 0, -2 lda < n, -4 ldz < n, -1 A null, -3 Z null, -7 kind not 0..5.
   */
  nn_activation_f64(A: number, lda: number, Z: number, ldz: number, rows: number, n: number, kind: number, alpha: number): number;
  /**
   * D *= act'(Z) element-wise (tanh/sigmoid read A = act(Z); relu/leakyRelu/gelu read Z).
   * status: -7 rows < 0, -8 n < 0, -2 ldd < n, -4 ldz < n, -6 lda < n, -1 D null,
   * -3 Z null (kinds 3-5), -5 A null (kinds 1, 2), -9 kind not 0..5.
   */
  nn_activation_grad_f64(D: number, ldd: number, Z: number, ldz: number, A: number, lda: number, rows: number, n: number, kind: number, alpha: number): number;
  /** A[i, :] = softmax(Z[i, :]) (max-shifted); A may alias Z. status: -5 rows < 0, -6 n < 0, -2 lda < n, -4 ldz < n, -1 A null, -3 Z null. */
  nn_softmax_rows_f64(A: number, lda: number, Z: number, ldz: number, rows: number, n: number): number;
  /** out[j] = beta out[j] + sum_i D[i, j]; beta = 0 ignores old out. status: -4 rows < 0, -5 n < 0, -3 ldd < n, -1 out null, -2 D null. */
  nn_col_sum_f64(out: number, D: number, ldd: number, rows: number, n: number, beta: number): number;
  /**
   * Per-sample Jacobian rows of a dense layer z = a W + b (W nin x nout row-major, params W then b):
   * row s (at J + s*rowStride elements): [a_s[i] * delta_s[j] for i, j] then [delta_s[j]].
   * status: -7 rows < 0, -8 nin < 0, -9 nout < 0, -2 rowStride < (nin + 1) nout, -4 lda < nin,
   * -6 ldd < nout, -1 J null, -3 A null, -5 D null.
   */
  nn_jac_dense_f64(J: number, rowStride: number, A: number, lda: number, D: number, ldd: number, rows: number, nin: number, nout: number): number;
}
