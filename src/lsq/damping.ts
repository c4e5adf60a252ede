/**
 * Nielsen's damping update for Levenberg-Marquardt (Nielsen 1999; Madsen,
 * Nielsen & Tingleff 2004, "Methods for non-linear least squares problems"):
 *
 *   accepted step, gain ratio rho:  lambda *= max(1/3, 1 - (2 rho - 1)^3),  nu = 2
 *   rejected step:                  lambda *= nu,  nu *= 2
 *
 * lambda multiplies D^2 (Moré's non-decreasing column norms), so it is
 * dimensionless and the same initial value suits every problem.
 *
 * Chosen over Moré's (1978) trust-region radius update by measurement on the
 * NIST StRD suite (see bench/README.md "## Nonlinear"): same accuracy, fewer
 * evaluations on the hard problems, and a one-line rule that is easy to reuse
 * (the neural-network trainer uses this class too).
 */
export class NielsenDamping {
  lambda: number;
  nu = 2;
  /** lambda is kept in [minLambda, maxLambda]; reaching maxLambda means no step can make progress */
  static readonly minLambda = 1e-20;
  static readonly maxLambda = 1e300;

  constructor(initial: number) {
    this.lambda = Math.max(initial, NielsenDamping.minLambda);
  }

  accepted(rho: number): void {
    const t = 2 * rho - 1;
    this.lambda *= Math.max(1 / 3, 1 - t * t * t);
    if (this.lambda < NielsenDamping.minLambda) this.lambda = NielsenDamping.minLambda;
    this.nu = 2;
  }

  rejected(): void {
    this.lambda *= this.nu;
    this.nu *= 2;
    if (!(this.lambda <= NielsenDamping.maxLambda)) this.lambda = Infinity;
  }

  /** true once lambda overflowed: every step was rejected down to nothing */
  get exhausted(): boolean {
    return !(this.lambda <= NielsenDamping.maxLambda);
  }
}
