// lsqkit in Node (ESM). In your project: `npm install lsqkit`, then run with `node fit.mjs`.
// (Inside this repository "lsqkit" resolves to dist/ through the package's own exports:
// run `npm run build` first.) CommonJS works the same: const { lstsq } = require("lsqkit").
import { readFileSync } from "node:fs";
import { curveFit, lstsq } from "lsqkit";

// Node compiles the small wasm core synchronously on the first call: no init needed
// (`await init()` is the portable way and works here too).
const nist = (name) => JSON.parse(readFileSync(new URL(`../../data/nist/${name}.json`, import.meta.url), "utf8"));

// Linear least squares: NIST Longley, y = B0 + B1 x1 + ... + B6 x6.
const longley = nist("Longley");
const A = longley.y.map((_, i) => [1, ...longley.x.map((column) => column[i])]);
const linear = lstsq(A, longley.y);
console.log("Longley coefficients:", Array.from(linear.coefficients, (c) => c.toPrecision(10)).join(", "));
console.log("Longley rank", linear.rank, "R^2", linear.rSquared.toFixed(6));

// Nonlinear least squares: NIST Misra1a with a model expression (exact derivatives).
const misra = nist("Misra1a");
const fit = curveFit("b1*(1-exp(-b2*x))", { x: misra.x, y: misra.y }, { b1: misra.start1[0], b2: misra.start1[1] });
console.log(`Misra1a: b1 = ${fit.x[0]} ± ${fit.stdErrors[0]}, b2 = ${fit.x[1]} ± ${fit.stdErrors[1]}`);
console.log(`Misra1a: ${fit.message} after ${fit.iterations} iterations; certified b1 = ${misra.certified[0]}, b2 = ${misra.certified[1]}`);
