// Internal (not re-exported by index.ts): the packed syrk-like lower-triangle update
//   H[lower] += sign * X^T diag(w) X        X: K x n, K "rows" of a block
// shared by normal_accumulate_f64 (X = a row block of J, sign = +1; the weighted copy
// diag(w) X is packed separately as the broadcast side), the blocked Cholesky trailing
// update (X = L21^T, sign = -1) and cholesky_inverse (Y^T Y). The packing (and the
// SCRATCH buffer) is also used by gemm.ts.
//
// Design (Goto & van de Geijn 2008 register blocking + packing): X is first packed
// into a static scratch buffer in 4-column groups, group-major:
//   PACK[g][r][c] = X[r][4g + c]   (c = 0..3; the last group zero-padded)
// so every tile streams two contiguous 32-byte-per-row panels, with no strided or
// TLB-unfriendly access however large n is. A 4 x 4 tile of H lives in 8 f64x2
// accumulators; per row r it does 4 broadcasts (v128.load64_splat) of PACK[gi][r][*]
// and 2 loads of PACK[gj][r][*]: 8 mul + 8 add per 6 loads. Only lower tiles run.
// The scratch is static (memory.data: no allocation at run time, no bytes in the
// .wasm; it sits below __heap_base, so the TS arena never overlaps it); kernels are
// single-threaded per instance and never nest two users of it, so one buffer is enough.

/** Scratch capacity in f64 (512 KB). Block sizes are chosen so packed data fits. */
export const SCRATCH_F64: i32 = 65536;
export const SCRATCH: usize = memory.data(SCRATCH_F64 << 3, 16);

/** Packs X[r][c] = load(src + r*rs + c*cs) (K x n) into SCRATCH, 4-column groups, zero padded. */
export function pack_groups(src: usize, rs: usize, cs: usize, K: i32, n: i32): void {
  pack_groups_to(SCRATCH, src, rs, cs, K, n, 0);
}

/**
 * Packs X (K x n) into dst, 4-column groups, zero padded; with w != 0 row r is scaled
 * by w[r] (the weighted copy for H += X^T diag(w) X).
 */
export function pack_groups_to(dst: usize, src: usize, rs: usize, cs: usize, K: i32, n: i32, w: usize): void {
  const n4 = n & ~3;
  const gstride = <usize>K << 5; // bytes per group: K rows x 4 f64
  if (cs == 8 && w != 0) {
    for (let r = 0; r < K; r++) {
      const s = src + <usize>r * rs;
      const wv = v128.load64_splat(w + (<usize>r << 3));
      let d = dst + (<usize>r << 5);
      for (let c = 0; c < n4; c += 4) {
        const o = <usize>c << 3;
        v128.store(d, f64x2.mul(wv, v128.load(s + o)));
        v128.store(d, f64x2.mul(wv, v128.load(s + o, 16)), 16);
        d += gstride;
      }
    }
  } else if (cs == 8) {
    // rows of X are contiguous: two v128 moves per row per group
    for (let r = 0; r < K; r++) {
      const s = src + <usize>r * rs;
      let d = dst + (<usize>r << 5);
      for (let c = 0; c < n4; c += 4) {
        const o = <usize>c << 3;
        v128.store(d, v128.load(s + o));
        v128.store(d, v128.load(s + o, 16), 16);
        d += gstride;
      }
    }
  } else {
    // columns of X are contiguous (X = L21^T): walk each column, scatter with stride 32
    for (let c = 0; c < n4; c++) {
      const s = src + <usize>c * cs;
      let d = dst + <usize>(c >> 2) * gstride + (<usize>(c & 3) << 3);
      for (let r = 0; r < K; r++) {
        const x = load<f64>(s + <usize>r * rs);
        store<f64>(d, w == 0 ? x : x * load<f64>(w + (<usize>r << 3)));
        d += 32;
      }
    }
  }
  if (n4 < n) {
    let d = dst + <usize>(n4 >> 2) * gstride;
    for (let r = 0; r < K; r++) {
      const wr = w == 0 ? 1.0 : load<f64>(w + (<usize>r << 3));
      for (let c = 0; c < 4; c++) {
        const col = n4 + c;
        store<f64>(d + (<usize>c << 3), col < n ? wr * load<f64>(src + <usize>r * rs + <usize>col * cs) : 0.0);
      }
      d += 32;
    }
  }
}

// @ts-ignore: decorator
@inline function addAt(H: usize, rsH: usize, a: i32, b: i32, v: f64): void {
  const p = H + <usize>a * rsH + (<usize>b << 3);
  store<f64>(p, load<f64>(p) + v);
}

/** H[lower] += sign * X^T X for the K x n matrix X last packed into SCRATCH by pack_groups. */
export function syrk_packed(H: usize, ldh: i32, K: i32, n: i32, sign: f64): void {
  syrk_packed2(H, ldh, K, n, SCRATCH, SCRATCH, sign);
}

/**
 * Lower-triangle update from packed panels: H[i][j] += sign * sum_r A[r][i] B[r][j]
 * for 0 <= j <= i < n, where A (broadcast side) and B are K x n matrices packed by
 * pack_groups_to at pa0 and pb0 (the same buffer for X^T X; A = diag(w) X for X^T W X).
 */
export function syrk_packed2(H: usize, ldh: i32, K: i32, n: i32, pa0: usize, pb0: usize, sign: f64): void {
  const rsH = <usize>ldh << 3;
  const gstride = <usize>K << 5;
  const ng = (n + 3) >> 2;
  const sv = f64x2.splat(sign);
  for (let gi = 0; gi < ng; gi++) {
    const i0 = gi << 2;
    const pai = pa0 + <usize>gi * gstride;
    for (let gj = 0; gj <= gi; gj++) {
      const j0 = gj << 2;
      let pa = pai;
      let pb = pb0 + <usize>gj * gstride;
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      for (let r = 0; r < K; r++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let s = v128.load64_splat(pa);
        c00 = f64x2.add(c00, f64x2.mul(s, b0));
        c01 = f64x2.add(c01, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 8);
        c10 = f64x2.add(c10, f64x2.mul(s, b0));
        c11 = f64x2.add(c11, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 16);
        c20 = f64x2.add(c20, f64x2.mul(s, b0));
        c21 = f64x2.add(c21, f64x2.mul(s, b1));
        s = v128.load64_splat(pa, 24);
        c30 = f64x2.add(c30, f64x2.mul(s, b0));
        c31 = f64x2.add(c31, f64x2.mul(s, b1));
        pa += 32;
        pb += 32;
      }
      c00 = f64x2.mul(c00, sv); c01 = f64x2.mul(c01, sv);
      c10 = f64x2.mul(c10, sv); c11 = f64x2.mul(c11, sv);
      c20 = f64x2.mul(c20, sv); c21 = f64x2.mul(c21, sv);
      c30 = f64x2.mul(c30, sv); c31 = f64x2.mul(c31, sv);
      const h = H + <usize>i0 * rsH + (<usize>j0 << 3);
      if (gj < gi && i0 + 4 <= n) {
        // full off-diagonal tile (columns j0..j0+3 < i0 <= n are all valid)
        let q = h;
        v128.store(q, f64x2.add(v128.load(q), c00));
        v128.store(q, f64x2.add(v128.load(q, 16), c01), 16);
        q += rsH;
        v128.store(q, f64x2.add(v128.load(q), c10));
        v128.store(q, f64x2.add(v128.load(q, 16), c11), 16);
        q += rsH;
        v128.store(q, f64x2.add(v128.load(q), c20));
        v128.store(q, f64x2.add(v128.load(q, 16), c21), 16);
        q += rsH;
        v128.store(q, f64x2.add(v128.load(q), c30));
        v128.store(q, f64x2.add(v128.load(q, 16), c31), 16);
      } else {
        // diagonal or edge tile: entry (a, b) exists iff i0 + a < n and (j0 + b <= i0 + a)
        const ra = min<i32>(4, n - i0);
        const d = gj == gi;
        if (ra > 0) {
          addAt(h, rsH, 0, 0, f64x2.extract_lane(c00, 0));
          if (!d) {
            addAt(h, rsH, 0, 1, f64x2.extract_lane(c00, 1));
            addAt(h, rsH, 0, 2, f64x2.extract_lane(c01, 0));
            addAt(h, rsH, 0, 3, f64x2.extract_lane(c01, 1));
          }
        }
        if (ra > 1) {
          addAt(h, rsH, 1, 0, f64x2.extract_lane(c10, 0));
          addAt(h, rsH, 1, 1, f64x2.extract_lane(c10, 1));
          if (!d) {
            addAt(h, rsH, 1, 2, f64x2.extract_lane(c11, 0));
            addAt(h, rsH, 1, 3, f64x2.extract_lane(c11, 1));
          }
        }
        if (ra > 2) {
          addAt(h, rsH, 2, 0, f64x2.extract_lane(c20, 0));
          addAt(h, rsH, 2, 1, f64x2.extract_lane(c20, 1));
          addAt(h, rsH, 2, 2, f64x2.extract_lane(c21, 0));
          if (!d) addAt(h, rsH, 2, 3, f64x2.extract_lane(c21, 1));
        }
        if (ra > 3) {
          addAt(h, rsH, 3, 0, f64x2.extract_lane(c30, 0));
          addAt(h, rsH, 3, 1, f64x2.extract_lane(c30, 1));
          addAt(h, rsH, 3, 2, f64x2.extract_lane(c31, 0));
          addAt(h, rsH, 3, 3, f64x2.extract_lane(c31, 1));
        }
      }
    }
  }
}

/**
 * One 4 x 4 tile over `rows` rows: returns nothing, adds into H (lower part only
 * when diag). pi/pj point at J[0][i] and J[0][j]; rs = row stride in bytes.
 */
// @ts-ignore: decorator
@inline function dtile(H: usize, rsH: usize, pi: usize, pj: usize, rs: usize, w: usize, rows: i32, diag: bool, sign: f64): void {
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
 * Unpacked variant for small n (rows of J are short and contiguous, so packing and
 * the padded diagonal tiles would cost more than they save):
 * H[lower] += sign * J^T diag(w) J over one block of rows (w = 0: unit weights).
 */
export function syrk_direct(H: usize, ldh: i32, J: usize, ldj: i32, w: usize, rows: i32, n: i32, sign: f64): void {
  const rsH = <usize>ldh << 3;
  const rs = <usize>ldj << 3;
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const hi = H + <usize>i * rsH;
    const pi = J + (<usize>i << 3);
    for (let j = 0; j < i; j += 4) {
      dtile(hi + (<usize>j << 3), rsH, pi, J + (<usize>j << 3), rs, w, rows, false, sign);
    }
    dtile(hi + (<usize>i << 3), rsH, pi, pi, rs, w, rows, true, sign);
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

