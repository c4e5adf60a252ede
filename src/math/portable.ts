/**
 * Portable elementary functions: the same bits in Node, Deno, browsers and workerd.
 *
 * Why this exists: ECMA-262 leaves the accuracy of Math.exp, log, pow, sin, ...
 * to the implementation, and V8 changed them. Measured here (test/runtimes):
 * Node 20 (V8 11.3), Deno 2.9 / workerd (V8 15.0) and Chromium 156 (V8 15.6)
 * return different last bits for exp, log, log1p and pow (even 0.9 ** 4), so a
 * fit that calls Math.exp differs between runtimes. These functions use only
 * + - * / and Math.sqrt / abs / round / floor (IEEE-exact, hence identical
 * everywhere; JS never contracts a*b+c into an FMA) plus bit access to doubles.
 *
 * Accuracy (checked against the engine's libm in test/portable-math.test.ts):
 * exp, log, log1p, expm1, sin, cos, atan within ~1-2 ulp; tan, asin, acos,
 * atan2, sinh, cosh, tanh, cbrt, log2, log10, hypot within a few ulp; pow
 * within ~2 ulp * (1 + |y log x|) (integer |y| <= 8 by repeated multiplication).
 * sin/cos/tan reduce arguments accurately for |x| < 8e5 (Cody & Waite 1980 with a
 * three-part pi/2); beyond that they stay deterministic but lose relative accuracy.
 * Special values follow ECMAScript's Math (NaN, +-0, +-Infinity).
 *
 * Algorithms: argument reduction + Taylor/atanh series (Cody & Waite 1980;
 * Muller, "Elementary Functions", 2016); log's f - hfsq + s(hfsq + R) form and
 * the sinh/cosh/tanh-from-expm1 forms as in Sun's fdlibm (1993); log1p and expm1
 * by Goldberg's (1991) and Kahan's correction quotients.
 */

// ---- bit access -------------------------------------------------------------
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** index of the high (sign/exponent) word: 1 on little-endian hosts */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^k for -1022 <= k <= 1023, built from its bits (exact). */
function pow2(k: number): number {
  U32[HI] = (k + 1023) << 20;
  U32[LO] = 0;
  return F64[0];
}

// ---- constants (computed to 60 digits, split so products stay exact) ----------
const LN2_HI = 0.6931471803691238; // 32 significant bits: k * LN2_HI exact for |k| < 2^21
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const INV_LN10 = 0.4342944819032518;
const PIO2_1 = 1.5707963267341256; // pi/2 in three 33-bit pieces (Cody & Waite)
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487959506e-21;
const TWO_OVER_PI = 0.6366197723675814;
const PI_HI = 3.141592653589793;
const PI_LO = 1.2246467991473532e-16;
const PIO2_HI = 1.5707963267948966;
const PIO2_LO = 6.123233995736766e-17;
const ATAN_HI = [0.4636476090008061, 0.7853981633974483, 0.982793723247329, 1.5707963267948966]; // atan(0.5, 1, 1.5, inf)
const ATAN_LO = [2.2698777452961687e-17, 3.061616997868383e-17, 1.3903311031230998e-17, 6.123233995736766e-17];
const EXP_OVERFLOW = 709.782712893384; // exp(x) = Infinity above
const EXP_UNDERFLOW = -745.1332191019412; // exp(x) = 0 below
const TWO54 = 18014398509481984;

// Series coefficients, built once with exact-rounded divisions (identical everywhere).
/** 1/j! for j = 0..13 (exp on |r| <= ln2/2: the r^14/14! tail is < 2^-60) */
const INV_FACT: number[] = [];
for (let j = 0, f = 1; j <= 20; j++) {
  if (j > 0) f *= j;
  INV_FACT.push(1 / f);
}
/** 2/(2j+1), j = 1..11: log's atanh series in s^2 <= 0.0295 */
const LOG_R: number[] = [];
for (let j = 1; j <= 11; j++) LOG_R.push(2 / (2 * j + 1));
/** (-1)^j/(2j+1), j = 1..24: atan's series on |t| <= 7/16 */
const ATAN_C: number[] = [];
for (let j = 1; j <= 24; j++) ATAN_C.push((j % 2 ? -1 : 1) / (2 * j + 1));

// ---- exp / log family ----------------------------------------------------------

/** e^x (portable). */
export function exp(x: number): number {
  if (x !== x) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = Math.abs(x);
  if (ax < 5.551115123125783e-17) return 1 + x; // |x| < 2^-54
  // x = k ln2 + r, |r| <= ln2/2 (Cody-Waite: k*LN2_HI is exact)
  const k = ax < 0.34657359027997264 ? 0 : Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // e^r - 1 = r + r^2/2! + ... + r^13/13!, Horner
  let p = INV_FACT[13];
  for (let j = 12; j >= 1; j--) p = p * r + INV_FACT[j];
  const er = 1 + p * r;
  if (k === 0) return er;
  if (k > 1023) return er * 2 * pow2(k - 1);
  if (k < -1022) return er * pow2(k + 1000) * pow2(-1000);
  return er * pow2(k);
}

/** log(m), m in [sqrt(1/2), sqrt(2)], with the exponent k added as k*ln2 in two parts. */
function logReduced(m: number, k: number): number {
  const f = m - 1; // exact (Sterbenz)
  const s = f / (2 + f);
  const z = s * s;
  let R = LOG_R[10];
  for (let j = 9; j >= 0; j--) R = R * z + LOG_R[j];
  R *= z;
  const hfsq = 0.5 * f * f;
  // log(1+f) = 2 atanh(s) = f - hfsq + s (hfsq + R)
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** Splits finite x > 0 into m in [sqrt(1/2), sqrt(2)) and k with x = m 2^k. */
function decompose(x: number): [number, number] {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54; // subnormal: scale into the normal range
    k = -54;
  }
  F64[0] = x;
  const hi = U32[HI];
  k += (hi >>> 20) - 1023;
  U32[HI] = (hi & 0x000fffff) | 0x3ff00000;
  let m = F64[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  return [m, k];
}

/** Natural logarithm (portable). */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  const [m, k] = decompose(x);
  return logReduced(m, k);
}

/** log(1 + x), accurate for tiny x (Goldberg 1991: log(u) * x / (u - 1), u = 1 + x). */
export function log1p(x: number): number {
  if (x !== x || x < -1) return NaN;
  if (x === -1) return -Infinity;
  if (x === Infinity) return x;
  if (Math.abs(x) < 5.551115123125783e-17) return x; // includes -0
  if (x > 9007199254740992) return log(x); // 1 + x == x
  const u = 1 + x;
  if (u === 1) return x;
  return (log(u) * x) / (u - 1);
}

/** e^x - 1, accurate for tiny x (Kahan: (u - 1) * x / log(u), u = e^x). */
export function expm1(x: number): number {
  if (x !== x) return x;
  if (Math.abs(x) < 5.551115123125783e-17) return x; // includes -0
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < -38) return -1; // e^x < 2^-54
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1) return -1;
  if (x > 36) return um1; // e^x - 1 rounds to e^x
  return (um1 * x) / log(u);
}

/** log base 2; exact for powers of two. */
export function log2(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  const [m, k] = decompose(x);
  if (m === 1) return k;
  return logReduced(m, 0) * INV_LN2 + k;
}

/** log base 10. */
export function log10(x: number): number {
  const l = log(x);
  return l * INV_LN10;
}

/** Dekker's exact product: a*b = hi + lo (no FMA needed; Dekker 1971). */
function twoProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const SPLIT = 134217729; // 2^27 + 1
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return [hi, lo];
}

function isOddInteger(y: number): boolean {
  return Math.abs(y) < 9007199254740992 && Math.floor(y) === y && Math.abs(y % 2) === 1;
}

/** x^y with ECMAScript's special cases (portable). */
export function pow(x: number, y: number): number {
  if (y !== y) return NaN;
  if (y === 0) return 1;
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (y === Infinity || y === -Infinity) {
    if (ax === 1) return NaN;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  if (x === 0 || ax === Infinity) {
    // x = +-0 or +-Infinity: magnitude 0 or Infinity, sign only for odd integer y with x < 0 / -0
    const big = (ax === Infinity) === (y > 0);
    const negative = (x < 0 || Object.is(x, -0)) && isOddInteger(y);
    const r = big ? Infinity : 0;
    return negative ? -r : r;
  }
  const yInt = Math.floor(y) === y;
  if (x < 0 && !yInt) return NaN;
  const sign = x < 0 && isOddInteger(y) ? -1 : 1;
  if (y === 1) return x;
  const ay = Math.abs(y);
  if (yInt && ay <= 8) {
    // small integer powers by repeated multiplication: x^2 = x*x correctly rounded
    let r = ax;
    for (let i = 1; i < ay; i++) r *= ax;
    if (y < 0) r = 1 / r;
    return sign * r;
  }
  if (ax === 1) return sign;
  // x^y = e^(y log x) with y log x in double-double: log x = k*LN2_HI (exact) + lm,
  // both products exact (Dekker), so only lm's rounding (|lm| <= 0.35) is amplified by y.
  const [m, k] = decompose(ax);
  const lm = logReduced(m, 0) + k * LN2_LO;
  const approx = y * (k * LN2_HI + lm);
  if (approx > EXP_OVERFLOW + 1) return sign * Infinity; // also keeps Dekker's split finite
  if (approx < EXP_UNDERFLOW - 1) return sign * 0;
  const [h1, l1] = twoProduct(y, k * LN2_HI);
  const [h2, l2] = twoProduct(y, lm);
  const s = h1 + h2; // two-sum (Knuth)
  const bb = s - h1;
  const lo = h1 - (s - bb) + (h2 - bb) + l1 + l2;
  const hi = s + lo;
  const lo2 = lo - (hi - s);
  if (hi > EXP_OVERFLOW + 1) return sign * Infinity;
  if (hi < EXP_UNDERFLOW - 1) return sign * 0;
  return sign * (exp(hi) * (1 + lo2));
}

/** Cube root: e^(log|x|/3) refined by Newton's method on a mantissa in [1, 8). */
export function cbrt(x: number): number {
  if (x !== x || x === 0 || x === Infinity || x === -Infinity) return x;
  let a = Math.abs(x);
  let q = 0;
  if (a < 2.2250738585072014e-308) {
    a *= TWO54; // 2^54: 54 is a multiple of 3
    q = -18;
  }
  F64[0] = a;
  const hi = U32[HI];
  const e = (hi >>> 20) - 1023;
  const e3 = Math.floor(e / 3);
  U32[HI] = (hi & 0x000fffff) | ((e - 3 * e3 + 1023) << 20);
  const m = F64[0]; // in [1, 8)
  let y = exp(log(m) / 3);
  for (let i = 0; i < 2; i++) y -= (y * y * y - m) / (3 * y * y);
  const r = y * pow2(e3 + q);
  return x < 0 ? -r : r;
}

/** sqrt(x^2 + y^2) without overflow (ECMAScript: any Infinity wins over NaN). */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (ax !== ax || ay !== ay) return NaN;
  const big = ax > ay ? ax : ay;
  const small = ax > ay ? ay : ax;
  if (big === 0) return 0;
  const r = small / big;
  return big * Math.sqrt(1 + r * r);
}

// ---- trigonometric ------------------------------------------------------------

/** sin on |r| <= pi/4 (+ a little): Taylor to r^19. */
function sinKernel(r: number): number {
  const z = r * r;
  let p = -INV_FACT[19];
  for (let j = 17; j >= 3; j -= 2) p = p * z + (j % 4 === 1 ? INV_FACT[j] : -INV_FACT[j]);
  return r + r * z * p;
}

/** cos on |r| <= pi/4 (+ a little): Taylor to r^20. */
function cosKernel(r: number): number {
  const z = r * r;
  let p = INV_FACT[20];
  for (let j = 18; j >= 4; j -= 2) p = p * z + (j % 4 === 0 ? INV_FACT[j] : -INV_FACT[j]);
  const hz = 0.5 * z;
  const w = 1 - hz;
  // 1 - z/2 + z^2 p, with the rounding error of 1 - hz put back
  return w + (1 - w - hz + z * z * p);
}

/**
 * x = n pi/2 + r; returns [r, n mod 4]. Accurate for |x| < 2^19 pi/2 (n*PIO2_1 exact);
 * larger |x| are first folded by the exact remainder x % (2 * PI_HI): deterministic,
 * bounded, but no longer accurate (no Payne-Hanek reduction here).
 */
function reduce(x: number): [number, number] {
  if (Math.abs(x) > 823549.6) x %= 2 * PI_HI;
  const n = Math.round(x * TWO_OVER_PI);
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_3;
  return [r, ((n % 4) + 4) % 4];
}

/** Sine (portable). */
export function sin(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (Math.abs(x) < 7.450580596923828e-9) return x; // |x| < 2^-27 (keeps -0)
  if (Math.abs(x) <= 0.7853981633974483) return sinKernel(x);
  const [r, q] = reduce(x);
  switch (q) {
    case 0: return sinKernel(r);
    case 1: return cosKernel(r);
    case 2: return -sinKernel(r);
    default: return -cosKernel(r);
  }
}

/** Cosine (portable). */
export function cos(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (Math.abs(x) < 7.450580596923828e-9) return 1;
  if (Math.abs(x) <= 0.7853981633974483) return cosKernel(x);
  const [r, q] = reduce(x);
  switch (q) {
    case 0: return cosKernel(r);
    case 1: return -sinKernel(r);
    case 2: return -cosKernel(r);
    default: return sinKernel(r);
  }
}

/** Tangent (portable). */
export function tan(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (Math.abs(x) < 7.450580596923828e-9) return x;
  if (Math.abs(x) <= 0.7853981633974483) return sinKernel(x) / cosKernel(x);
  const [r, q] = reduce(x);
  return q % 2 === 0 ? sinKernel(r) / cosKernel(r) : -cosKernel(r) / sinKernel(r);
}

/** atan on a >= 0: a = c + ..., atan(a) = atan(c) + atan(t), |t| <= 7/16. */
function atanPositive(a: number): number {
  let t: number;
  let id: number;
  if (a < 0.4375) {
    id = -1;
    t = a;
  } else if (a < 0.6875) {
    id = 0;
    t = (2 * a - 1) / (2 + a);
  } else if (a < 1.1875) {
    id = 1;
    t = (a - 1) / (a + 1);
  } else if (a < 2.4375) {
    id = 2;
    t = (a - 1.5) / (1 + 1.5 * a);
  } else {
    id = 3;
    t = -1 / a;
  }
  const z = t * t;
  let p = ATAN_C[23];
  for (let j = 22; j >= 0; j--) p = p * z + ATAN_C[j];
  const s = t * z * p; // atan(t) - t
  if (id < 0) return t + s;
  return ATAN_HI[id] - (-s - ATAN_LO[id] - t);
}

/** Arctangent (portable). */
export function atan(x: number): number {
  if (x !== x) return x;
  if (Math.abs(x) < 7.450580596923828e-9) return x;
  const r = atanPositive(Math.abs(x));
  return x < 0 ? -r : r;
}

/** atan2(y, x) with ECMAScript's special cases (portable). */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const yNeg = y < 0 || Object.is(y, -0);
  const xNeg = x < 0 || Object.is(x, -0);
  const signed = (v: number) => (yNeg ? -v : v);
  if (y === 0) return xNeg ? signed(PI_HI) : y;
  if (x === 0) return signed(PIO2_HI);
  if (y === Infinity || y === -Infinity) {
    if (x === Infinity) return signed(PIO2_HI / 2);
    if (x === -Infinity) return signed(3 * (PIO2_HI / 2));
    return signed(PIO2_HI);
  }
  if (x === Infinity) return yNeg ? -0 : 0;
  if (x === -Infinity) return signed(PI_HI);
  const a = atanPositive(Math.abs(y) / Math.abs(x));
  return signed(xNeg ? PI_HI - (a - PI_LO) : a);
}

/** Arcsine (portable). */
export function asin(x: number): number {
  if (x !== x || x > 1 || x < -1) return NaN;
  if (Math.abs(x) < 7.450580596923828e-9) return x;
  return atan2(x, Math.sqrt((1 - x) * (1 + x)));
}

/** Arccosine (portable). */
export function acos(x: number): number {
  if (x !== x || x > 1 || x < -1) return NaN;
  return 2 * atan2(Math.sqrt(1 - x), Math.sqrt(1 + x));
}

// ---- hyperbolic ---------------------------------------------------------------

/** Hyperbolic sine (portable). */
export function sinh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 3.725290298461914e-9) return x; // 2^-28
  let r: number;
  if (a < 22) {
    const E = expm1(a);
    r = 0.5 * (E + E / (E + 1));
  } else if (a < EXP_OVERFLOW) {
    r = 0.5 * exp(a);
  } else {
    const w = exp(0.5 * a);
    r = 0.5 * w * w;
  }
  return x < 0 ? -r : r;
}

/** Hyperbolic cosine (portable). */
export function cosh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.34657359027997264) {
    const E = expm1(a);
    return 1 + (E * E) / (2 * (1 + E));
  }
  if (a < 22) {
    const t = exp(a);
    return 0.5 * t + 0.5 / t;
  }
  if (a < EXP_OVERFLOW) return 0.5 * exp(a);
  const w = exp(0.5 * a);
  return 0.5 * w * w;
}

/** Hyperbolic tangent (portable). */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 2.7755575615628914e-17) return x; // 2^-55 (keeps -0)
  let r: number;
  if (a > 22) r = 1;
  else if (a >= 1) r = 1 - 2 / (expm1(2 * a) + 2);
  else {
    const t = expm1(-2 * a);
    r = -t / (t + 2);
  }
  return x < 0 ? -r : r;
}
