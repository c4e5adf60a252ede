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
  return b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
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

function fromInstance(instance: WebAssembly.Instance): Core {
  const exports = instance.exports as unknown as CoreExports;
  const arena = new Arena(exports.memory, exports.heap_base());
  // V8 tiers up a function only on later calls: warm the kernels once with a tiny call.
  const p = arena.mark();
  const x = arena.pushF64([1, 2, 3, 4, 5]);
  exports.dot_f64(x, x, 5);
  arena.release(p);
  return { exports, arena };
}

/** Loads the module asynchronously (portable path). Idempotent. */
export async function init(options: InitOptions = {}): Promise<void> {
  if (current && !options.module && !options.bytes) return;
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
  current = fromInstance(instance);
}

/** Loads the module synchronously (Node, Deno, workers). Idempotent. */
export function initSync(options: InitOptions = {}): void {
  if (current && !options.module && !options.bytes) return;
  const mod =
    options.module ??
    (options.bytes ? undefined : defaultModule ?? undefined) ??
    new WebAssembly.Module((options.bytes ? toBytes(options.bytes) : builtInBytes()) as BufferSource);
  current = fromInstance(new WebAssembly.Instance(mod, {}));
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
