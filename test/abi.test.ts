// The ABI contract (src/wasm/exports.ts) against the compiled module: every name
// of CoreExports is an exported function (memory: an exported Memory).
// `names` mirrors the interface; the type check below makes tsc fail if a member
// is added to CoreExports without being listed here (and vice versa).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { core } from "../src/wasm/module.js";
import type { CoreExports } from "../src/wasm/exports.js";
import { WASM_HEX } from "../src/wasm/bytes.js";
import { decodeHex } from "../src/wasm/hex.js";
import { check, describeStatus } from "../src/wasm/status.js";

const names = [
  "heap_base",
  // level 1
  "dot_f64", "axpy_f64", "scal_f64", "nrm2_f64",
  // level 2/3
  "gemv_n_f64", "gemv_t_f64", "gemm_nn_f64", "gemm_tn_f64", "gemm_nt_f64",
  // normal equations
  "normal_accumulate_f64", "sym_fill_upper_f64", "damped_copy_f64",
  // Cholesky and triangular
  "cholesky_f64", "trsv_lower_f64", "trsv_upper_f64", "trsm_lower_f64", "cholesky_solve_f64", "cholesky_inverse_f64",
  // QR
  "qr_f64", "qr_apply_qt_f64", "qr_apply_q_f64",
  // neural-network element-wise kernels
  "nn_bias_rows_f64", "nn_activation_f64", "nn_activation_grad_f64", "nn_softmax_rows_f64", "nn_col_sum_f64", "nn_jac_dense_f64",
] as const satisfies readonly (keyof CoreExports)[];

type FunctionNames = Exclude<keyof CoreExports, "memory">;
type Listed = (typeof names)[number];
// Compile-time: true only when the list covers every function of the interface.
const listIsComplete: [Exclude<FunctionNames, Listed>] extends [never] ? true : false = true;

describe("wasm ABI", () => {
  it("the list mirrors CoreExports", () => {
    expect(listIsComplete).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(names)("%s is an exported function", (name) => {
    const ex = core().exports as unknown as Record<string, unknown>;
    expect(typeof ex[name]).toBe("function");
  });

  // Kernels never allocate: with the stub runtime an allocation would bump from
  // __heap_base, i.e. into the TS arena. The text build (build/lsqkit.wat, written by
  // `npm run build:wasm` together with src/wasm/bytes.ts, which every test here needs)
  // must contain no allocator at all. A missing file is a failure, not a skip.
  it("the module contains no allocator (kernels never allocate)", () => {
    expect(existsSync("build/lsqkit.wat"), "build/lsqkit.wat is missing: run `npm run build:wasm`").toBe(true);
    const wat = readFileSync("build/lsqkit.wat", "utf8");
    expect(wat).not.toMatch(/rt\/stub|__alloc|__new\b/);
  });

  it("the binary exports no allocator or runtime entry", () => {
    const mod = new WebAssembly.Module(decodeHex(WASM_HEX) as BufferSource);
    const exported = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const name of exported) expect(name).not.toMatch(/alloc|^__new$|^__pin$|^__unpin$|^__collect$|^__rtti_base$|^__free$/);
    expect(exported).toContain("memory");
  });

  it("the module imports nothing (no abort, no host calls)", () => {
    const mod = new WebAssembly.Module(decodeHex(WASM_HEX) as BufferSource);
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
  });

  it("memory is an exported WebAssembly.Memory", () => {
    expect(core().exports.memory).toBeInstanceOf(WebAssembly.Memory);
  });
});

// Argument status through the JS boundary (DESIGN: -i = bad argument i, 1-based): the i32
// reaches TS as a number; a bad call writes nothing; check() turns a non-zero status into
// an internal Error carrying describeStatus. Codes follow the signatures in exports.ts.
describe("kernel argument status", () => {
  it("bad arguments give -i and leave the output untouched; valid calls give 0", () => {
    const { exports: ex, arena } = core();
    const m = arena.mark();
    try {
      const A = arena.pushF64(Float64Array.from([1, 2, 3, 4]));
      const B = arena.pushF64(Float64Array.from([5, 6, 7, 8]));
      const C = arena.pushF64(Float64Array.from([-1, -1, -1, -1]));
      expect(ex.gemm_nn_f64(C, 2, A, 1, B, 2, 2, 2, 2, 1, 0)).toBe(-4); // lda < k
      expect(ex.gemm_nn_f64(C, 2, A, 2, B, 2, 2, 2, -1, 1, 0)).toBe(-9); // k < 0
      expect(ex.gemm_nn_f64(0, 2, A, 2, B, 2, 2, 2, 2, 1, 0)).toBe(-1); // C null
      expect(Array.from(arena.readF64(C, 4))).toEqual([-1, -1, -1, -1]);
      expect(ex.trsv_lower_f64(A, 1, B, 2, 0)).toBe(-2);
      expect(ex.nn_activation_f64(C, 2, A, 2, 2, 2, 42, 0)).toBe(-7); // unknown kind
      expect(ex.axpy_f64(C, 1, A, -3)).toBe(-4);
      expect(Array.from(arena.readF64(C, 4))).toEqual([-1, -1, -1, -1]);
      expect(Array.from(arena.readF64(B, 4))).toEqual([5, 6, 7, 8]);
      // [[1,2],[3,4]] [[5,6],[7,8]] = [[19,22],[43,50]]
      expect(ex.gemm_nn_f64(C, 2, A, 2, B, 2, 2, 2, 2, 1, 0)).toBe(0);
      expect(Array.from(arena.readF64(C, 4))).toEqual([19, 22, 43, 50]);
    } finally {
      arena.release(m);
    }
  });

  it("check() passes 0 and throws an internal Error (not LsqError) naming kernel and argument", () => {
    expect(() => check("gemm_nn_f64", 0)).not.toThrow();
    expect(() => check("gemm_nn_f64", -4)).toThrow(describeStatus("gemm_nn_f64", -4));
    expect(describeStatus("gemm_nn_f64", -4)).toBe("gemm_nn_f64: bad argument 4");
    let err: unknown = null;
    try {
      check("trsv_upper_f64", -3);
    } catch (e) {
      err = e;
    }
    expect((err as Error).constructor).toBe(Error);
    expect((err as Error).message).toContain("trsv_upper_f64: bad argument 3");
  });
});
