/**
 * Wasm source for the `lsqkit/workerd` build (Cloudflare Workers / workerd).
 * workerd forbids compiling wasm from bytes at run time ("Wasm code generation
 * disallowed by embedder"), but a `.wasm` file imported as a module arrives as
 * a compiled WebAssembly.Module. Wrangler's default module rules treat `*.wasm`
 * imports this way; in a raw workerd config list dist/lsqkit.wasm as a `wasm`
 * module next to this bundle. Swapped in for src/wasm/source.ts by
 * rollup.config.mjs (the import is kept external as ./lsqkit.wasm).
 */
// @ts-ignore -- resolved by the bundle's host (wrangler / workerd), not by tsc.
import wasmModule from "./lsqkit.wasm";

export const defaultModule: WebAssembly.Module | null = wasmModule as WebAssembly.Module;

export function defaultBytes(): Uint8Array | null {
  return null;
}
