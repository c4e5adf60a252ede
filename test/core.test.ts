import { describe, expect, it } from "vitest";
import { core } from "../src/wasm/module.js";

describe("wasm core loading", () => {
  it("loads synchronously on first use and runs a kernel", () => {
    const { exports, arena } = core();
    const m = arena.mark();
    const x = arena.pushF64([1, 2, 3, 4, 5, 6, 7]);
    const y = arena.pushF64([7, 6, 5, 4, 3, 2, 1]);
    // closed form: sum_i i*(8-i), i = 1..7 = 84
    expect(exports.dot_f64(x, y, 7)).toBe(84);
    arena.release(m);
  });

  it("arena re-derives views after memory growth", () => {
    const { arena } = core();
    const m = arena.mark();
    const before = arena.memory.buffer.byteLength;
    const p = arena.allocF64(before / 8 + 1024); // forces a grow
    expect(arena.memory.buffer.byteLength).toBeGreaterThan(before);
    arena.f64[p >>> 3] = 42;
    expect(arena.f64[p >>> 3]).toBe(42);
    arena.release(m);
  });
});
