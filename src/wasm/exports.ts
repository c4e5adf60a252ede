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
 *
 * Keep in sync with assembly/ (test/abi.test.ts checks every name is exported).
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  heap_base(): number;

  // ---- level 1 (assembly/level1.ts) -------------------------------------
  /** sum_i x[i] y[i] */
  dot_f64(x: number, y: number, n: number): number;
  /** y += a x */
  axpy_f64(y: number, a: number, x: number, n: number): void;
  /** x *= a */
  scal_f64(x: number, a: number, n: number): void;
  /** ||x||_2 without overflow/underflow for huge/tiny entries (scaled sum of squares) */
  nrm2_f64(x: number, n: number): number;

  // ---- level 2/3 (assembly/gemv.ts, assembly/gemm.ts) ---------------------
  /** y = alpha A x + beta y, A m x n (lda). beta = 0 ignores y's old content (even NaN). */
  gemv_n_f64(y: number, A: number, lda: number, x: number, m: number, n: number, alpha: number, beta: number): void;
  /** y = alpha A^T x + beta y, A m x n (lda), y has n entries. */
  gemv_t_f64(y: number, A: number, lda: number, x: number, m: number, n: number, alpha: number, beta: number): void;
  /** C = alpha A B + beta C; A m x k (lda), B k x n (ldb), C m x n (ldc). */
  gemm_nn_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): void;
  /** C = alpha A^T B + beta C; A k x m (lda), B k x n (ldb), C m x n (ldc). */
  gemm_tn_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): void;
  /** C = alpha A B^T + beta C; A m x k (lda), B n x k (ldb), C m x n (ldc). */
  gemm_nt_f64(C: number, ldc: number, A: number, lda: number, B: number, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): void;

  // ---- normal equations (assembly/normal.ts) ------------------------------
  /**
   * Accumulates a block of rows into the normal equations, never storing all of J:
   *   H[lower] += J^T W J,  g += J^T W r   (W = diag(w); w = 0 pointer -> W = I;
   *   r = 0 pointer -> g untouched). J is rows x n (ldj), H is n x n (ldh), only
   *   the lower triangle (i >= j) of H is read/written. status.
   */
  normal_accumulate_f64(H: number, ldh: number, g: number, J: number, ldj: number, r: number, w: number, rows: number, n: number): number;
  /** Copies the lower triangle of the n x n matrix H onto its upper triangle. */
  sym_fill_upper_f64(H: number, ldh: number, n: number): void;
  /**
   * out = H + lambda * diag(d) on the lower triangle (upper of out left as is),
   * H untouched (so LM can retry with another lambda). d = 0 pointer -> identity. out may not alias H.
   */
  damped_copy_f64(out: number, ldo: number, H: number, ldh: number, n: number, lambda: number, d: number): void;

  // ---- Cholesky and triangular solves (assembly/cholesky.ts, assembly/triangular.ts)
  /** In-place lower Cholesky A = L L^T (blocked, reads/writes the lower triangle). status: k>0 = 1-based column where the pivot was <= 0 or not finite. */
  cholesky_f64(A: number, lda: number, n: number): number;
  /** Solves L x = b (trans = 0) or L^T x = b (trans = 1) in place on x; L lower n x n. */
  trsv_lower_f64(L: number, ldl: number, x: number, n: number, trans: number): void;
  /** Solves R x = b (trans = 0) or R^T x = b (trans = 1) in place on x; R upper n x n. */
  trsv_upper_f64(R: number, ldr: number, x: number, n: number, trans: number): void;
  /** Solves L X = B (trans = 0) or L^T X = B (trans = 1) in place on B (n x nrhs, ldb). */
  trsm_lower_f64(L: number, ldl: number, B: number, ldb: number, n: number, nrhs: number, trans: number): void;
  /** Solves (L L^T) x = b in place on x. */
  cholesky_solve_f64(L: number, ldl: number, x: number, n: number): void;
  /** out = (L L^T)^{-1}, full symmetric n x n (ldo), from the factor L. out may not alias L. */
  cholesky_inverse_f64(out: number, ldo: number, L: number, ldl: number, n: number): void;

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
  /** B (m x nrhs, ldb) = Q^T B using the k reflectors stored in A by qr_f64. */
  qr_apply_qt_f64(A: number, lda: number, m: number, k: number, tau: number, B: number, ldb: number, nrhs: number): void;
  /** B (m x nrhs, ldb) = Q B (to form Q explicitly: B = first columns of I). */
  qr_apply_q_f64(A: number, lda: number, m: number, k: number, tau: number, B: number, ldb: number, nrhs: number): void;

  // ---- neural-network element-wise kernels (assembly/nn.ts) --------------------------
  // Activation kinds: 0 linear, 1 tanh, 2 sigmoid, 3 relu, 4 leakyRelu (alpha), 5 gelu (tanh form).
  /** Z[i, :] = b for each of rows rows (n entries). */
  nn_bias_rows_f64(Z: number, ldz: number, b: number, rows: number, n: number): void;
  /** A = act(Z) element-wise (rows x n); A may alias Z. */
  nn_activation_f64(A: number, lda: number, Z: number, ldz: number, rows: number, n: number, kind: number, alpha: number): void;
  /** D *= act'(Z) element-wise (tanh/sigmoid read A = act(Z); relu/leakyRelu/gelu read Z). */
  nn_activation_grad_f64(D: number, ldd: number, Z: number, ldz: number, A: number, lda: number, rows: number, n: number, kind: number, alpha: number): void;
  /** A[i, :] = softmax(Z[i, :]) (max-shifted); A may alias Z. */
  nn_softmax_rows_f64(A: number, lda: number, Z: number, ldz: number, rows: number, n: number): void;
  /** out[j] = beta out[j] + sum_i D[i, j]; beta = 0 ignores old out. */
  nn_col_sum_f64(out: number, D: number, ldd: number, rows: number, n: number, beta: number): void;
  /**
   * Per-sample Jacobian rows of a dense layer z = a W + b (W nin x nout row-major, params W then b):
   * row s (at J + s*rowStride elements): [a_s[i] * delta_s[j] for i, j] then [delta_s[j]].
   */
  nn_jac_dense_f64(J: number, rowStride: number, A: number, lda: number, D: number, ldd: number, rows: number, nin: number, nout: number): void;
}
