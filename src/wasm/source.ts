/**
 * Where the default wasm comes from when the caller passes neither `module` nor
 * `bytes` to init. This file is the default build's answer: the module inlined
 * as a hex string (src/wasm/bytes.ts, generated; hex gzips better than base64),
 * so one import works in Node, Deno, browsers and bundlers with nothing to locate.
 *
 * The build (rollup.config.mjs) swaps this file for the other entries:
 * - `lsqkit/slim`    -> src/entries/source-none.ts    (no inlined bytes; init({ module | bytes }))
 * - `lsqkit/workerd` -> src/entries/source-workerd.ts (the .wasm imported as a module)
 * Keep the three files' exports identical.
 */
import { WASM_HEX } from "./bytes.js";
import { decodeHex } from "./hex.js";

/** A precompiled module shipped with this build, or null. */
export const defaultModule: WebAssembly.Module | null = null;

/** The module's bytes for this build, or null when it ships none. */
export function defaultBytes(): Uint8Array | null {
  return decodeHex(WASM_HEX);
}
