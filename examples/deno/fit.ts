// @ts-nocheck -- checked by Deno (`deno check`), which has the Deno types; the repo's tsc has not.
// lsqkit in Deno. In your project: `import { curveFit } from "npm:lsqkit";`
// (or `deno add npm:lsqkit` and import "lsqkit"); run: deno run --allow-read fit.ts
// Inside this repository "lsqkit" resolves to dist/ through package.json: `npm run build` first.
import { curveFit, lstsq } from "lsqkit";

// Deno compiles the wasm core synchronously on first use; `await init()` also works.
const nist = async (name: string) => JSON.parse(await Deno.readTextFile(new URL(`../../data/nist/${name}.json`, import.meta.url)));

const longley = await nist("Longley");
const A = longley.y.map((_: number, i: number) => [1, ...longley.x.map((column: number[]) => column[i])]);
const linear = lstsq(A, longley.y);
console.log("Longley coefficients:", Array.from(linear.coefficients, (c) => c.toPrecision(10)).join(", "));

const misra = await nist("Misra1a");
const fit = curveFit("b1*(1-exp(-b2*x))", { x: misra.x, y: misra.y }, { b1: misra.start1[0], b2: misra.start1[1] });
console.log(`Misra1a: b1 = ${fit.x[0]}, b2 = ${fit.x[1]} (${fit.message}, ${fit.iterations} iterations)`);
console.log(JSON.stringify({ coefficients: Array.from(linear.coefficients), params: Array.from(fit.x) }));
