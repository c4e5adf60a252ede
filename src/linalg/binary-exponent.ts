/**
 * Exact binary exponents and powers of two, read from and written to the bits of
 * a double, for the power-of-two scalings in lstsq.ts and polyfit.ts.
 *
 * Why not Math.log2 / Math.pow(2, k): ECMA-262 leaves their accuracy to the
 * implementation and V8 versions differ in last bits (see src/math/portable.ts),
 * so floor(log2 x) or round(log2 x) taken through Math.log2 can flip next to a
 * power of two (or sqrt 2) and then differ between runtimes. The exponent field
 * is exact everywhere. A DataView is used so no host endianness is assumed.
 */
const VIEW = new DataView(new ArrayBuffer(8));
/** smallest positive normal double, 2^-1022 */
const MIN_NORMAL = 2.2250738585072014e-308;
const TWO54 = 18014398509481984;
const TWO_M64 = 5.421010862427522e-20; // 2^-64

/** significand m of the last split() */
let SIG = 1;

/**
 * |x| = m 2^e with 1 <= m < 2 (exact, subnormals included), for finite nonzero x.
 * Infinity gives m = 1, e = 1024. Returns e; m is left in SIG.
 */
function split(x: number): number {
  let a = Math.abs(x);
  let bias = 0;
  if (a < MIN_NORMAL) {
    a *= TWO54; // exact: brings a subnormal into the normal range
    bias = 54;
  }
  VIEW.setFloat64(0, a);
  const top = VIEW.getUint16(0); // big-endian: sign(1) exponent(11) mantissa(4)
  const e = ((top >>> 4) & 0x7ff) - 1023 - bias;
  VIEW.setUint16(0, (top & 0x000f) | (1023 << 4)); // exponent field of 1.0
  SIG = VIEW.getFloat64(0);
  return e;
}

/** floor(log2 |x|) for finite nonzero x, exactly. */
export function binaryExponent(x: number): number {
  return split(x);
}

/**
 * round(log2 |x|) for finite nonzero x, exactly: with |x| = m 2^e, log2 |x| rounds
 * up iff m >= sqrt 2. The double Math.SQRT2 lies above the real sqrt 2 and no
 * double lies between them, so `m >= Math.SQRT2` is the exact test.
 */
export function roundLog2(x: number): number {
  const e = split(x);
  return SIG >= Math.SQRT2 ? e + 1 : e;
}

/**
 * 2^k for an integer k, exactly: Infinity above 1023, gradual underflow below
 * -1022, 0 below -1074 (the same values a correctly rounded Math.pow(2, k) gives).
 */
export function powerOfTwo(k: number): number {
  if (k > 1023) return Infinity;
  if (k < -1074) return 0;
  if (k < -1022) return powerOfTwo(k + 64) * TWO_M64; // exact: the result is a representable subnormal
  VIEW.setUint32(4, 0);
  VIEW.setUint32(0, (k + 1023) << 20);
  return VIEW.getFloat64(0);
}
