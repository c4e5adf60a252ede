/**
 * Wasm source for the `lsqkit/slim` build: nothing inlined, nothing imported.
 * The caller must `init({ module })` or `init({ bytes })` (e.g. with the shipped
 * `lsqkit/lsqkit.wasm`) before the first call. Swapped in for src/wasm/source.ts
 * by rollup.config.mjs; keep its exports identical to that file.
 */
export const defaultModule: WebAssembly.Module | null = null;

export function defaultBytes(): Uint8Array | null {
  return null;
}
