/** Kernel status codes: 0 ok, k>0 numerical condition (e.g. failing Cholesky column k), -i bad argument i. */
export const STATUS_OK = 0;

export function describeStatus(kernel: string, status: number): string {
  if (status === 0) return `${kernel}: ok`;
  if (status > 0) return `${kernel}: numerical condition at index ${status}`;
  return `${kernel}: bad argument ${-status}`;
}
