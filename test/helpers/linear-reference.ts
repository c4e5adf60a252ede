/**
 * Independent plain-TS references for the linear least-squares tests (no code shared
 * with src/linalg): normal equations solved by Gaussian elimination with partial
 * pivoting, the ridge closed form, and a one-sided Jacobi SVD (Hestenes 1958) for the
 * Moore-Penrose pseudo-inverse / minimum-norm solution.
 */

export type Rows = number[][];

export function matT(a: Rows): Rows {
  return a[0].map((_, j) => a.map((r) => r[j]));
}

export function matMul(a: Rows, b: Rows): Rows {
  return a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
}

export function matVec(a: Rows, x: ArrayLike<number>): number[] {
  return a.map((r) => r.reduce((s, v, k) => s + v * x[k], 0));
}

/** Solves the square system M x = y by Gaussian elimination with partial pivoting. */
export function gaussSolve(M: Rows, y: number[]): number[] {
  const n = M.length;
  const a = M.map((r, i) => [...r, y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
    [a[c], a[p]] = [a[p], a[c]];
    for (let i = c + 1; i < n; i++) {
      const f = a[i][c] / a[c][c];
      for (let j = c; j <= n; j++) a[i][j] -= f * a[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i][n];
    for (let j = i + 1; j < n; j++) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  return x;
}

/** Weighted ridge least squares by the normal equations: (A^T W A + lambda I) x = A^T W b. */
export function normalEquationsSolve(A: Rows, b: number[], w: number[] | null = null, lambda = 0): number[] {
  const n = A[0].length;
  const M: Rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const y = new Array<number>(n).fill(0);
  A.forEach((row, i) => {
    const wi = w === null ? 1 : w[i];
    for (let j = 0; j < n; j++) {
      y[j] += wi * row[j] * b[i];
      for (let k = 0; k < n; k++) M[j][k] += wi * row[j] * row[k];
    }
  });
  for (let j = 0; j < n; j++) M[j][j] += lambda;
  return gaussSolve(M, y);
}

/** (A^T W A)^{-1} via Gaussian elimination on unit vectors. */
export function normalInverse(A: Rows, w: number[] | null = null): Rows {
  const n = A[0].length;
  const M: Rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  A.forEach((row, i) => {
    const wi = w === null ? 1 : w[i];
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) M[j][k] += wi * row[j] * row[k];
  });
  const cols = Array.from({ length: n }, (_, c) => gaussSolve(M, Array.from({ length: n }, (_, i) => (i === c ? 1 : 0))));
  return matT(cols);
}

/**
 * One-sided Jacobi SVD of A (m x n, m >= n): returns U (m x n), s (n), V (n x n)
 * with A = U diag(s) V^T. Rotates column pairs of A until all are orthogonal.
 */
export function jacobiSvd(A: Rows): { U: Rows; s: number[]; V: Rows } {
  const m = A.length;
  const n = A[0].length;
  const U = A.map((r) => [...r]);
  const V: Rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += U[i][p] * U[i][p];
          beta += U[i][q] * U[i][q];
          gamma += U[i][p] * U[i][q];
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-300) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const up = U[i][p];
          const uq = U[i][q];
          U[i][p] = c * up - s * uq;
          U[i][q] = s * up + c * uq;
        }
        for (let i = 0; i < n; i++) {
          const vp = V[i][p];
          const vq = V[i][q];
          V[i][p] = c * vp - s * vq;
          V[i][q] = s * vp + c * vq;
        }
      }
    }
    if (off < 1e-15) break;
  }
  const s = Array.from({ length: n }, (_, j) => Math.sqrt(U.reduce((acc, r) => acc + r[j] * r[j], 0)));
  for (let j = 0; j < n; j++) if (s[j] > 0) for (let i = 0; i < m; i++) U[i][j] /= s[j];
  return { U, s, V };
}

/** Minimum-norm least-squares solution pinv(A) b, singular values below tol * s_max dropped. */
export function pinvSolve(A: Rows, b: number[], tol = 1e-10): number[] {
  const { U, s, V } = jacobiSvd(A);
  const smax = Math.max(...s);
  const n = s.length;
  const x = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    if (s[j] <= tol * smax) continue;
    let c = 0;
    for (let i = 0; i < A.length; i++) c += U[i][j] * b[i];
    c /= s[j];
    for (let i = 0; i < n; i++) x[i] += V[i][j] * c;
  }
  return x;
}

/** Numerical rank from the Jacobi singular values. */
export function svdRank(A: Rows, tol = 1e-10): number {
  const { s } = jacobiSvd(A);
  const smax = Math.max(...s);
  return s.filter((v) => v > tol * smax).length;
}
