/**
 * Loading the wasm core in any runtime (Node, Deno, browsers, workers, edge).
 *
 * - `await init()` — portable: compiles the inlined bytes asynchronously.
 * - `initSync()` — synchronous compile (fine for our small module in Node, Deno
 *   and workers; browsers' main threads may refuse large sync compiles).
 * - `init({ module })` / `init({ bytes })` — a precompiled WebAssembly.Module
 *   (edge runtimes such as workerd forbid compiling bytes at run time: import
 *   the shipped .wasm as a module and pass it here) or your own bytes.
 * - Any API call before init compiles synchronously on first use (`core()`).
 *
 * What "no options" loads depends on the build (see src/wasm/source.ts): the
 * inlined hex bytes (default entry), the imported .wasm module
 * (`lsqkit/workerd`), or nothing (`lsqkit/slim`: init({ module | bytes }) first).
 */
import { defaultModule, defaultBytes } from "./source.js";
import { Arena } from "./arena.js";
import type { CoreExports } from "./exports.js";
import { LsqError } from "../errors.js";

export interface InitOptions {
  /** A compiled module (e.g. `import wasm from "lsqkit/lsqkit.wasm"` in a worker). */
  module?: WebAssembly.Module;
  /** Raw bytes of lsqkit.wasm. */
  bytes?: ArrayBufferView | ArrayBuffer;
}

export interface Core {
  readonly exports: CoreExports;
  readonly arena: Arena;
}

let current: Core | null = null;

function toBytes(b: ArrayBufferView | ArrayBuffer): Uint8Array {
  return !ArrayBuffer.isView(b) ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The bytes this build ships, or a clear error for builds that ship none (lsqkit/slim). */
function builtInBytes(): Uint8Array {
  const bytes = defaultBytes();
  if (!bytes) {
    throw new LsqError(
      "NOT_INITIALIZED",
      "lsqkit: this build ships no inlined wasm; call 'await init({ module })' with the compiled lsqkit.wasm (import wasm from \"lsqkit/lsqkit.wasm\") or 'init({ bytes })' first",
    );
  }
  return bytes;
}

const INIT_KEYS = ["module", "bytes"];

/** Bad init options are bad input like any other (LsqError), not a TypeError from deep inside. */
function checkInitOptions(options: unknown, where: string): InitOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") throw new LsqError("INVALID_ARGUMENT", `${where}: options must be an object { module } or { bytes }, got ${options === null ? "null" : typeof options}`);
  for (const k of Object.keys(options)) {
    if (!INIT_KEYS.includes(k)) throw new LsqError("UNKNOWN_OPTION", `${where}: unknown option ${JSON.stringify(k)} (known: ${INIT_KEYS.join(", ")})`);
  }
  const o = options as InitOptions;
  // typeof checks only: a Module or buffer from another realm (iframe, vm context) fails instanceof
  if (o.module !== undefined && (o.module === null || typeof o.module !== "object")) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: options.module must be a WebAssembly.Module (the compiled lsqkit.wasm), got ${typeof o.module}`);
  }
  if (o.bytes !== undefined && !(ArrayBuffer.isView(o.bytes) || Object.prototype.toString.call(o.bytes) === "[object ArrayBuffer]")) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: options.bytes must be an ArrayBuffer or a typed array with lsqkit.wasm, got ${typeof o.bytes}`);
  }
  return o;
}

/** Compile / instantiate errors of user-supplied wasm become LsqError WASM_ERROR. */
function wasmError(where: string, e: unknown): LsqError {
  return e instanceof LsqError ? e : new LsqError("WASM_ERROR", `${where}: not a usable lsqkit wasm module (${(e as Error)?.message ?? String(e)})`);
}

function fromInstance(instance: WebAssembly.Instance): Core {
  const exports = instance.exports as unknown as CoreExports;
  const ex = instance.exports as Record<string, unknown>;
  const mem = ex.memory as { buffer?: unknown } | undefined;
  if (mem === null || typeof mem !== "object" || !("buffer" in mem) || typeof ex.heap_base !== "function" || typeof ex.dot_f64 !== "function") {
    throw new LsqError("WASM_ERROR", "the wasm module does not export lsqkit's memory, heap_base and kernels: pass the lsqkit.wasm of this package version");
  }
  const arena = new Arena(exports.memory, exports.heap_base());
  // V8 tiers up a function only on later calls: warm the kernels once with a tiny call.
  const p = arena.mark();
  const x = arena.pushF64([1, 2, 3, 4, 5]);
  exports.dot_f64(x, x, 5);
  arena.release(p);
  return { exports, arena };
}

/** Loads the module asynchronously (portable path). Idempotent. */
export async function init(opts?: InitOptions): Promise<void> {
  const options = checkInitOptions(opts, "init");
  if (current && !options.module && !options.bytes) return;
  try {
    current = await instantiateAsync(options);
  } catch (e) {
    throw wasmError("init", e);
  }
}

async function instantiateAsync(options: InitOptions): Promise<Core> {
  let instance: WebAssembly.Instance;
  const module = options.module ?? (options.bytes ? undefined : defaultModule ?? undefined);
  if (module) {
    // In workerd `instantiate(Module)` returns an Instance; elsewhere also an Instance.
    const r = (await WebAssembly.instantiate(module, {})) as unknown;
    instance = r instanceof WebAssembly.Instance ? r : (r as WebAssembly.WebAssemblyInstantiatedSource).instance;
  } else {
    const bytes = options.bytes ? toBytes(options.bytes) : builtInBytes();
    const r = await WebAssembly.instantiate(bytes as BufferSource, {});
    instance = r.instance;
  }
  return fromInstance(instance);
}

/** Loads the module synchronously (Node, Deno, workers). Idempotent. */
export function initSync(opts?: InitOptions): void {
  const options = checkInitOptions(opts, "initSync");
  if (current && !options.module && !options.bytes) return;
  try {
    const mod =
      options.module ??
      (options.bytes ? undefined : defaultModule ?? undefined) ??
      new WebAssembly.Module((options.bytes ? toBytes(options.bytes) : builtInBytes()) as BufferSource);
    current = fromInstance(new WebAssembly.Instance(mod, {}));
  } catch (e) {
    // core() maps engine errors of the built-in bytes to NOT_INITIALIZED itself
    if (!options.module && !options.bytes) throw e;
    throw wasmError("initSync", e);
  }
}

/** The loaded core; compiles synchronously on first use if init was not awaited. */
export function core(): Core {
  if (current) return current;
  try {
    initSync();
  } catch (e) {
    if (e instanceof LsqError) throw e;
    throw new LsqError("NOT_INITIALIZED", `lsqkit: could not compile the wasm core synchronously here (${(e as Error).message}); call 'await init()' first`);
  }
  return current!;
}
