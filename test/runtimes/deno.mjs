// Deno: `import "lsqkit"` resolved through the package.json exports ("deno" condition);
// no init call (Deno compiles synchronously on first use, like Node).
import * as lib from "lsqkit";
import * as nn from "lsqkit/nn";
import { runFits } from "./fits.mjs";
import * as portableMath from "../../build/lib/math/portable.js";

const nist = async (name) => JSON.parse(await Deno.readTextFile(new URL(`../../data/nist/${name}.json`, import.meta.url)));
const result = await runFits(lib, nn, { longley: await nist("Longley"), misra1a: await nist("Misra1a") }, { portableMath });
console.log(JSON.stringify({ runtime: `deno ${Deno.version.deno} (v8 ${Deno.version.v8})`, ...result }));
