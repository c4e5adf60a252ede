/**
 * Moré's (1978) trust-region Levenberg-Marquardt damping (MINPACK lmder /
 * lmpar, re-derived here): the radius Delta bounds ||D delta||, and lambda is
 * found by safeguarded Newton iterations on
 *     phi(lambda) = ||D delta(lambda)|| - Delta,
 *     phi'(lambda) = -||R^-T (D^2 delta) / ||D delta|| ||^2 / ||D delta||    (R^T R = J^T J + lambda D^2)
 * until |phi| <= 0.1 Delta. Radius update after a trial with gain ratio rho:
 *     rho <= 1/4: Delta = t * min(Delta, ||D delta|| / 0.1), lambda /= t, t in [0.1, 0.5]
 *     rho >= 3/4 or lambda = 0: Delta = 2 ||D delta||, lambda /= 2.
 */
import type { SolverState } from "./state.js";

const DWARF = 2.2250738585072014e-308;
const FACTOR = 100;

export class MoreTrustRegion {
  radius = -1;
  par = 0;
  private first = true;
  private w: Float64Array;

  constructor(n: number) {
    this.w = new Float64Array(n);
  }

  get exhausted(): boolean {
    return !(this.radius > 0) && !this.first;
  }

  /** ||D delta|| of s.stepFree */
  private dnorm(s: SolverState, st: Float64Array): number {
    let t = 0;
    for (let k = 0; k < s.nf; k++) t += s.dFree[k] * st[k] * st[k];
    return Math.sqrt(t);
  }

  /** ||R^-T (D^2 delta / ||D delta||)||^2 for the factor of the last solve */
  private derivTerm(s: SolverState, st: Float64Array, dxnorm: number): number {
    const w = this.w;
    for (let k = 0; k < s.nf; k++) w[k] = (s.dFree[k] * st[k]) / dxnorm;
    return s.solver.normInvRt(w);
  }

  /** Computes s.stepFree for the current radius; returns lambda (NaN when no solve worked). */
  step(s: SolverState): number {
    const nf = s.nf;
    if (this.radius < 0) this.radius = s.xNorm > 0 ? FACTOR * s.xNorm : FACTOR;
    const delta = this.radius;
    const st = s.stepFree;
    // Gauss-Newton step first
    let parl = 0;
    let fp = Infinity;
    let dxnorm = Infinity;
    const gnOk = s.solver.solve(0, s.dFree, st);
    if (gnOk) {
      dxnorm = this.dnorm(s, st);
      fp = dxnorm - delta;
      if (fp <= 0.1 * delta) {
        this.par = 0;
        return this.afterFirst(s, 0);
      }
      if (s.solver.lastPath === "cholesky" || s.solver.rank === nf) {
        const t = this.derivTerm(s, st, dxnorm);
        if (t > 0 && Number.isFinite(t)) parl = fp / delta / t;
      }
    }
    // upper bound: ||D^-1 g|| / Delta
    let gn = 0;
    for (let k = 0; k < nf; k++) {
      const gj = s.g[s.free[k]];
      gn += (gj * gj) / s.dFree[k];
    }
    gn = Math.sqrt(gn);
    let paru = gn / delta;
    if (paru === 0) paru = DWARF / Math.min(delta, 0.1);
    let par = Math.min(Math.max(this.par, parl), paru);
    if (par === 0) par = gnOk && dxnorm > 0 ? gn / dxnorm : paru;
    let ok = false;
    for (let iter = 1; iter <= 10; iter++) {
      if (par === 0) par = Math.max(DWARF, 0.001 * paru);
      if (!s.solver.solve(par, s.dFree, st)) {
        parl = par;
        par = Math.min(paru, Math.max(10 * par, 1e-12));
        continue;
      }
      ok = true;
      dxnorm = this.dnorm(s, st);
      const temp = fp;
      fp = dxnorm - delta;
      if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= temp && temp < 0) || iter === 10) break;
      const t = this.derivTerm(s, st, dxnorm);
      const parc = t > 0 ? fp / delta / t : 0;
      if (fp > 0) parl = Math.max(parl, par);
      if (fp < 0) paru = Math.min(paru, par);
      par = Math.max(parl, par + parc);
    }
    if (!ok) return NaN;
    this.par = par;
    return this.afterFirst(s, par);
  }

  private afterFirst(s: SolverState, par: number): number {
    if (this.first) {
      // MINPACK: on the first iteration, shrink the initial bound to the first step
      const pn = this.dnorm(s, s.stepFree);
      if (pn > 0 && pn < this.radius) this.radius = pn;
      this.first = false;
    }
    return par;
  }

  /** No linear solve succeeded (e.g. Cholesky-only mode on a singular matrix): shrink the radius, raise lambda. */
  failed(): void {
    this.radius *= 0.25;
    this.par = Math.max(4 * this.par, 1e-12);
  }

  /** Radius and lambda update after a trial (actualRel, predRel relative to the cost; NaN actual = could not evaluate). */
  update(rho: number, actualRel: number, predRel: number, stepNorm: number): void {
    if (!(rho > 0.25)) {
      let t = 0.5;
      if (Number.isFinite(actualRel) && actualRel < 0) {
        const dirder = -predRel;
        t = (0.5 * dirder) / (dirder + 0.5 * actualRel);
      }
      if (!Number.isFinite(actualRel) || !(t >= 0.1)) t = 0.1;
      if (t > 0.5) t = 0.5;
      this.radius = t * Math.min(this.radius, stepNorm / 0.1);
      this.par /= t;
    } else if (this.par === 0 || rho >= 0.75) {
      this.radius = stepNorm / 0.5;
      this.par *= 0.5;
    }
  }
}
