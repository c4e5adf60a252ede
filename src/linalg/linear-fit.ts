/**
 * LinearFit: what lstsq and polyfit return, and the statistics computed from a solution.
 *
 * Weights: a fit with row weights w_i minimises sum_i w_i (b_i - A_i x)^2. `sigma` means
 * w_i = 1 / sigma_i^2.
 * Covariance (the scipy curve_fit convention, documented once here):
 *   - sigma given  -> absolute: cov = (A^T W A + ridge I)^{-1}  (sigma are true standard deviations,
 *                     curve_fit absolute_sigma=true);
 *   - otherwise    -> scaled:   cov = s2 (A^T W A + ridge I)^{-1},  s2 = RSS / (m - rank).
 * With ridge > 0 this is the posterior covariance of the Gaussian-prior reading of ridge, not the
 * frequentist sandwich. Rank-deficient fits, and scaled fits with m - rank = 0, have
 * covariance = null and stdErrors = null (the message says why): the covariance of a
 * non-identifiable parameter is infinite, and a finite "restricted" matrix would mislead.
 */
import type { Matrix } from "./matrix.js";

export interface LinearFit {
  /** Solution x (length n; polyfit: ascending powers). Never NaN. */
  coefficients: Float64Array;
  /** b - A x per row (unweighted; ridge rows not included). */
  residuals: Float64Array;
  /** sum_i w_i (b_i - A_i x)^2 (w_i = 1 without weights; ridge penalty not included). */
  residualSumOfSquares: number;
  /** Numerical rank: number of pivots |R_kk| > rcond * |R_00| of the column-scaled, weighted matrix. */
  rank: number;
  /** rank < number of columns. Then `coefficients` is the minimum-norm least-squares solution. */
  rankDeficient: boolean;
  /** Human-readable account of what was solved and anything to know (rank, fallbacks). */
  message: string;
  /**
   * Condition estimate of the column-equilibrated weighted matrix: 'qr' gives ||R||_1 ||R^{-1}||_1
   * (Infinity if rank deficient); 'cholesky' gives sqrt(cond_1(D A^T W A D)) with D = diag(A^T W A)^(-1/2).
   */
  conditionEstimate: number;
  /** n x n parameter covariance (see the file comment for the convention), or null. */
  covariance: Matrix | null;
  /** sqrt of the covariance diagonal, or null with covariance. */
  stdErrors: Float64Array | null;
  /** 1 - RSS / TSS, TSS centred about the weighted mean when the model has an intercept (a constant column), otherwise uncentred sum_i w_i b_i^2. */
  rSquared: number;
  /** m - rank (residual degrees of freedom). */
  degreesOfFreedom: number;
  /** Solver actually used. */
  method: "qr" | "cholesky";
}

export interface FitStatisticsInput {
  rows: number;
  cols: number;
  b: Float64Array;
  /** row weights w_i or null (all 1) */
  weights: Float64Array | null;
  residuals: Float64Array;
  rank: number;
  /** (A^T W A + ridge I)^{-1} in original column order, or null (rank deficient) */
  inverseGram: Float64Array | null;
  /** sqrt of inverseGram's diagonal computed without under/overflow (optional; see lstsq SolveOutput) */
  inverseGramDiagSqrt?: Float64Array;
  /** true when sigma was given (covariance not rescaled by s2) */
  absoluteSigma: boolean;
  /** the model contains a constant column (centred TSS) */
  hasIntercept: boolean;
}

export interface FitStatistics {
  residualSumOfSquares: number;
  rSquared: number;
  degreesOfFreedom: number;
  covariance: Matrix | null;
  stdErrors: Float64Array | null;
  note: string;
}

/** RSS, R^2, dof, covariance and standard errors from a solved fit. */
export function fitStatistics(s: FitStatisticsInput): FitStatistics {
  const { rows: m, cols: n, b, weights: w, residuals: res } = s;
  // Sums of squares through scaled terms (as a scaled nrm2 does): residuals or data ~1e200 square to
  // Infinity, and RSS / TSS = Inf / Inf made R^2 NaN and the standard errors Infinity although
  // both have representable values. RSS itself is returned as its true (possibly Infinity) value.
  let wmax = 0;
  for (let i = 0; i < m; i++) wmax = Math.max(wmax, w === null ? 1 : w[i]);
  let rmax = 0;
  for (let i = 0; i < m; i++) rmax = Math.max(rmax, Math.abs(res[i]) * Math.sqrt(w === null ? 1 : w[i]));
  let rssScaled = 0;
  let sw = 0;
  let swb = 0;
  for (let i = 0; i < m; i++) {
    const wi = w === null ? 1 : w[i];
    if (rmax > 0) {
      const t = (res[i] * Math.sqrt(wi)) / rmax;
      rssScaled += t * t;
    }
    sw += wi / wmax;
    swb += (wi / wmax) * b[i];
  }
  const rss = rmax * rmax * rssScaled;
  const mean = s.hasIntercept ? swb / sw : 0;
  let tmax = 0;
  for (let i = 0; i < m; i++) tmax = Math.max(tmax, Math.abs(b[i] - mean) * Math.sqrt(w === null ? 1 : w[i]));
  let tssScaled = 0;
  if (tmax > 0) {
    for (let i = 0; i < m; i++) {
      const t = ((b[i] - mean) * Math.sqrt(w === null ? 1 : w[i])) / tmax;
      tssScaled += t * t;
    }
  }
  const ratio = tmax > 0 ? (rmax / tmax) * (rmax / tmax) * (rssScaled / tssScaled) : 0;
  const rSquared = tmax > 0 ? 1 - ratio : rss === 0 ? 1 : 0;
  const dof = m - s.rank;
  let covariance: Matrix | null = null;
  let stdErrors: Float64Array | null = null;
  let note = "";
  if (s.inverseGram === null) {
    note = "covariance not reported: the matrix is rank deficient, so some parameter combinations are not identifiable";
  } else if (!s.absoluteSigma && dof <= 0) {
    note = "covariance not reported: no residual degrees of freedom (m - rank = 0) to estimate the noise variance";
  } else {
    const scale = s.absoluteSigma ? 1 : rss / dof;
    // sqrt(scale) without squaring the residual scale (rss may overflow when its root does not)
    const rootScale = s.absoluteSigma ? 1 : (rmax * Math.sqrt(rssScaled)) / Math.sqrt(dof);
    const c = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) c[i] = scale * s.inverseGram[i];
    covariance = { rows: n, cols: n, data: c };
    stdErrors = new Float64Array(n);
    // From the factored diagonal when given: sqrt(scale) * (sqrt(c_jj) s_j) stays representable when
    // the variance itself (its square) under- or overflows (columns ~1e300 or ~1e-300).
    const d = s.inverseGramDiagSqrt;
    for (let j = 0; j < n; j++) stdErrors[j] = rootScale * (d !== undefined ? d[j] : Math.sqrt(Math.max(0, s.inverseGram[j * n + j])));
  }
  return { residualSumOfSquares: rss, rSquared, degreesOfFreedom: dof, covariance, stdErrors, note };
}
