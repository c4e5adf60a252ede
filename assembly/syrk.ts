// Internal (not re-exported by index.ts): the syrk-like lower-triangle update
//   H[lower] += sign * J^T diag(w) J   over one block of rows of J,
// shared by normal_accumulate_f64 (sign = +1) and the Cholesky trailing update
// (sign = -1 on a packed transposed panel). See normal.ts for the design.

/**
 * One 4 x 4 tile over `rows` rows: returns nothing, adds into H (lower part only
 * when diag). pi/pj point at J[0][i] and J[0][j]; rs = row stride in bytes.
 */
// @ts-ignore: decorator
@inline function tile(H: usize, rsH: usize, pi: usize, pj: usize, rs: usize, w: usize, rows: i32, diag: bool, sign: f64): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  if (w == 0) {
    for (let r = 0; r < rows; r++) {
      const b0 = v128.load(pj);
      const b1 = v128.load(pj, 16);
      let s = v128.load64_splat(pi);
      c00 = f64x2.add(c00, f64x2.mul(s, b0));
      c01 = f64x2.add(c01, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 8);
      c10 = f64x2.add(c10, f64x2.mul(s, b0));
      c11 = f64x2.add(c11, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 16);
      c20 = f64x2.add(c20, f64x2.mul(s, b0));
      c21 = f64x2.add(c21, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 24);
      c30 = f64x2.add(c30, f64x2.mul(s, b0));
      c31 = f64x2.add(c31, f64x2.mul(s, b1));
      pi += rs;
      pj += rs;
    }
  } else {
    let pw = w;
    for (let r = 0; r < rows; r++) {
      const wv = v128.load64_splat(pw);
      const b0 = f64x2.mul(wv, v128.load(pj));
      const b1 = f64x2.mul(wv, v128.load(pj, 16));
      let s = v128.load64_splat(pi);
      c00 = f64x2.add(c00, f64x2.mul(s, b0));
      c01 = f64x2.add(c01, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 8);
      c10 = f64x2.add(c10, f64x2.mul(s, b0));
      c11 = f64x2.add(c11, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 16);
      c20 = f64x2.add(c20, f64x2.mul(s, b0));
      c21 = f64x2.add(c21, f64x2.mul(s, b1));
      s = v128.load64_splat(pi, 24);
      c30 = f64x2.add(c30, f64x2.mul(s, b0));
      c31 = f64x2.add(c31, f64x2.mul(s, b1));
      pi += rs;
      pj += rs;
      pw += 8;
    }
  }
  if (sign != 1) {
    const sv = f64x2.splat(sign);
    c00 = f64x2.mul(c00, sv); c01 = f64x2.mul(c01, sv);
    c10 = f64x2.mul(c10, sv); c11 = f64x2.mul(c11, sv);
    c20 = f64x2.mul(c20, sv); c21 = f64x2.mul(c21, sv);
    c30 = f64x2.mul(c30, sv); c31 = f64x2.mul(c31, sv);
  }
  let h = H;
  if (diag) {
    // rows a = 0..3 of the diagonal tile hold a + 1 lower entries
    store<f64>(h, load<f64>(h) + f64x2.extract_lane(c00, 0));
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c10));
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c20));
    store<f64>(h, load<f64>(h, 16) + f64x2.extract_lane(c21, 0), 16);
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c30));
    v128.store(h, f64x2.add(v128.load(h, 16), c31), 16);
  } else {
    v128.store(h, f64x2.add(v128.load(h), c00));
    v128.store(h, f64x2.add(v128.load(h, 16), c01), 16);
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c10));
    v128.store(h, f64x2.add(v128.load(h, 16), c11), 16);
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c20));
    v128.store(h, f64x2.add(v128.load(h, 16), c21), 16);
    h += rsH;
    v128.store(h, f64x2.add(v128.load(h), c30));
    v128.store(h, f64x2.add(v128.load(h, 16), c31), 16);
  }
}

/**
 * H[lower] += sign * J^T diag(w) J over one block of rows (w = 0: unit weights).
 * Internal; also used by the Cholesky trailing update (sign = -1, J = packed panel^T).
 */
export function syrk_lower_block(H: usize, ldh: i32, J: usize, ldj: i32, w: usize, rows: i32, n: i32, sign: f64): void {
  const rsH = <usize>ldh << 3;
  const rs = <usize>ldj << 3;
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const hi = H + <usize>i * rsH;
    const pi = J + (<usize>i << 3);
    for (let j = 0; j < i; j += 4) {
      tile(hi + (<usize>j << 3), rsH, pi, J + (<usize>j << 3), rs, w, rows, false, sign);
    }
    tile(hi + (<usize>i << 3), rsH, pi, pi, rs, w, rows, true, sign);
  }
  // the last n % 4 rows of H: two columns at a time
  for (let i = n4; i < n; i++) {
    const hi = H + <usize>i * rsH;
    const pi = J + (<usize>i << 3);
    let j = 0;
    for (; j + 2 <= i + 1; j += 2) {
      let acc = f64x2.splat(0);
      let a = pi;
      let b = J + (<usize>j << 3);
      if (w == 0) {
        for (let r = 0; r < rows; r++) {
          acc = f64x2.add(acc, f64x2.mul(v128.load64_splat(a), v128.load(b)));
          a += rs;
          b += rs;
        }
      } else {
        let pw = w;
        for (let r = 0; r < rows; r++) {
          acc = f64x2.add(acc, f64x2.mul(f64x2.mul(v128.load64_splat(a), v128.load64_splat(pw)), v128.load(b)));
          a += rs;
          b += rs;
          pw += 8;
        }
      }
      const ph = hi + (<usize>j << 3);
      v128.store(ph, f64x2.add(v128.load(ph), f64x2.mul(f64x2.splat(sign), acc)));
    }
    if (j <= i) {
      // j == i: the diagonal entry
      let s: f64 = 0;
      let a = pi;
      for (let r = 0; r < rows; r++) {
        const x = load<f64>(a);
        s += w == 0 ? x * x : x * load<f64>(w + (<usize>r << 3)) * x;
        a += rs;
      }
      const ph = hi + (<usize>i << 3);
      store<f64>(ph, load<f64>(ph) + sign * s);
    }
  }
}

