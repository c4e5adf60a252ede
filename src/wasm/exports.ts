/**
 * The wasm ABI as TypeScript sees it: one typed signature per exported kernel.
 * Pointers are byte addresses into linear memory (from the Arena); matrices are
 * row-major with a leading dimension (elements per row). Status-returning kernels
 * give 0 ok, k>0 a numerical condition, -i bad argument i (see status.ts).
 * Keep in sync with assembly/ (the vitest ABI test checks every name is exported).
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  heap_base(): number;
  // level 1
  dot_f64(x: number, y: number, n: number): number;
}
