// Bundles the tsc output (build/lib, from tsconfig.build.json) into dist/.
//
//   dist/index.js   ESM, wasm inlined as base64   (import, browser, deno, worker, default)
//   dist/index.cjs  CJS, wasm inlined as base64   (require)
//   dist/slim.js    ESM, no wasm inside           (lsqkit/slim: init({ module | bytes }) first)
//   dist/slim.cjs   CJS, no wasm inside
//   dist/workerd.js ESM, imports ./lsqkit.wasm as a module (workerd condition, lsqkit/workerd)
//   dist/cli.js     the `lsqkit` command (Node only; built when src/cli/bin.ts exists)
//   dist/lsqkit.wasm  the raw module (lsqkit/lsqkit.wasm), copied by scripts/build-dist.mjs
//
// The three library flavours differ only in src/wasm/source.ts, which a tiny plugin swaps.
import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const lib = join(root, "build/lib");

/** Replaces build/lib/wasm/source.js by another source file (or keeps it when `file` is null). */
function wasmSource(file) {
  return {
    name: "lsqkit-wasm-source",
    async resolveId(source, importer, opts) {
      if (source === "./lsqkit.wasm") return { id: join(root, "dist/lsqkit.wasm"), external: true };
      if (!file || !source.endsWith("/source.js") || !importer) return null;
      const target = resolve(dirname(importer), source);
      return target === join(lib, "wasm/source.js") ? join(lib, file) : null;
    },
  };
}

/** The library must not import anything: no Node built-ins, no packages. */
function selfContained(name) {
  return (id, importer) => {
    if (importer && !id.startsWith(".") && !id.startsWith("/") && id !== "./lsqkit.wasm") {
      throw new Error(`${name}: '${importer}' imports '${id}'; the library bundles must be self-contained (no Node built-ins, no packages)`);
    }
    return false;
  };
}

const banner = "// lsqkit — least squares on a WebAssembly SIMD core. MIT licence.";

/**
 * Minifies the library bundles for the size budget (JS entry <= 40 KB gzipped).
 * Uses oxc's minifier from rolldown (installed with vite, vitest's bundler; pinned by
 * the lock file). Compression may fold constants and restructure control flow, which
 * keeps IEEE semantics (the runtime tests compare the minified bundles bit for bit with
 * each other, and test/ checks the sources). Class names are kept (users see
 * `LsqError`, `Model` in logs and stack traces); function names are not: nothing reads
 * a function's `name` (kept, they cost ~0.7 KB gzipped).
 */
const KEEP_NAMES = { function: false, class: true };

function minify() {
  let minifySync;
  return {
    name: "lsqkit-minify",
    async renderChunk(code, chunk, options) {
      minifySync ??= (await import("rolldown/utils")).minifySync;
      const r = minifySync(chunk.fileName, code, {
        module: options.format === "es",
        compress: true,
        mangle: { toplevel: true, keepNames: KEEP_NAMES },
      });
      if (r.errors?.length) throw new Error(`minify ${chunk.fileName}: ${r.errors.map((e) => e.message).join("; ")}`);
      return { code: `${banner}\n${r.code}`, map: null };
    },
  };
}

function library(name, sourceFile, outputs) {
  return {
    input: join(lib, "index.js"),
    external: selfContained(name),
    plugins: [wasmSource(sourceFile), minify()],
    // the external wasm import stays "./lsqkit.wasm", next to the bundle in dist/
    output: outputs.map((o) => ({ paths: { [join(root, "dist/lsqkit.wasm")]: "./lsqkit.wasm" }, ...o })),
  };
}

const configs = [
  library("dist/index", null, [
    { file: "dist/index.js", format: "es" },
    { file: "dist/index.cjs", format: "cjs", exports: "named" },
  ]),
  library("dist/slim", "entries/source-none.js", [
    { file: "dist/slim.js", format: "es" },
    { file: "dist/slim.cjs", format: "cjs", exports: "named" },
  ]),
  library("dist/workerd", "entries/source-workerd.js", [{ file: "dist/workerd.js", format: "es" }]),
];

if (existsSync(join(lib, "cli/bin.js"))) {
  const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  configs.push({
    input: join(lib, "cli/bin.js"),
    // The CLI runs in Node only: built-ins and runtime dependencies stay imports.
    external: (id) => nodeBuiltins.has(id) || id === "csv-parse" || id.startsWith("csv-parse/"),
    plugins: [wasmSource(null)],
    output: { file: "dist/cli.js", format: "es", banner: "#!/usr/bin/env node" },
  });
}

export default configs;
