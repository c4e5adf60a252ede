// Node, ESM build: `import "lsqkit"` resolves to dist/index.js through the package's
// own exports (self-reference). No init call: the first API call compiles synchronously.
import { readFileSync } from "node:fs";
import * as lib from "lsqkit";
import { runFits } from "./fits.mjs";
import * as portableMath from "../../build/lib/math/portable.js";

const nist = (name) => JSON.parse(readFileSync(new URL(`../../data/nist/${name}.json`, import.meta.url), "utf8"));
const result = await runFits(lib, { longley: nist("Longley"), misra1a: nist("Misra1a") }, { portableMath });
console.log(JSON.stringify({ runtime: `node ${process.version} esm`, ...result }));
