// Node, ESM build: `import "lsqkit"` resolves to dist/index.js through the package's
// own exports (self-reference), "lsqkit/nn" to dist/nn/index.js (both import dist/core.js).
// No init call: the first API call compiles synchronously.
import { readFileSync } from "node:fs";
import * as lib from "lsqkit";
import * as nn from "lsqkit/nn";
import { runFits } from "./fits.mjs";
import * as portableMath from "../../build/lib/math/portable.js";

const nist = (name) => JSON.parse(readFileSync(new URL(`../../data/nist/${name}.json`, import.meta.url), "utf8"));
const result = await runFits(lib, nn, { longley: nist("Longley"), misra1a: nist("Misra1a") }, { portableMath });
console.log(JSON.stringify({ runtime: `node ${process.version} esm`, ...result }));
