// Bundles the tsc output (build/lib, from tsconfig.build.json) into dist/.
// Every library flavour has two entries, `lsqkit` (src/index.ts) and `lsqkit/nn`
// (src/nn.ts), bundled together so that they share ONE chunk holding what both use
// (the wasm source and module state, the arena, errors, linalg): `init()` from either
// entry initialises the other; one WebAssembly instance, one arena.
//
//   dist/index.js    + dist/nn/index.js    -> dist/core.js      ESM, wasm inlined as hex (import, browser, deno, worker, default)
//   dist/index.cjs   + dist/nn/index.cjs   -> dist/core.cjs     CJS, wasm inlined        (require)
//   dist/slim.js     + dist/nn/slim.js     -> dist/core-slim.js ESM, no wasm inside      (lsqkit/slim, lsqkit/slim/nn: init({ module | bytes }) first)
//   dist/slim.cjs    + dist/nn/slim.cjs    -> dist/core-slim.cjs CJS, no wasm inside
//   dist/workerd.js  + dist/nn/workerd.js  -> dist/core-workerd.js ESM, imports ./lsqkit.wasm as a module (workerd condition, lsqkit/workerd[/nn])
//   dist/cli.js      the `lsqkit` command (Node only; built when src/cli/bin.ts exists)
//   dist/lsqkit.wasm the raw module (lsqkit/lsqkit.wasm), copied by scripts/build-dist.mjs
//
// The nn entries sit one folder below their main entry, as `lsqkit/nn` sits one level
// below `lsqkit`: a relative import of the chunk then names the same module whether it
// is resolved against the file layout or against module names (a raw workerd config
// listing "lsqkit", "lsqkit/nn", "core-workerd.js" and "lsqkit.wasm").
//
// The three library flavours differ only in src/wasm/source.ts, which a tiny plugin swaps.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { limitLines, shiftMap } from "./scripts/line-limit.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const lib = join(root, "build/lib");

/** Replaces build/lib/wasm/source.js by another source file (or keeps it when `file` is null). */
function wasmSource(file) {
  return {
    name: "lsqkit-wasm-source",
    async resolveId(source, importer, opts) {
      // no side effects: rollup would otherwise add a bare `import "./lsqkit.wasm"` to an entry
      if (source === "./lsqkit.wasm") return { id: join(root, "dist/lsqkit.wasm"), external: true, moduleSideEffects: false };
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
/** Longest minified line (except a string longer than that, e.g. the wasm hex, alone on its line). */
const MAX_LINE = 160;

function minify() {
  let minifySync;
  return {
    name: "lsqkit-minify",
    async renderChunk(code, chunk, options) {
      minifySync ??= (await import("rolldown/utils")).minifySync;
      const r = minifySync(chunk.fileName, code, {
        module: options.format === "es",
        sourcemap: SOURCEMAP,
        compress: true,
        mangle: { toplevel: true, keepNames: KEEP_NAMES },
      });
      if (r.errors?.length) throw new Error(`minify ${chunk.fileName}: ${r.errors.map((e) => e.message).join("; ")}`);
      // short lines: Node prints the whole source line of an uncaught throw (scripts/line-limit.mjs)
      const { code: lined, breaks } = limitLines(chunk.fileName, r.code, { maxLen: MAX_LINE, module: options.format === "es" });
      return { code: `${banner}\n${lined}`, map: SOURCEMAP ? shiftMap(r.map, r.code, breaks, 1) : null };
    },
  };
}

/**
 * Source maps, opt-in: `LSQKIT_SOURCEMAP=1 npm run build` writes dist/**.js.map (to
 * src/*.ts, sources inlined; scripts/build-dist.mjs then runs tsc with --sourceMap
 * --inlineSources). Not in the default build: measured, they cost ~55 B gzipped on the
 * lsqkit entry (the sourceMappingURL comments) and grow the npm tarball from ~0.5 MB to
 * ~1.3 MB (~0.8 MB without the sources, which the package does not ship), while the
 * short lines already make a minified stack trace readable. Rollup does not read tsc's
 * `//# sourceMappingURL`, so the build/lib modules are loaded with their maps.
 */
const SOURCEMAP = process.env.LSQKIT_SOURCEMAP === "1";

function tscMaps() {
  return {
    name: "lsqkit-tsc-maps",
    load(id) {
      if (!id.startsWith(lib) || !existsSync(`${id}.map`)) return null;
      const code = readFileSync(id, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
      return { code, map: JSON.parse(readFileSync(`${id}.map`, "utf8")) };
    },
  };
}

/**
 * One flavour: both public entries in one rollup build, so they share a chunk.
 * `files`: output names without extension for the main entry, the nn entry and the
 * shared chunk; `formats`: [format, extension] pairs.
 */
function library(name, sourceFile, files, formats) {
  return {
    input: { index: join(lib, "index.js"), nn: join(lib, "nn.js") },
    external: selfContained(name),
    plugins: [...(SOURCEMAP ? [tscMaps()] : []), wasmSource(sourceFile), minify()],
    output: formats.map(([format, ext]) => ({
      dir: join(root, "dist"),
      format,
      sourcemap: SOURCEMAP,
      ...(format === "cjs" ? { exports: "named" } : {}),
      entryFileNames: (chunk) => `${files[chunk.name]}${ext}`,
      chunkFileNames: `${files.chunk}${ext}`,
      // the chunk's exports are internal: short names (CJS would otherwise keep them)
      minifyInternalExports: true,
      // entries import their chunk only (no hoisted `import "./lsqkit.wasm"` in the workerd entries)
      hoistTransitiveImports: false,
      // the external wasm import stays "./lsqkit.wasm", next to the chunk in dist/
      paths: { [join(root, "dist/lsqkit.wasm")]: "./lsqkit.wasm" },
    })),
  };
}

const configs = [
  library("dist/index", null, { index: "index", nn: "nn/index", chunk: "core" }, [["es", ".js"], ["cjs", ".cjs"]]),
  library("dist/slim", "entries/source-none.js", { index: "slim", nn: "nn/slim", chunk: "core-slim" }, [["es", ".js"], ["cjs", ".cjs"]]),
  library("dist/workerd", "entries/source-workerd.js", { index: "workerd", nn: "nn/workerd", chunk: "core-workerd" }, [["es", ".js"]]),
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
