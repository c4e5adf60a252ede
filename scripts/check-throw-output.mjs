// Checks that an uncaught LsqError thrown from dist/ prints a short, readable report
// (Node prints the source line of the throw site; minified bundles used to put ~45 KB
// on one line). Runs after `npm run build`: node scripts/check-throw-output.mjs; part of
// `npm run test:runtimes` (test/runtimes/run.mjs).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const MAX_OUTPUT = 4000; // characters of stderr: the message, one source line, the stack
const cases = [
  ["esm curveFit soft_l1", "--input-type=module", `import { curveFit } from "lsqkit"; curveFit("a*x", { x: [1, 2, 3], y: [2, 4, 6] }, { a: 1 }, { loss: "soft_l1" });`],
  ["cjs curveFit soft_l1", "--input-type=commonjs", `const { curveFit } = require("lsqkit"); curveFit("a*x", { x: [1, 2, 3], y: [2, 4, 6] }, { a: 1 }, { loss: "soft_l1" });`],
  ["esm mlp softmax", "--input-type=module", `import { mlp } from "lsqkit/nn"; mlp([2, 16, 2], { output: "softmax" });`],
  ["cjs mlp softmax", "--input-type=commonjs", `const { mlp } = require("lsqkit/nn"); mlp([2, 16, 2], { output: "softmax" });`],
  ["esm lstsq shape", "--input-type=module", `import { lstsq } from "lsqkit"; lstsq([[1, 0], [0, 1]], [1, 2, 3]);`],
  ["cjs lstsq shape", "--input-type=commonjs", `const { lstsq } = require("lsqkit"); lstsq([[1, 0], [0, 1]], [1, 2, 3]);`],
];
let bad = 0;
for (const [name, type, code] of cases) {
  // run from the package root so that "lsqkit" resolves to this package (self-reference via exports)
  const r = spawnSync(process.execPath, [type, "-e", code], { cwd: root, encoding: "utf8" });
  const err = r.stderr;
  const longest = Math.max(...err.split("\n").map((l) => l.length));
  const message = err.split("\n").find((l) => l.startsWith("LsqError")) ?? "(no LsqError line)";
  const ok = r.status !== 0 && /LsqError/.test(err) && err.length <= MAX_OUTPUT && longest <= 300;
  if (!ok) bad++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: exit ${r.status}, ${err.length} chars printed, longest line ${longest}\n     ${message.slice(0, 200)}`);
}
if (bad) process.exit(1);
