// Builds dist/ from src/ (after `npm run build:wasm`):
//   tsc (tsconfig.build.json) -> build/lib (JS) + build/types (.d.ts)
//   rollup (rollup.config.mjs) -> dist/*.js, dist/*.cjs, dist/cli.js
//   dist/lsqkit.wasm, dist/types/**.d.ts (ESM) and **.d.cts (CJS twins for `require`)
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", name);
const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: "inherit" });

if (!existsSync(join(root, "build/lsqkit.wasm")) || !existsSync(join(root, "src/wasm/bytes.ts"))) {
  throw new Error("build/lsqkit.wasm or src/wasm/bytes.ts missing: run `npm run build:wasm` first");
}
for (const d of ["build/lib", "build/types", "dist"]) rmSync(join(root, d), { recursive: true, force: true });

// LSQKIT_SOURCEMAP=1: dist/**.js.map too (see rollup.config.mjs)
const sourceMaps = process.env.LSQKIT_SOURCEMAP === "1" ? ["--sourceMap", "--inlineSources"] : [];
run(bin("typescript/bin/tsc"), ["-p", "tsconfig.build.json", ...sourceMaps]);
mkdirSync(join(root, "dist"), { recursive: true });
copyFileSync(join(root, "build/lsqkit.wasm"), join(root, "dist/lsqkit.wasm"));
run(bin("rollup/dist/bin/rollup"), ["-c", "rollup.config.mjs", "--silent"]);
if (existsSync(join(root, "dist/cli.js"))) chmodSync(join(root, "dist/cli.js"), 0o755);

// Types: the same declarations twice. `.d.ts` describe the ESM files; `.d.cts`
// twins (relative specifiers ./x.js -> ./x.cjs) describe dist/index.cjs to
// TypeScript's node16/nodenext resolution, which reads a package's types as ESM or
// CJS by extension. The entries' internals (src/entries) are not public API.
function copyTypes(from, to) {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    if (e.isDirectory()) {
      if (e.name !== "entries") copyTypes(src, join(to, e.name));
      continue;
    }
    if (!e.name.endsWith(".d.ts")) continue;
    const text = readFileSync(src, "utf8");
    writeFileSync(join(to, e.name), text);
    const cts = text.replace(/(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']*?)\.js\2/g, "$1$2$3.cjs$2");
    writeFileSync(join(to, e.name.replace(/\.d\.ts$/, ".d.cts")), cts);
  }
}
copyTypes(join(root, "build/types"), join(root, "dist/types"));

const files = readdirSync(join(root, "dist")).filter((f) => !f.startsWith("types"));
console.log(`dist: ${files.join(", ")} + types/ (${relative(root, join(root, "dist/types"))})`);
