// lsqkit WebAssembly core: the one entry that re-exports every kernel file.
// Kernels: raw pointers (byte addresses), f64, row-major, leading dimensions,
// no allocation, no throw. Status: 0 ok, k>0 numerical condition, -i bad arg i.
export * from "./level1";
export * from "./gemv";
export * from "./gemm";
export * from "./normal";
export * from "./cholesky";
export * from "./triangular";
export * from "./qr";
export * from "./nn";

/** First free byte after static data: the TS arena starts here (16-aligned). */
export function heap_base(): usize {
  return __heap_base;
}
