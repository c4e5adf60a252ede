// Level-1 vector kernels (BLAS-like), f64, SIMD f64x2 with scalar tails.
// Pointers are byte addresses in linear memory; lengths are element counts.
// Unaligned v128 loads are legal in wasm, so sub-vectors (row segments) work too.

import { axpy_core, scal_core } from "./level1_core";

/** dot_f64(x, y, n) = sum_i x[i] * y[i]. Two f64x2 accumulators hide add latency. */
export function dot_f64(x: usize, y: usize, n: i32): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  acc0 = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1);
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}

// Status (all checked kernels): 0 ok; -i bad argument i (1-based): a negative size,
// or a null (0) pointer for an operand with > 0 entries. Sizes are checked first,
// then the other arguments in order; the checks are O(1) and a kernel with bad
// arguments writes nothing. dot_f64 and nrm2_f64 return their value, no status.

/** axpy_f64(y, a, x, n): y[i] += a * x[i]. y and x may be the same vector. Status: -4 n < 0, -1 y null, -3 x null. */
export function axpy_f64(y: usize, a: f64, x: usize, n: i32): i32 {
  if (n < 0) return -4;
  if (n > 0) {
    if (y == 0) return -1;
    if (x == 0) return -3;
  }
  axpy_core(y, a, x, n);
  return 0;
}

/** scal_f64(x, a, n): x[i] *= a (a = 0 still propagates NaN/Inf). Status: -3 n < 0, -1 x null. */
export function scal_f64(x: usize, a: f64, n: i32): i32 {
  if (n < 0) return -3;
  if (n > 0 && x == 0) return -1;
  scal_core(x, a, n);
  return 0;
}

/** max_i |x[i]|; NaN if any entry is NaN (wasm f64x2.max propagates NaN). */
// @ts-ignore: decorator
@inline function amax(x: usize, n: i32): f64 {
  let m0 = f64x2.splat(0);
  let m1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = x + (<usize>i << 3);
    m0 = f64x2.max(m0, f64x2.abs(v128.load(p)));
    m1 = f64x2.max(m1, f64x2.abs(v128.load(p, 16)));
  }
  m0 = f64x2.max(m0, m1);
  let m = max<f64>(f64x2.extract_lane(m0, 0), f64x2.extract_lane(m0, 1));
  for (; i < n; i++) m = max<f64>(m, abs<f64>(load<f64>(x + (<usize>i << 3))));
  return m;
}

/**
 * nrm2_f64(x, n) = ||x||_2 without overflow or harmful underflow.
 * Two passes (cf. Blue 1978 / LAPACK dnrm2 scaling): s = max|x_i|, then
 * ||x|| = s * sqrt(sum (x_i / s)^2). Each scaled term is <= 1, so the sum is
 * <= n and cannot overflow; tiny entries are lifted by 1/s. NaN in -> NaN out;
 * an infinite entry -> +Infinity.
 */
export function nrm2_f64(x: usize, n: i32): f64 {
  if (n <= 0) return 0;
  const s = amax(x, n);
  if (s != s) return s; // NaN
  if (s == 0) return 0;
  if (s == Infinity) return Infinity;
  const inv = 1.0 / s;
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let i = 0;
  if (inv != Infinity) {
    const vi = f64x2.splat(inv);
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 3);
      const u = f64x2.mul(v128.load(p), vi);
      const v = f64x2.mul(v128.load(p, 16), vi);
      a0 = f64x2.add(a0, f64x2.mul(u, u));
      a1 = f64x2.add(a1, f64x2.mul(v, v));
    }
    a0 = f64x2.add(a0, a1);
    let t = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    for (; i < n; i++) {
      const u = load<f64>(x + (<usize>i << 3)) * inv;
      t += u * u;
    }
    return s * Math.sqrt(t);
  }
  // s is subnormal and 1/s overflows: divide instead (rare, slow path is fine).
  const vs = f64x2.splat(s);
  for (; i + 2 <= n; i += 2) {
    const u = f64x2.div(v128.load(x + (<usize>i << 3)), vs);
    a0 = f64x2.add(a0, f64x2.mul(u, u));
  }
  let t = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
  for (; i < n; i++) {
    const u = load<f64>(x + (<usize>i << 3)) / s;
    t += u * u;
  }
  return s * Math.sqrt(t);
}
