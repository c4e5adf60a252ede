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
 * Algorithms: argument reduction + Taylor series (Cody & Waite 1980; Muller,
 * "Elementary Functions", 2016); log and pow's exponential table-driven (Tang
 * 1989/1990: a 93-entry log(c) table and a 32-entry 2^(j/32) table, both
 * computed at load in double-double arithmetic, then short polynomials); pow's
 * y log x in double-double (Dekker 1971); the sinh/cosh/tanh-from-expm1 forms
 * as in Sun's fdlibm (1993); log1p and expm1 by Goldberg's (1991) and Kahan's
 * correction quotients.
 */

// ---- bit access -------------------------------------------------------------
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** index of the high (sign/exponent) word: 1 on little-endian hosts */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * 2^k for -1074 <= k <= 1023 (exact; the table is built by exact doublings and halvings). A
 * table load, not a write of the exponent bits and a read back: two 32-bit stores followed by a
 * 64-bit load of the same bytes defeat the CPU's store forwarding and cost more than the rest of exp.
 */
const POW2_MIN = -1074;
const POW2 = new Float64Array(1023 - POW2_MIN + 1);
for (let k = 0, v = 1; k <= 1023; k++, v *= 2) POW2[k - POW2_MIN] = v;
for (let k = -1, v = 0.5; k >= POW2_MIN; k--, v *= 0.5) POW2[k - POW2_MIN] = v;
function pow2(k: number): number {
  return POW2[k - POW2_MIN];
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
/** (-1)^j/(2j+1), j = 1..24: atan's series on |t| <= 7/16 */
const ATAN_C: number[] = [];
for (let j = 1; j <= 24; j++) ATAN_C.push((j % 2 ? -1 : 1) / (2 * j + 1));

/**
 * Result slot of the *Into bodies: exp, log, pow, sin and cos are small wrappers around them (inlined by
 * V8) that read the result from here. A double returned from a call V8 does not inline is boxed
 * (one heap allocation per call: 8-15 % of a NIST run was garbage collection); a typed-array
 * store is not.
 */
const RES = new Float64Array(1);
/**
 * Argument slots of the *Into bodies, for the same reason: a double passed to a function V8 does
 * not inline (powInto is too big to be) is boxed too.
 */
const ARG = new Float64Array(2);

// ---- exp / log family ----------------------------------------------------------

// ---- tables for exp and log, built once at load from exact operations ----------
// Table-driven as in Tang (1989, 1990) and Gal's accurate tables: a short polynomial on a tiny
// reduced argument instead of a long series on a wide one. The tables are computed here in
// double-double arithmetic (Dekker 1971: exact products by splitting, exact sums by Knuth's
// two-sum), i.e. from + - * / sqrt only, so they are identical in every runtime.

/** Dekker's split constant 2^27 + 1 (exact products without FMA; Dekker 1971) */
const SPLIT = 134217729;

/** a*b - p exactly, where p = fl(a*b) (Dekker's product; no overflow for the magnitudes used here). */
function twoProductLow(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** double-double results of the helpers below (hi, lo) */
let ddH = 0;
let ddL = 0;

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const e = twoProductLow(ah, bh, p) + (ah * bl + al * bh);
  ddH = p + e;
  ddL = e - (ddH - p);
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb) + al + bl;
  ddH = s + e;
  ddL = e - (ddH - s);
}

/** sqrt of a double-double: one Newton correction of Math.sqrt (exactly rounded) with the exact residual */
function ddSqrt(ah: number, al: number): void {
  const s = Math.sqrt(ah);
  const p = s * s;
  const rem = ah - p - twoProductLow(s, s, p) + al;
  const c = rem / (2 * s);
  ddH = s + c;
  ddL = c - (ddH - s);
}

/** (a / d) for a double-double a and a double d */
function ddDiv(ah: number, al: number, d: number): void {
  const q = ah / d;
  const p = q * d;
  const q2 = (ah - p - twoProductLow(q, d, p) + al) / d;
  ddH = q + q2;
  ddL = q2 - (ddH - q);
}

/** exp: x = (32 k + j) ln2/32 + r, |r| <= ln2/64; e^x = 2^k 2^(j/32) e^r */
const EXP_N = 32;
const EXP_T_HI = new Float64Array(EXP_N);
const EXP_T_LO = new Float64Array(EXP_N);
const N_INV_LN2 = EXP_N * INV_LN2; // scaling by 2^5 is exact
const NL_HI = LN2_HI / EXP_N; // still 32 significant bits: kk * NL_HI exact for |kk| < 2^21
const NL_LO = LN2_LO / EXP_N;
{
  // 2^(1/32) by five double-double square roots of 2, then its powers by double-double products
  // (relative error ~1e-29, so hi is 2^(j/32) rounded to nearest and lo the rest).
  let rh = 2;
  let rl = 0;
  for (let i = 0; i < 5; i++) {
    ddSqrt(rh, rl);
    rh = ddH;
    rl = ddL;
  }
  let th = 1;
  let tl = 0;
  for (let j = 0; j < EXP_N; j++) {
    EXP_T_HI[j] = th;
    EXP_T_LO[j] = tl;
    ddMul(th, tl, rh, rl);
    th = ddH;
    tl = ddL;
  }
}
// 1/j! from the INV_FACT table as named constants (V8 folds module-level consts into the code)
const F3 = INV_FACT[3];
const F4 = INV_FACT[4];
const F5 = INV_FACT[5];
const F6 = INV_FACT[6];
const F7 = INV_FACT[7];
const F8 = INV_FACT[8];
const F9 = INV_FACT[9];
const F10 = INV_FACT[10];
const F11 = INV_FACT[11];
const F12 = INV_FACT[12];
const F13 = INV_FACT[13];
const S14 = INV_FACT[14];
const S15 = INV_FACT[15];
const S16 = INV_FACT[16];
const S17 = INV_FACT[17];
const S18 = INV_FACT[18];
const S19 = INV_FACT[19];
const S20 = INV_FACT[20];
const S5 = F5;
const S7 = F7;
const S9 = F9;
const S11 = F11;
const S13 = F13;
// e^r - 1 - r = r^2/2 + ... + r^7/7! on |r| <= 0.0109 (the r^8/8! tail is < 2^-60 relative)
const E2 = 0.5;
const E3 = F3;
const E4 = F4;
const E5 = F5;
const E6 = F6;
const E7 = F7;

/**
 * log: m in [sqrt(1/2), sqrt(2)), c = i/128 the nearest grid point (i = 90..182), m - c exact
 * (Sterbenz), r = (m - c)/c with |r| <= 0.0056; log m = log c + log1p(r), log c from the table
 * as a double-double.
 */
const LOG_I0 = 90;
const LOG_C_HI = new Float64Array(93);
const LOG_C_LO = new Float64Array(93);
for (let i = LOG_I0; i <= 182; i++) {
  // log(i/128) = 2 atanh(s), s = (i - 128)/(i + 128), |s| <= 0.175: series in double-double
  const a = i - 128;
  const b = i + 128;
  ddDiv(a, 0, b);
  const sh = ddH;
  const sl = ddL;
  ddMul(sh, sl, sh, sl);
  const zh = ddH;
  const zl = ddL;
  let sumH = sh;
  let sumL = sl;
  let ph = sh;
  let pl = sl;
  for (let t = 1; t < 60 && ph !== 0; t++) {
    ddMul(ph, pl, zh, zl);
    ph = ddH;
    pl = ddL;
    if (Math.abs(ph) < 1e-40) break;
    ddDiv(ph, pl, 2 * t + 1);
    ddAdd(sumH, sumL, ddH, ddL);
    sumH = ddH;
    sumL = ddL;
  }
  LOG_C_HI[i - LOG_I0] = 2 * sumH;
  LOG_C_LO[i - LOG_I0] = 2 * sumL;
}
// log1p(r) - r = -r^2/2 + r^3/3 - ... - r^8/8 on |r| <= 0.0056 (the r^9/9 tail is < 2^-70)
const G3 = 0.3333333333333333;
const G6 = -0.16666666666666666;
const G7 = 0.14285714285714285;

// ---- exp / log family ----------------------------------------------------------

/**
 * e^x (portable): x = k ln2 + r, |r| <= ln2/2, e^r by its Taylor series to r^13 (Cody & Waite
 * 1980). Not the table-driven expCore below, which is faster and more often correctly rounded
 * (99.6 % vs 92 % of 4000 arguments): fits of exp models (NIST Lanczos2/3, MGH10) sit at the
 * rounding-noise floor of the cost, and with expCore's last bits three of them stopped 1-4 digits
 * short (mean LRE 10.58 -> 10.45), so plain exp keeps these bits; pow uses expCore.
 */
export function exp(x: number): number {
  ARG[0] = x;
  expInto();
  return RES[0];
}

function expInto(): void {
  const x = ARG[0];
  if (x !== x) return void (RES[0] = x);
  if (x > EXP_OVERFLOW) return void (RES[0] = Infinity);
  if (x < EXP_UNDERFLOW) return void (RES[0] = 0);
  const ax = Math.abs(x);
  if (ax < 5.551115123125783e-17) return void (RES[0] = 1 + x); // |x| < 2^-54
  // x = k ln2 + r, |r| <= ln2/2 (Cody-Waite: k*LN2_HI is exact)
  const k = ax < 0.34657359027997264 ? 0 : Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // e^r - 1 = r + r^2/2! + ... + r^13/13!, Horner (unrolled; literals equal to 1/j!)
  const p =
    ((((((((((((F13 * r + F12) * r + F11) * r + F10) * r + F9) * r + F8) * r + F7) * r + F6) * r + F5) * r + F4) * r + F3) * r + E2) * r + 1);
  const er = 1 + p * r;
  if (k === 0) return void (RES[0] = er);
  if (k > 1023) return void (RES[0] = er * 2 * pow2(k - 1));
  if (k < -1022) return void (RES[0] = er * pow2(k + 1000) * pow2(-1000));
  return void (RES[0] = er * pow2(k));
}

/**
 * e^(x + xlo) for finite x in about [EXP_UNDERFLOW - 1, EXP_OVERFLOW + 1], |xlo| <= ulp(x):
 * 2^k (T_hi + (T_lo + T_hi p(r))) with T = 2^(j/32), p(r) = e^r - 1. Error < 0.6 ulp
 * (before subnormal results). Result in RES[0] (no boxed return, see RES).
 */
function expCore(x: number, xlo: number): void {
  const kk = Math.round(x * N_INV_LN2);
  const r = x - kk * NL_HI - kk * NL_LO + xlo;
  const j = kk & (EXP_N - 1); // two's complement: also right for negative kk
  const k = (kk - j) / EXP_N;
  const r2 = r * r;
  const p = r + r2 * (E2 + r * E3) + r2 * r2 * (E4 + r * E5 + r2 * (E6 + r * E7));
  const t = EXP_T_HI[j];
  const er = t + (EXP_T_LO[j] + t * p);
  if (k === 0) RES[0] = er;
  else if (k > 1023) RES[0] = er * 2 * pow2(k - 1);
  else if (k < -1022) RES[0] = er * pow2(k + 1000) * pow2(-1000);
  else RES[0] = er * pow2(k);
}

/** log(m) + k ln2 for m in [sqrt(1/2), sqrt(2)) (see the table above); error < ~1 ulp. */
function logReduced(m: number, k: number): number {
  const i = Math.round(m * 128);
  const c = i * 0.0078125;
  const r = (m - c) / c;
  const r2 = r * r;
  const q = r2 * (-0.5 + r * G3) + r2 * r2 * (-0.25 + r * 0.2 + r2 * (G6 + r * G7 - r2 * 0.125));
  const idx = i - LOG_I0;
  const kh = k * LN2_HI; // exact
  const ch = LOG_C_HI[idx];
  // (kh + ch) + r with both roundings kept (two-sum), then the small terms
  const w = kh + ch;
  const b1 = w - kh;
  const e1 = kh - (w - b1) + (ch - b1);
  const s = w + r;
  const b2 = s - w;
  const e2 = w - (s - b2) + (r - b2);
  return s + (e1 + e2 + (q + LOG_C_LO[idx] + k * LN2_LO));
}

/**
 * decompose()'s exponent output. A typed-array slot, not a module variable: V8 (Node 20) boxes a
 * double stored into a module-level `let` (one heap allocation per call).
 */
const DEC_K = new Int32Array(1);

/** Splits finite x > 0 into m in [sqrt(1/2), sqrt(2)) (returned) and k (in DEC_K[0]) with x = m 2^k. */
function decompose(x: number): number {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54; // subnormal: scale into the normal range
    k = -54;
  }
  F64[0] = x;
  const e = (U32[HI] >>> 20) - 1023;
  k += e;
  let m = x * pow2(-e); // exact: in [1, 2)
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  DEC_K[0] = k;
  return m;
}

/** Natural logarithm (portable). */
export function log(x: number): number {
  ARG[0] = x;
  logInto();
  return RES[0];
}

function logInto(): void {
  const x = ARG[0];
  if (x !== x || x < 0) return void (RES[0] = NaN);
  if (x === 0) return void (RES[0] = -Infinity);
  if (x === Infinity) return void (RES[0] = x);
  if (x === 1) return void (RES[0] = 0);
  const m = decompose(x);
  return void (RES[0] = logReduced(m, DEC_K[0]));
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
  const m = decompose(x);
  const k = DEC_K[0];
  if (m === 1) return k;
  return logReduced(m, 0) * INV_LN2 + k;
}

/** log base 10. */
export function log10(x: number): number {
  const l = log(x);
  return l * INV_LN10;
}

function isOddInteger(y: number): boolean {
  return Math.abs(y) < 9007199254740992 && Math.floor(y) === y && Math.abs(y % 2) === 1;
}

/** x^y with ECMAScript's special cases (portable). */
export function pow(x: number, y: number): number {
  ARG[0] = x;
  ARG[1] = y;
  powInto();
  return RES[0];
}

function powInto(): void {
  const x = ARG[0];
  const y = ARG[1];
  if (y !== y) return void (RES[0] = NaN);
  if (y === 0) return void (RES[0] = 1);
  if (x !== x) return void (RES[0] = NaN);
  const ax = Math.abs(x);
  if (y === Infinity || y === -Infinity) {
    if (ax === 1) return void (RES[0] = NaN);
    return void (RES[0] = (ax > 1) === (y > 0) ? Infinity : 0);
  }
  if (x === 0 || ax === Infinity) {
    // x = +-0 or +-Infinity: magnitude 0 or Infinity, sign only for odd integer y with x < 0 / -0
    const big = (ax === Infinity) === (y > 0);
    const negative = (x < 0 || Object.is(x, -0)) && isOddInteger(y);
    const r = big ? Infinity : 0;
    return void (RES[0] = negative ? -r : r);
  }
  const yInt = Math.floor(y) === y;
  if (x < 0 && !yInt) return void (RES[0] = NaN);
  const sign = x < 0 && isOddInteger(y) ? -1 : 1;
  if (y === 1) return void (RES[0] = x);
  const ay = Math.abs(y);
  if (yInt && ay <= 8) {
    // small integer powers by repeated multiplication: x^2 = x*x correctly rounded
    let r = ax;
    for (let i = 1; i < ay; i++) r *= ax;
    if (y < 0) r = 1 / r;
    return void (RES[0] = sign * r);
  }
  if (ax === 1) return void (RES[0] = sign);
  // x^y = e^(y log x) with y log x in double-double: log x = k*LN2_HI (exact) + lm,
  // both products exact (Dekker), so only lm's rounding (|lm| <= 0.35) is amplified by y.
  const m = decompose(ax);
  const k = DEC_K[0];
  const lm = logReduced(m, 0) + k * LN2_LO;
  const approx = y * (k * LN2_HI + lm);
  if (approx > EXP_OVERFLOW + 1) return void (RES[0] = sign * Infinity); // also keeps Dekker's split finite
  if (approx < EXP_UNDERFLOW - 1) return void (RES[0] = sign * 0);
  // Dekker's exact products y * (k LN2_HI) = h1 + l1 and y * lm = h2 + l2, inline (no tuples)
  const cy = SPLIT * y;
  const yh = cy - (cy - y);
  const yl = y - yh;
  const a1 = k * LN2_HI;
  const h1 = y * a1;
  const c1 = SPLIT * a1;
  const a1h = c1 - (c1 - a1);
  const a1l = a1 - a1h;
  const l1 = yh * a1h - h1 + yh * a1l + yl * a1h + yl * a1l;
  const h2 = y * lm;
  const c2 = SPLIT * lm;
  const lmh = c2 - (c2 - lm);
  const lml = lm - lmh;
  const l2 = yh * lmh - h2 + yh * lml + yl * lmh + yl * lml;
  const s = h1 + h2; // two-sum (Knuth)
  const bb = s - h1;
  const lo = h1 - (s - bb) + (h2 - bb) + l1 + l2;
  const hi = s + lo;
  const lo2 = lo - (hi - s);
  if (hi > EXP_OVERFLOW) return void (RES[0] = sign * Infinity);
  if (hi < EXP_UNDERFLOW) return void (RES[0] = sign * 0);
  expCore(hi, lo2);
  RES[0] = sign * RES[0];
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

/** Kernel input and result slots (no double crosses a call boundary, see RES and ARG). */
const KIN = new Float64Array(1);
const KER = new Float64Array(1);

/** sin(r), r = KIN[0] on |r| <= pi/4 (+ a little), into KER[0]: Taylor to r^19 (Horner unrolled). */
function sinKernel(): void {
  const r = KIN[0];
  const z = r * r;
  const p = ((((((((-S19 * z + S17) * z - S15) * z + S13) * z - S11) * z + S9) * z - S7) * z + S5) * z - F3);
  KER[0] = r + r * z * p;
}

/** cos(r), r = KIN[0] on |r| <= pi/4 (+ a little), into KER[0]: Taylor to r^20 (Horner unrolled). */
function cosKernel(): void {
  const r = KIN[0];
  const z = r * r;
  const p = (((((((S20 * z - S18) * z + S16) * z - S14) * z + F12) * z - F10) * z + F8) * z - F6) * z + F4;
  const hz = 0.5 * z;
  const w = 1 - hz;
  KER[0] = w + (1 - w - hz + z * z * p);
}

/** reduce()'s quadrant output (typed-array slot: no boxing, see DEC_K) */
const RED_Q = new Int32Array(1);

/**
 * x = KIN[0] = n pi/2 + r; replaces KIN[0] by r and sets RED_Q[0] = n mod 4. Accurate for
 * |x| < 2^19 pi/2 (n*PIO2_1 exact); larger |x| are first folded by the exact remainder
 * x % (2 * PI_HI): deterministic, bounded, but no longer accurate (no Payne-Hanek reduction here).
 */
function reduce(): void {
  let x = KIN[0];
  if (Math.abs(x) > 823549.6) x %= 2 * PI_HI;
  const n = Math.round(x * TWO_OVER_PI);
  KIN[0] = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_3;
  RED_Q[0] = ((n % 4) + 4) % 4;
}

/** Sine (portable). */
export function sin(x: number): number {
  ARG[0] = x;
  sinInto();
  return RES[0];
}

function sinInto(): void {
  const x = ARG[0];
  if (x !== x || x === Infinity || x === -Infinity) return void (RES[0] = NaN);
  if (Math.abs(x) < 7.450580596923828e-9) return void (RES[0] = x); // |x| < 2^-27 (keeps -0)
  KIN[0] = x;
  if (Math.abs(x) <= 0.7853981633974483) {
    sinKernel();
    RES[0] = KER[0];
    return;
  }
  reduce();
  const q = RED_Q[0];
  // quadrants 0..3: sin r, cos r, -sin r, -cos r
  if ((q & 1) === 1) cosKernel();
  else sinKernel();
  RES[0] = (q & 2) === 2 ? -KER[0] : KER[0];
}

/** Cosine (portable). */
export function cos(x: number): number {
  ARG[0] = x;
  cosInto();
  return RES[0];
}

function cosInto(): void {
  const x = ARG[0];
  if (x !== x || x === Infinity || x === -Infinity) return void (RES[0] = NaN);
  if (Math.abs(x) < 7.450580596923828e-9) return void (RES[0] = 1);
  KIN[0] = x;
  if (Math.abs(x) <= 0.7853981633974483) {
    cosKernel();
    RES[0] = KER[0];
    return;
  }
  reduce();
  const q = RED_Q[0];
  // quadrants 0..3: cos r, -sin r, -cos r, sin r
  if ((q & 1) === 1) sinKernel();
  else cosKernel();
  RES[0] = q === 1 || q === 2 ? -KER[0] : KER[0];
}

/** sin r / cos r for r = KIN[0] */
function sinOverCos(): number {
  sinKernel();
  const sr = KER[0];
  cosKernel();
  return sr / KER[0];
}

/** Tangent (portable). */
export function tan(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  if (Math.abs(x) < 7.450580596923828e-9) return x;
  KIN[0] = x;
  if (Math.abs(x) <= 0.7853981633974483) return sinOverCos();
  reduce();
  const q = RED_Q[0];
  if (q % 2 === 0) return sinOverCos();
  sinKernel();
  const sr = KER[0];
  cosKernel();
  return -KER[0] / sr;
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

// ---- column loops ----------------------------------------------------------------
// out[i] = f(x[i]) for i < m, calling the *Into bodies through the slots: no double crosses a
// call boundary, so nothing is boxed however V8 inlines (the expression tape's column
// interpreter uses these; 30 MB of garbage per Bennett5 fit pair before).

export function expColumn(x: Float64Array, out: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    const ax = Math.abs(xi);
    if (!(ax >= 5.551115123125783e-17 && xi <= EXP_OVERFLOW && xi >= EXP_UNDERFLOW)) {
      ARG[0] = xi;
      expInto();
      out[i] = RES[0];
      continue;
    }
    // expInto's main path written out (same operations, same bits; no call per row)
    const k = ax < 0.34657359027997264 ? 0 : Math.round(xi * INV_LN2);
    const r = xi - k * LN2_HI - k * LN2_LO;
    const p =
      ((((((((((((F13 * r + F12) * r + F11) * r + F10) * r + F9) * r + F8) * r + F7) * r + F6) * r + F5) * r + F4) * r + F3) * r + E2) * r + 1);
    const er = 1 + p * r;
    if (k === 0) out[i] = er;
    else if (k > 1023) out[i] = er * 2 * pow2(k - 1);
    else if (k < -1022) out[i] = er * pow2(k + 1000) * pow2(-1000);
    else out[i] = er * pow2(k);
  }
}

export function logColumn(x: Float64Array, out: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    if (!(xi >= 2.2250738585072014e-308 && xi < Infinity && xi !== 1)) {
      ARG[0] = xi;
      logInto();
      out[i] = RES[0];
      continue;
    }
    // logInto's path for a normal positive x != 1 with decompose and logReduced written out
    // (same operations, same bits; no call or boxed double per helper)
    F64[0] = xi;
    const e = (U32[HI] >>> 20) - 1023;
    let k = 0;
    k += e;
    let mm = xi * pow2(-e);
    if (mm > Math.SQRT2) {
      mm *= 0.5;
      k += 1;
    }
    const li = Math.round(mm * 128);
    const lc = li * 0.0078125;
    const lr = (mm - lc) / lc;
    const lr2 = lr * lr;
    const q = lr2 * (-0.5 + lr * G3) + lr2 * lr2 * (-0.25 + lr * 0.2 + lr2 * (G6 + lr * G7 - lr2 * 0.125));
    const idx = li - LOG_I0;
    const kh = k * LN2_HI;
    const ch = LOG_C_HI[idx];
    const w = kh + ch;
    const b1 = w - kh;
    const e1 = kh - (w - b1) + (ch - b1);
    const ls = w + lr;
    const b2 = ls - w;
    const e2 = w - (ls - b2) + (lr - b2);
    out[i] = ls + (e1 + e2 + (q + LOG_C_LO[idx] + k * LN2_LO));
  }
}

/**
 * out[i] = pow(x[i], y[i]); with logOut, also logOut[i] = log(x[i]) (the same bits as log()):
 * the general path finishes log from pow's own range reduction for a few operations.
 */
export function powColumn(x: Float64Array, y: Float64Array, out: Float64Array, m: number, logOut: Float64Array | null = null): void {
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    const yi = y[i];
    // The common case (x a normal positive double other than 1, y finite and not an integer of
    // magnitude <= 8) is powInto's general path with decompose, logReduced and expCore written
    // out in this loop: the same operations in the same order (so the same bits), without a
    // call per helper or a boxed double per returned value. Everything else goes to powInto.
    if (!(xi >= 2.2250738585072014e-308 && xi < Infinity && xi !== 1 && yi - yi === 0 && yi !== 0 && yi !== 1) || (Math.floor(yi) === yi && Math.abs(yi) <= 8)) {
      ARG[0] = xi;
      ARG[1] = yi;
      powInto();
      out[i] = RES[0];
      if (logOut !== null) {
        ARG[0] = xi;
        logInto();
        logOut[i] = RES[0];
      }
      continue;
    }
    // decompose(xi): xi = mm 2^k, mm in [sqrt(1/2), sqrt(2))
    F64[0] = xi;
    const e = (U32[HI] >>> 20) - 1023;
    let k = 0;
    k += e;
    let mm = xi * pow2(-e);
    if (mm > Math.SQRT2) {
      mm *= 0.5;
      k += 1;
    }
    // logReduced(mm, 0)
    const li = Math.round(mm * 128);
    const lc = li * 0.0078125;
    const lr = (mm - lc) / lc;
    const lr2 = lr * lr;
    const q = lr2 * (-0.5 + lr * G3) + lr2 * lr2 * (-0.25 + lr * 0.2 + lr2 * (G6 + lr * G7 - lr2 * 0.125));
    const idx = li - LOG_I0;
    const kh0 = 0 * LN2_HI;
    const ch = LOG_C_HI[idx];
    const w = kh0 + ch;
    const b1 = w - kh0;
    const e1 = kh0 - (w - b1) + (ch - b1);
    const ls = w + lr;
    const b2 = ls - w;
    const e2 = w - (ls - b2) + (lr - b2);
    const lm = ls + (e1 + e2 + (q + LOG_C_LO[idx] + 0 * LN2_LO)) + k * LN2_LO;
    if (logOut !== null) {
      // logReduced(mm, k): log(xi) exactly as logColumn / log compute it
      const kh = k * LN2_HI;
      const wk = kh + ch;
      const b1k = wk - kh;
      const e1k = kh - (wk - b1k) + (ch - b1k);
      const lsk = wk + lr;
      const b2k = lsk - wk;
      const e2k = wk - (lsk - b2k) + (lr - b2k);
      logOut[i] = lsk + (e1k + e2k + (q + LOG_C_LO[idx] + k * LN2_LO));
    }
    const approx = yi * (k * LN2_HI + lm);
    if (approx > EXP_OVERFLOW + 1) {
      out[i] = Infinity;
      continue;
    }
    if (approx < EXP_UNDERFLOW - 1) {
      out[i] = 0;
      continue;
    }
    const cy = SPLIT * yi;
    const yh = cy - (cy - yi);
    const yl = yi - yh;
    const a1 = k * LN2_HI;
    const h1 = yi * a1;
    const c1 = SPLIT * a1;
    const a1h = c1 - (c1 - a1);
    const a1l = a1 - a1h;
    const l1 = yh * a1h - h1 + yh * a1l + yl * a1h + yl * a1l;
    const h2 = yi * lm;
    const c2 = SPLIT * lm;
    const lmh = c2 - (c2 - lm);
    const lml = lm - lmh;
    const l2 = yh * lmh - h2 + yh * lml + yl * lmh + yl * lml;
    const s = h1 + h2;
    const bb = s - h1;
    const lo = h1 - (s - bb) + (h2 - bb) + l1 + l2;
    const hi = s + lo;
    const lo2 = lo - (hi - s);
    if (hi > EXP_OVERFLOW) {
      out[i] = Infinity;
      continue;
    }
    if (hi < EXP_UNDERFLOW) {
      out[i] = 0;
      continue;
    }
    // expCore(hi, lo2)
    const kk = Math.round(hi * N_INV_LN2);
    const r = hi - kk * NL_HI - kk * NL_LO + lo2;
    const j = kk & (EXP_N - 1);
    const ke = (kk - j) / EXP_N;
    const r2 = r * r;
    const p = r + r2 * (E2 + r * E3) + r2 * r2 * (E4 + r * E5 + r2 * (E6 + r * E7));
    const t = EXP_T_HI[j];
    const er = t + (EXP_T_LO[j] + t * p);
    let res: number;
    if (ke === 0) res = er;
    else if (ke > 1023) res = er * 2 * pow2(ke - 1);
    else if (ke < -1022) res = er * pow2(ke + 1000) * pow2(-1000);
    else res = er * pow2(ke);
    out[i] = 1 * res;
  }
}

export function sinColumn(x: Float64Array, out: Float64Array, m: number, negate: boolean): void {
  for (let i = 0; i < m; i++) {
    ARG[0] = x[i];
    sinInto();
    out[i] = negate ? -RES[0] : RES[0];
  }
}

export function cosColumn(x: Float64Array, out: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) {
    ARG[0] = x[i];
    cosInto();
    out[i] = RES[0];
  }
}
