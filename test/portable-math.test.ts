// Portable elementary functions (src/math/portable.ts) against the engine's libm
// (an independent implementation, itself within ~1 ulp) on seeded random arguments,
// closed forms, and ECMAScript's special values.
import { describe, expect, it } from "vitest";
import * as P from "../src/math/portable.js";

const F = new Float64Array(1);
const B = new BigInt64Array(F.buffer);
function orderedBits(x: number): bigint {
  F[0] = x;
  const v = B[0];
  return v < 0n ? -(v & 0x7fffffffffffffffn) : v;
}
/** distance in units in the last place (0 for equal values, NaN == NaN) */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (a === b) return 0;
  const d = orderedBits(a) - orderedBits(b);
  return Number(d < 0n ? -d : d);
}

/** seeded LCG in [0, 1) */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

type Unary = "exp" | "expm1" | "log" | "log1p" | "log2" | "log10" | "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "sinh" | "cosh" | "tanh" | "cbrt";
// [range, log-uniform?, max ulps vs Math (two implementations each within ~1-3 ulp of the truth)]
const UNARY: [Unary, number, number, boolean, number][] = [
  ["exp", -745, 709.7, false, 2],
  ["expm1", -40, 40, false, 4],
  ["log", 1e-300, 1e300, true, 2],
  ["log1p", -0.999, 1e5, false, 3],
  ["log2", 1e-300, 1e300, true, 2],
  ["log10", 1e-300, 1e300, true, 2],
  ["sin", -1e5, 1e5, false, 3],
  ["cos", -1e5, 1e5, false, 3],
  ["tan", -100, 100, false, 4],
  ["asin", -1, 1, false, 3],
  ["acos", -1, 1, false, 3],
  ["atan", -1e4, 1e4, false, 2],
  ["sinh", -710, 710, false, 4],
  ["cosh", -710, 710, false, 2],
  ["tanh", -30, 30, false, 6],
  ["cbrt", -1e300, 1e300, false, 2],
];

describe("portable math vs the engine's Math", () => {
  for (const [name, lo, hi, logScale, maxUlps] of UNARY) {
    it(`${name} within ${maxUlps} ulp on 20000 seeded arguments`, () => {
      const r = rng(name.length * 7919);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < 20000; i++) {
        let x = logScale ? Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))) : lo + r() * (hi - lo);
        if (!logScale && i % 3 === 0) x = Math.max(lo, Math.min(hi, (r() - 0.5) * 4));
        if (!logScale && lo < 0 && i % 7 === 0) x = (r() - 0.5) * 1e-6;
        const u = ulps(P[name](x), Math[name](x));
        if (u > worst) [worst, at] = [u, x];
      }
      expect(worst, `${name}(${at})`).toBeLessThanOrEqual(maxUlps);
    });
  }

  it("pow: integer exponents within 3 ulp, real exponents within 2 ulp (1 + |y log x|)", () => {
    const r = rng(4242);
    for (let i = 0; i < 20000; i++) {
      const x = r() * 10;
      const y = i % 2 ? Math.round((r() - 0.5) * 16) : (r() - 0.5) * 40;
      const bound = Number.isInteger(y) && Math.abs(y) <= 8 ? 3 : 2 * (1 + Math.abs(y * Math.log(x)));
      expect(ulps(P.pow(x, y), Math.pow(x, y)), `pow(${x}, ${y})`).toBeLessThanOrEqual(bound);
    }
  });

  it("atan2 and hypot within 2 ulp", () => {
    const r = rng(99);
    for (let i = 0; i < 20000; i++) {
      const y = (r() - 0.5) * 10;
      const x = (r() - 0.5) * 10;
      expect(ulps(P.atan2(y, x), Math.atan2(y, x))).toBeLessThanOrEqual(2);
      expect(ulps(P.hypot(y * 1e10, x), Math.hypot(y * 1e10, x))).toBeLessThanOrEqual(2);
    }
  });
});

describe("closed forms and special values", () => {
  it("exact values", () => {
    expect(P.exp(0)).toBe(1);
    expect(P.log(1)).toBe(0);
    expect(P.log2(1024)).toBe(10);
    expect(P.log2(2 ** -1074)).toBe(-1074);
    expect(P.pow(3, 2)).toBe(9);
    expect(P.pow(2, -3)).toBe(0.125);
    expect(P.pow(0.1, 2)).toBe(0.1 * 0.1);
    expect(P.cbrt(27)).toBe(3);
    expect(P.cbrt(-8)).toBe(-2);
    expect(P.atan2(1, 1)).toBe(Math.PI / 4);
    expect(P.acos(-1)).toBe(Math.PI);
    expect(P.asin(1)).toBe(Math.PI / 2);
    expect(P.hypot(3, 4)).toBe(5);
  });

  it("ECMAScript special values (NaN, +-0, +-Infinity) as Math gives them", () => {
    const specials = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 5e-324, -5e-324, 1e-320, 1.7976931348623157e308];
    const unary: Unary[] = ["exp", "expm1", "log", "log1p", "log2", "log10", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt"];
    for (const name of unary) {
      for (const x of specials) {
        const a = P[name](x);
        const m = Math[name](x);
        if (!Number.isFinite(m) || m === 0) expect(Object.is(a, m), `${name}(${x}) = ${a}, Math: ${m}`).toBe(true);
        else expect(ulps(a, m), `${name}(${x})`).toBeLessThanOrEqual(4);
      }
    }
    for (const name of ["sin", "cos", "tan"] as const) {
      for (const x of [NaN, 0, -0, Infinity, -Infinity, 5e-324]) expect(Object.is(P[name](x), Math[name](x)), `${name}(${x})`).toBe(true);
      expect(Math.abs(P[name](1e300))).toBeLessThanOrEqual(name === "tan" ? Infinity : 1); // huge: deterministic, bounded
    }
    for (const name of ["pow", "atan2", "hypot"] as const) {
      for (const x of specials) {
        for (const y of specials) {
          const a = P[name](x, y);
          const m = Math[name](x, y);
          if (!Number.isFinite(m) || m === 0) expect(Object.is(a, m), `${name}(${x}, ${y}) = ${a}, Math: ${m}`).toBe(true);
          else expect(ulps(a, m), `${name}(${x}, ${y})`).toBeLessThanOrEqual(16);
        }
      }
    }
  });
});
