/** Kernel status codes: 0 ok, k>0 numerical condition (e.g. failing Cholesky column k), -i bad argument i. */
export const STATUS_OK = 0;

export function describeStatus(kernel: string, status: number): string {
  if (status === 0) return `${kernel}: ok`;
  if (status > 0) return `${kernel}: numerical condition at index ${status}`;
  return `${kernel}: bad argument ${-status}`;
}

/**
 * Asserts a kernel returned 0 (ok). For kernels whose only non-zero statuses are
 * bad arguments: TS validates user input before any kernel call, so a non-zero
 * status here is a bug in lsqkit (a programming error), never bad user input;
 * hence a plain internal Error, not an LsqError. Cheap (one comparison); not for
 * per-element hot loops. Numerical statuses (cholesky_f64 k > 0) are results and
 * must be handled by the caller, not passed here.
 */
export function check(kernel: string, status: number): void {
  if (status !== STATUS_OK) throw new Error(`lsqkit internal error: ${describeStatus(kernel, status)}`);
}
