/**
 * The arena: TypeScript owns all of wasm linear memory. Kernels never allocate.
 *
 * A stack (bump) allocator with mark/release: a call marks the top, allocates
 * its buffers (16-byte aligned, for v128 loads), runs kernels and releases to
 * the mark. So a loop of a million fits reuses the same bytes and the memory
 * never grows after the first (largest) call.
 *
 * Views: `memory.grow` detaches every typed-array view over the old buffer.
 * `f64` and `u8` re-derive the view whenever the buffer changed; never keep a
 * view across a call that may allocate. Prefer `reserve()` before a loop.
 */
import { LsqError } from "../errors.js";

const PAGE = 65536;

export class Arena {
  readonly memory: WebAssembly.Memory;
  private readonly base: number;
  private top: number;
  private highWater: number;
  private f64View: Float64Array;
  private buffer: ArrayBuffer;

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.memory = memory;
    this.base = align16(Math.max(heapBase, 16));
    this.top = this.base;
    this.highWater = this.base;
    this.buffer = memory.buffer;
    this.f64View = new Float64Array(this.buffer);
  }

  /** Current Float64Array over all of memory (index = byte pointer / 8). */
  get f64(): Float64Array {
    if (this.memory.buffer !== this.buffer) {
      this.buffer = this.memory.buffer;
      this.f64View = new Float64Array(this.buffer);
    }
    return this.f64View;
  }

  /** Bytes in use above the base (for tests and diagnostics). */
  get used(): number {
    return this.top - this.base;
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    if (mark < this.base || mark > this.top) throw new Error(`arena: bad release mark ${mark}`);
    this.top = mark;
  }

  /** Allocates `count` f64 slots (uninitialised); returns the byte pointer. */
  allocF64(count: number): number {
    return this.allocBytes(count * 8);
  }

  /** Allocates `bytes` bytes, 16-aligned; grows memory if needed. */
  allocBytes(bytes: number): number {
    const ptr = this.top;
    const end = align16(ptr + Math.max(0, bytes));
    this.ensureCapacity(end);
    this.top = end;
    if (end > this.highWater) this.highWater = end;
    return ptr;
  }

  /** Copies `src` into a fresh f64 block; returns the byte pointer. */
  pushF64(src: ArrayLike<number>): number {
    const ptr = this.allocF64(src.length);
    const v = this.f64;
    const o = ptr >>> 3;
    for (let i = 0; i < src.length; i++) v[o + i] = src[i];
    return ptr;
  }

  /** Copies `count` f64 from `ptr` into a fresh Float64Array (caller-owned). */
  readF64(ptr: number, count: number): Float64Array {
    const o = ptr >>> 3;
    return this.f64.slice(o, o + count);
  }

  /** Makes sure `bytes` more bytes can be allocated without growing memory. */
  reserve(bytes: number): void {
    this.ensureCapacity(align16(this.top + bytes));
  }

  private ensureCapacity(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    // Grow geometrically so a slowly rising high-water mark does not grow every call.
    const want = Math.max(end, Math.min(have * 2, have + 64 * 1024 * 1024));
    const pages = Math.ceil((want - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        // A problem too large for wasm memory (32-bit: at most 4 GiB, often less) is the caller's
        // input (numResiduals, rows x columns), not an engine crash: say how much was asked for.
        throw new LsqError(
          "WASM_ERROR",
          `wasm memory cannot grow to ${(end / 2 ** 20).toFixed(0)} MiB (it has ${(have / 2 ** 20).toFixed(0)} MiB; the engine refused): the problem is too large for the 32-bit WebAssembly memory`,
        );
      }
    }
  }
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
