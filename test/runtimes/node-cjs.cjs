// Node, CJS build: `require("lsqkit")` resolves to dist/index.cjs (exports "require").
// Uses initSync() explicitly (the synchronous path for Node, Deno and workers), from
// "lsqkit" only: require("lsqkit/nn") (dist/nn/index.cjs) shares dist/core.cjs with it.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const lib = require("lsqkit");
const nn = require("lsqkit/nn");

const nist = (name) => JSON.parse(readFileSync(join(__dirname, "../../data/nist", `${name}.json`), "utf8"));
(async () => {
  if (!require.resolve("lsqkit").endsWith("index.cjs")) throw new Error(`require resolved ${require.resolve("lsqkit")}`);
  if (!require.resolve("lsqkit/nn").endsWith("nn/index.cjs")) throw new Error(`require resolved ${require.resolve("lsqkit/nn")}`);
  lib.initSync();
  const { runFits } = await import("./fits.mjs");
  const portableMath = await import("../../build/lib/math/portable.js");
  const result = await runFits(lib, nn, { longley: nist("Longley"), misra1a: nist("Misra1a") }, { portableMath });
  console.log(JSON.stringify({ runtime: `node ${process.version} cjs`, ...result }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
