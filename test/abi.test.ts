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
