/**
 * Double-double ("compensated") arithmetic for the residuals of iterative refinement.
 *
 * A value is hi + lo with |lo| <= ulp(hi)/2, about 106 bits. Error-free transformations
 * (Knuth's TwoSum; Dekker 1971 TwoProduct with Veltkamp splitting, since JS has no FMA)
 * give the exact rounding error of one + or *. Used only where the digits matter: the
 * residuals r = b - A x and g = -A^T r of Bjorck's refinement (see lstsq.ts).
 */

/** Veltkamp splitter 2^27 + 1 (splits a double into two 26-bit halves). */
const SPLIT = 134217729;

/**
 * Dense row-major design matrix held as hi + lo (lo = null when the design is exactly
 * a double matrix). polyfit fills lo with the rounding error of x^k.
 */
export interface DDMatrix {
  rows: number;
  cols: number;
  hi: Float64Array;
  lo: Float64Array | null;
}

/**
 * f = b - r - M z and g = -M^T r, each accumulated in double-double and rounded once.
 * `M` columns are read through `perm` (column k of the factored matrix is column
 * perm[k] of `a`) so z and g are in pivot order. Rows past a.rows (ridge rows) are
 * handled by the caller. f has a.rows entries, g has a.cols.
 */
export function augmentedResidual(a: DDMatrix, b: Float64Array, r: Float64Array, z: Float64Array, perm: Int32Array, f: Float64Array, g: Float64Array): void {
  const { rows: m, cols: n, hi, lo } = a;
  // x in original column order, so the inner loops run over contiguous rows.
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[perm[k]] = z[k];
  const xh = new Float64Array(n);
  const xl = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const t = SPLIT * x[j];
    xh[j] = t - (t - x[j]);
    xl[j] = x[j] - xh[j];
  }
  const gh = new Float64Array(n);
  const gl = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    // s = b_i - r_i (exact TwoSum)
    let sh = b[i] - r[i];
    let bb = sh - b[i];
    let sl = (b[i] - (sh - bb)) + (-r[i] - bb);
    const ri = r[i];
    const t0 = SPLIT * ri;
    const rh = t0 - (t0 - ri);
    const rl = ri - rh;
    const o = i * n;
    for (let j = 0; j < n; j++) {
      const aij = hi[o + j];
      // p = aij * x_j exactly: ph + pl (Dekker TwoProduct)
      const t = SPLIT * aij;
      const ah = t - (t - aij);
      const al = aij - ah;
      const ph = aij * x[j];
      let pl = ((ah * xh[j] - ph) + ah * xl[j] + al * xh[j]) + al * xl[j];
      if (lo !== null) pl += lo[o + j] * x[j];
      // s -= p (TwoSum on the high parts, low parts added)
      const u = sh - ph;
      bb = u - sh;
      const e = (sh - (u - bb)) + (-ph - bb);
      sl += e - pl;
      sh = u;
      // g_j -= aij * r_i
      const qh = aij * ri;
      let ql = ((ah * rh - qh) + ah * rl + al * rh) + al * rl;
      if (lo !== null) ql += lo[o + j] * ri;
      const v = gh[j] - qh;
      const cc = v - gh[j];
      gl[j] += (gh[j] - (v - cc)) + (-qh - cc) - ql;
      gh[j] = v;
    }
    f[i] = sh + sl;
  }
  for (let k = 0; k < n; k++) g[k] = gh[perm[k]] + gl[perm[k]];
}
