/**
 * Finite-difference Jacobians with RELATIVE steps (never a fixed absolute step,
 * the lesson of ml-levenberg-marquardt's 0.1):
 *
 *   forward:  h_j = sqrt(eps) * max(|p_j|, typical_j),  J_:j = (r(p + h e_j) - r(p)) / h
 *   central:  h_j = cbrt(eps) * max(|p_j|, typical_j),  J_:j = (r(p + h e_j) - r(p - h e_j)) / (2h)
 *
 * typical_j = |p0_j| (1 when p0_j = 0), so a parameter starting at 1e-7 is
 * differenced at its own scale. h is made exactly representable
 * (h = (p_j + h) - p_j) so the only error is truncation + rounding of r.
 * Steps that would leave the box [lower, upper] are taken on the other side;
 * a side that cannot be evaluated (false or non-finite) falls back to the
 * other (one-sided) difference; a column that cannot be evaluated at all is 0.
 */

export type ResidualFn = (p: Float64Array, out: Float64Array) => boolean | void;

const SQRT_EPS = Math.sqrt(2.220446049250313e-16);
const CBRT_EPS = Math.cbrt(2.220446049250313e-16);

export class FiniteDifferences {
  /** columns of the last jacobian() call that could not be evaluated on either side (set to 0) */
  failedColumns = 0;
  private readonly pt: Float64Array;
  private readonly r1: Float64Array;
  private readonly r2: Float64Array;

  constructor(
    private readonly m: number,
    private readonly n: number,
    private readonly fn: ResidualFn,
    private readonly typical: Float64Array,
    public central: boolean,
    r1?: Float64Array,
    r2?: Float64Array,
  ) {
    this.pt = new Float64Array(n);
    this.r1 = r1 ?? new Float64Array(m);
    this.r2 = r2 ?? new Float64Array(m);
  }

  /**
   * J (m x n row-major) at x where r = r(x). Columns with skip[j] = 1 are set to 0.
   * Returns the number of residual evaluations made.
   */
  jacobian(x: Float64Array, r: Float64Array, J: Float64Array, skip: Uint8Array, lower: Float64Array, upper: Float64Array): number {
    const { m, n, pt, r1, r2 } = this;
    let evals = 0;
    let failed = 0;
    pt.set(x);
    for (let j = 0; j < n; j++) {
      if (skip[j]) {
        for (let i = 0; i < m; i++) J[i * n + j] = 0;
        continue;
      }
      const xj = x[j];
      const scale = Math.max(Math.abs(xj), this.typical[j]);
      let h = (this.central ? CBRT_EPS : SQRT_EPS) * scale;
      if (!(h > 0)) h = this.central ? CBRT_EPS : SQRT_EPS;
      let ok = false;
      if (this.central) {
        const up = xj + h <= upper[j];
        const dn = xj - h >= lower[j];
        if (up && dn) {
          const hp = xj + h - xj;
          const hm = xj - (xj - h);
          pt[j] = xj + h;
          const a = this.eval(pt, r1);
          pt[j] = xj - h;
          const b = this.eval(pt, r2);
          evals += 2;
          if (a && b) {
            const inv = 1 / (hp + hm);
            for (let i = 0; i < m; i++) J[i * n + j] = (r1[i] - r2[i]) * inv;
            ok = true;
          } else if (a || b) {
            const rr = a ? r1 : r2;
            const hh = a ? hp : -hm;
            for (let i = 0; i < m; i++) J[i * n + j] = (rr[i] - r[i]) / hh;
            ok = true;
          }
        }
      }
      if (!ok) {
        // forward (or the one side that fits in the box), then the other side
        const fwd = xj + h <= upper[j] || xj - h < lower[j];
        for (let side = 0; side < 2 && !ok; side++) {
          const sign = (side === 0) === fwd ? 1 : -1;
          const xt = xj + sign * h;
          if (xt > upper[j] || xt < lower[j]) continue;
          pt[j] = xt;
          const hh = xt - xj;
          evals++;
          if (hh !== 0 && this.eval(pt, r1)) {
            const inv = 1 / hh;
            for (let i = 0; i < m; i++) J[i * n + j] = (r1[i] - r[i]) * inv;
            ok = true;
          }
        }
      }
      if (!ok) {
        for (let i = 0; i < m; i++) J[i * n + j] = 0;
        failed++;
      }
      pt[j] = xj;
    }
    this.failedColumns = failed;
    return evals;
  }

  private eval(p: Float64Array, out: Float64Array): boolean {
    if (this.fn(p, out) === false) return false;
    for (let i = 0; i < this.m; i++) if (!Number.isFinite(out[i])) return false;
    return true;
  }
}
