/**
 * Log relative error (McCullough 1998, NIST StRD): LRE = -log10(|est - cert| / |cert|),
 * or -log10|est| when cert = 0; capped at `cap` digits; 0 when no digit is right.
 */
export function lre(estimate: number, certified: number, cap = 15): number {
  if (!Number.isFinite(estimate)) return 0;
  if (estimate === certified) return cap;
  const err = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  return Math.max(0, Math.min(cap, -Math.log10(err)));
}

/** Worst (smallest) LRE over paired arrays. */
export function minLre(est: ArrayLike<number>, cert: ArrayLike<number>, cap = 15): number {
  let m = cap;
  for (let i = 0; i < cert.length; i++) m = Math.min(m, lre(est[i], cert[i], cap));
  return m;
}

/** |a - b| <= atol + rtol * |b| */
export function close(a: number, b: number, rtol = 1e-12, atol = 0): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}
