// The arena refuses an allocation wasm memory cannot hold with an LsqError (not an engine
// RangeError), and leaves its state as it was: the next call works and memory does not grow.
import { describe, expect, it } from "vitest";
import { LsqError, leastSquares, lstsq } from "../src/index.js";
import { core } from "../src/wasm/module.js";

describe("arena: allocations beyond wasm memory", () => {
  it("allocBytes(16 GiB) is an LsqError WASM_ERROR naming the size; the arena is unchanged", () => {
    const { arena } = core();
    const used = arena.used;
    const bytes = arena.memory.buffer.byteLength;
    let err: unknown = null;
    try {
      arena.allocBytes(2 ** 34);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LsqError);
    expect((err as LsqError).code).toBe("WASM_ERROR");
    expect((err as LsqError).message).toMatch(/cannot grow to 1638\d MiB/);
    expect(arena.used).toBe(used);
    expect(arena.memory.buffer.byteLength).toBe(bytes);
    // still usable: x = [1, 2] exactly
    const fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    expect(Math.abs(fit.coefficients[0] - 1)).toBeLessThan(1e-14);
    expect(Math.abs(fit.coefficients[1] - 2)).toBeLessThan(1e-14);
  });
  it("a problem with 1e9 residuals is refused with an LsqError, not a RangeError", () => {
    let err: unknown = null;
    try {
      leastSquares({ numResiduals: 1e9, residuals: () => undefined }, [0, 0]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LsqError);
  });
});

describe("init / initSync: bad options are LsqErrors; the loaded core survives them", () => {
  it("unknown keys, wrong types, bytes that are not wasm or not lsqkit's", async () => {
    const { init, initSync } = await import("../src/index.js");
    const cases: [unknown, string, RegExp][] = [
      [{ modul: 1 }, "UNKNOWN_OPTION", /unknown option "modul"/],
      [{ module: "abc" }, "INVALID_ARGUMENT", /options\.module must be a WebAssembly\.Module/],
      [{ bytes: "abc" }, "INVALID_ARGUMENT", /options\.bytes must be/],
      [{ bytes: new Uint8Array([1, 2, 3]) }, "WASM_ERROR", /not a usable lsqkit wasm module/],
      // a valid, empty wasm module (magic + version): compiles, but exports nothing of lsqkit's
      [{ bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }, "WASM_ERROR", /does not export lsqkit's memory/],
      [null, "INVALID_ARGUMENT", /options must be an object/],
    ];
    for (const [opts, code, re] of cases) {
      for (const f of [() => initSync(opts as never), () => init(opts as never)]) {
        let err: unknown = null;
        try {
          await f();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(LsqError);
        expect((err as LsqError).code).toBe(code);
        expect((err as LsqError).message).toMatch(re);
      }
    }
    // the core still works: x = [1, 2]
    const fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    expect(Math.abs(fit.coefficients[1] - 2)).toBeLessThan(1e-14);
  });
});

describe("init with the package's own module and bytes still loads", () => {
  it("init({ module }) and initSync({ bytes }) with lsqkit.wasm, then a fit (x = [1, 2])", async () => {
    const { init, initSync } = await import("../src/index.js");
    const { defaultBytes } = await import("../src/wasm/source.js");
    const bytes = defaultBytes();
    if (!bytes) return; // a build without inlined bytes (slim) has nothing to pass here
    await init({ module: new WebAssembly.Module(bytes as BufferSource) });
    let fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    expect(Math.abs(fit.coefficients[1] - 2)).toBeLessThan(1e-14);
    initSync({ bytes: bytes.slice().buffer });
    fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    expect(Math.abs(fit.coefficients[0] - 1)).toBeLessThan(1e-14);
  });
});
