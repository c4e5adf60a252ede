/**
 * Naive plain-TS reference implementations of the wasm kernels (row-major, leading
 * dimensions, element offsets instead of byte pointers). Written for clarity, not
 * speed: the independent source that kernel tests compare against. Other tests may
 * import these too.
 */

/** Deterministic PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n values uniform in [-1, 1) from `rand`. */
export function randomArray(rand: () => number, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = 2 * rand() - 1;
  return a;
}

/** A random symmetric positive definite n x n matrix (row-major, ld = n): B B^T + n I. */
export function randomSpd(rand: () => number, n: number): Float64Array {
  const b = randomArray(rand, n * n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
      a[i * n + j] = s;
    }
  return a;
}

export function refDot(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

export function refAxpy(y: Float64Array, a: number, x: ArrayLike<number>, n: number): void {
  for (let i = 0; i < n; i++) y[i] += a * x[i];
}

export function refScal(x: Float64Array, a: number, n: number): void {
  for (let i = 0; i < n; i++) x[i] *= a;
}

/** ||x||_2 by the textbook formula (overflows for huge entries: only for moderate data). */
export function refNrm2(x: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** y = alpha A x + beta y (trans = false) or alpha A^T x + beta y (trans = true); A m x n. */
export function refGemv(trans: boolean, y: Float64Array, A: ArrayLike<number>, lda: number, x: ArrayLike<number>, m: number, n: number, alpha: number, beta: number): void {
  const len = trans ? n : m;
  for (let i = 0; i < len; i++) {
    let s = 0;
    if (!trans) for (let j = 0; j < n; j++) s += A[i * lda + j] * x[j];
    else for (let k = 0; k < m; k++) s += A[k * lda + i] * x[k];
    y[i] = beta === 0 ? alpha * s : alpha * s + beta * y[i];
  }
}

/** C = alpha op(A) op(B) + beta C with op = transpose when the flag is set. C m x n, inner k. */
export function refGemm(transA: boolean, transB: boolean, C: Float64Array, ldc: number, A: ArrayLike<number>, lda: number, B: ArrayLike<number>, ldb: number, m: number, n: number, k: number, alpha: number, beta: number): void {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[p * lda + i] : A[i * lda + p];
        const b = transB ? B[j * ldb + p] : B[p * ldb + j];
        s += a * b;
      }
      C[i * ldc + j] = beta === 0 ? alpha * s : alpha * s + beta * C[i * ldc + j];
    }
}

/** H[lower] += J^T W J, g += J^T W r (w, r optional). */
export function refNormalAccumulate(H: Float64Array, ldh: number, g: Float64Array | null, J: ArrayLike<number>, ldj: number, r: ArrayLike<number> | null, w: ArrayLike<number> | null, rows: number, n: number): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += (w ? w[k] : 1) * J[k * ldj + i] * J[k * ldj + j];
      H[i * ldh + j] += s;
    }
  if (g && r)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += (w ? w[k] : 1) * r[k] * J[k * ldj + j];
      g[j] += s;
    }
}

export function refSymFillUpper(H: Float64Array, ldh: number, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[j * ldh + i] = H[i * ldh + j];
}

export function refDampedCopy(out: Float64Array, ldo: number, H: ArrayLike<number>, ldh: number, n: number, lambda: number, d: ArrayLike<number> | null): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) out[i * ldo + j] = H[i * ldh + j];
    out[i * ldo + i] = H[i * ldh + i] + lambda * (d ? d[i] : 1);
  }
}

/** In-place lower Cholesky (textbook Cholesky-Banachiewicz); returns 0 or the 1-based failing column. */
export function refCholesky(A: Float64Array, lda: number, n: number): number {
  for (let j = 0; j < n; j++) {
    let d = A[j * lda + j];
    for (let k = 0; k < j; k++) d -= A[j * lda + k] * A[j * lda + k];
    if (!(d > 0) || !Number.isFinite(d)) return j + 1;
    const ljj = Math.sqrt(d);
    A[j * lda + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * lda + j];
      for (let k = 0; k < j; k++) s -= A[i * lda + k] * A[j * lda + k];
      A[i * lda + j] = s / ljj;
    }
  }
  return 0;
}

/** Solves L x = b (trans false) or L^T x = b (trans true) in place; L lower. */
export function refTrsvLower(L: ArrayLike<number>, ldl: number, x: Float64Array, n: number, trans: boolean): void {
  if (!trans) {
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let k = 0; k < i; k++) s -= L[i * ldl + k] * x[k];
      x[i] = s / L[i * ldl + i];
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k < n; k++) s -= L[k * ldl + i] * x[k];
      x[i] = s / L[i * ldl + i];
    }
  }
}

/** Solves R x = b (trans false) or R^T x = b (trans true) in place; R upper. */
export function refTrsvUpper(R: ArrayLike<number>, ldr: number, x: Float64Array, n: number, trans: boolean): void {
  if (!trans) {
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let k = i + 1; k < n; k++) s -= R[i * ldr + k] * x[k];
      x[i] = s / R[i * ldr + i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let k = 0; k < i; k++) s -= R[k * ldr + i] * x[k];
      x[i] = s / R[i * ldr + i];
    }
  }
}

/** Solves L X = B (trans false) or L^T X = B (trans true) in place on B (n x nrhs). */
export function refTrsmLower(L: ArrayLike<number>, ldl: number, B: Float64Array, ldb: number, n: number, nrhs: number, trans: boolean): void {
  const col = new Float64Array(n);
  for (let c = 0; c < nrhs; c++) {
    for (let i = 0; i < n; i++) col[i] = B[i * ldb + c];
    refTrsvLower(L, ldl, col, n, trans);
    for (let i = 0; i < n; i++) B[i * ldb + c] = col[i];
  }
}

/** (L L^T)^{-1} as a full n x n matrix (ld = n), by solving for each unit vector. */
export function refCholeskyInverse(L: ArrayLike<number>, ldl: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    e.fill(0);
    e[c] = 1;
    refTrsvLower(L, ldl, e, n, false);
    refTrsvLower(L, ldl, e, n, true);
    for (let i = 0; i < n; i++) out[i * n + c] = e[i];
  }
  return out;
}
