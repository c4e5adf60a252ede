// Normal equations, accumulated over blocks of rows so J is never stored whole:
//   H[lower] += J^T W J,   g += J^T W r,   W = diag(w)
// plus the small helpers around them (symmetric fill, damped copy for LM).
//
// Kernel design (syrk-like, Goto & van de Geijn 2008 register blocking + packing):
// each row block of J is packed into 4-column groups (syrk.ts), then the lower
// triangle of H is updated tile by tile: a 4 x 4 tile H[i..i+4][j..j+4] lives in
// 8 f64x2 accumulators while the rows r of the block stream past:
//   acc[a][b] += (w_r J[r][i+a]) * J[r][j+b]
// with w_r J[r][i+a] broadcast (v128.load64_splat, from a packed weighted copy) and
// J[r][j..j+4] two v128 loads. Row blocks are sized so a packed block stays in L2
// (~256 KB). Below SMALL_N columns, tiles read J directly (syrk_direct).

import { SCRATCH, SCRATCH_F64, pack_groups_to, syrk_packed2, syrk_direct } from "./syrk";

/** Below this many columns the unpacked kernel wins (short rows, padding waste). */
const SMALL_N: i32 = 24;

/**
 * Rows per block: the packed block (rows x n, padded to 4 columns) fits in half the
 * scratch (256 KB, so it stays in L2 while every tile re-reads it), 1..512 rows.
 */
// @ts-ignore: decorator
@inline function rowBlock(n: i32): i32 {
  // n <= 23170 in wasm32 (H must fit in 4 GB), so rb >= 1 and rb * n4 <= SCRATCH_F64 / 2
  let rb = (SCRATCH_F64 >> 1) / ((n + 3) & ~3);
  if (rb > 512) rb = 512;
  if (rb < 1) rb = 1;
  return rb;
}

/** g += J^T diag(w) r over one block of rows; 8 columns of g per pass over the rows. */
function gradient_block(g: usize, J: usize, ldj: i32, r: usize, w: usize, rows: i32, n: i32): void {
  const rs = <usize>ldj << 3;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
    let p = J + (<usize>j << 3);
    for (let k = 0; k < rows; k++) {
      const ko = <usize>k << 3;
      const c = f64x2.splat(w == 0 ? load<f64>(r + ko) : load<f64>(r + ko) * load<f64>(w + ko));
      a0 = f64x2.add(a0, f64x2.mul(c, v128.load(p)));
      a1 = f64x2.add(a1, f64x2.mul(c, v128.load(p, 16)));
      a2 = f64x2.add(a2, f64x2.mul(c, v128.load(p, 32)));
      a3 = f64x2.add(a3, f64x2.mul(c, v128.load(p, 48)));
      p += rs;
    }
    const pg = g + (<usize>j << 3);
    v128.store(pg, f64x2.add(v128.load(pg), a0));
    v128.store(pg, f64x2.add(v128.load(pg, 16), a1), 16);
    v128.store(pg, f64x2.add(v128.load(pg, 32), a2), 32);
    v128.store(pg, f64x2.add(v128.load(pg, 48), a3), 48);
  }
  for (; j < n; j++) {
    let s: f64 = 0;
    let p = J + (<usize>j << 3);
    for (let k = 0; k < rows; k++) {
      const ko = <usize>k << 3;
      const c = w == 0 ? load<f64>(r + ko) : load<f64>(r + ko) * load<f64>(w + ko);
      s += c * load<f64>(p);
      p += rs;
    }
    const pg = g + (<usize>j << 3);
    store<f64>(pg, load<f64>(pg) + s);
  }
}

/**
 * normal_accumulate_f64: H[lower] += J^T W J and g += J^T W r for a block of rows.
 * J rows x n (ldj), H n x n (ldh; only i >= j read/written), W = diag(w) (w = 0: I),
 * r = 0: g untouched. Status: 0 ok; -2 ldh < n; -5 ldj < n; -8 rows < 0; -9 n < 0.
 */
export function normal_accumulate_f64(H: usize, ldh: i32, g: usize, J: usize, ldj: i32, r: usize, w: usize, rows: i32, n: i32): i32 {
  if (n < 0) return -9;
  if (rows < 0) return -8;
  if (ldh < n) return -2;
  if (ldj < n) return -5;
  if (n == 0 || rows == 0) return 0;
  const rb = rowBlock(n);
  const rs = <usize>ldj << 3;
  for (let r0 = 0; r0 < rows; r0 += rb) {
    const nb = min<i32>(rb, rows - r0);
    const Jb = J + <usize>r0 * rs;
    const wb: usize = w == 0 ? <usize>0 : w + (<usize>r0 << 3);
    if (n < SMALL_N) {
      syrk_direct(H, ldh, Jb, ldj, wb, nb, n, 1.0);
    } else {
      // the packed block uses the first half of the scratch; the weighted copy
      // diag(w) J (broadcast side) the second half, so the tile loop has no extra multiply
      pack_groups_to(SCRATCH, Jb, rs, 8, nb, n, 0);
      if (wb == 0) {
        syrk_packed2(H, ldh, nb, n, SCRATCH, SCRATCH, 1.0);
      } else {
        const half = SCRATCH + (<usize>SCRATCH_F64 << 2);
        pack_groups_to(half, Jb, rs, 8, nb, n, wb);
        syrk_packed2(H, ldh, nb, n, half, SCRATCH, 1.0);
      }
    }
    if (r != 0 && g != 0) gradient_block(g, Jb, ldj, r + (<usize>r0 << 3), wb, nb, n);
  }
  return 0;
}

/**
 * sym_fill_upper_f64: H[j][i] = H[i][j] for i > j (n x n, ldh).
 * Status: 0 ok; -3 n < 0, -2 ldh < n, -1 H null (n > 0).
 */
export function sym_fill_upper_f64(H: usize, ldh: i32, n: i32): i32 {
  if (n < 0) return -3;
  if (ldh < n) return -2;
  if (H == 0 && n > 0) return -1;
  const rs = <usize>ldh << 3;
  for (let i = 1; i < n; i++) {
    const hi = H + <usize>i * rs;
    for (let j = 0; j < i; j++) {
      store<f64>(H + <usize>j * rs + (<usize>i << 3), load<f64>(hi + (<usize>j << 3)));
    }
  }
  return 0;
}

/**
 * damped_copy_f64: out[lower] = H[lower] + lambda * diag(d) (d = 0: identity);
 * the upper triangle of out is left as is; H is only read (LM retries another lambda).
 * Status: 0 ok; -5 n < 0, -2 ldo < n, -4 ldh < n, -1 out null (n > 0), -3 H null (n > 0);
 * d is optional (0 = identity).
 */
export function damped_copy_f64(out: usize, ldo: i32, H: usize, ldh: i32, n: i32, lambda: f64, d: usize): i32 {
  if (n < 0) return -5;
  if (ldo < n) return -2;
  if (ldh < n) return -4;
  if (n > 0) {
    if (out == 0) return -1;
    if (H == 0) return -3;
  }
  const rso = <usize>ldo << 3;
  const rsh = <usize>ldh << 3;
  for (let i = 0; i < n; i++) {
    const po = out + <usize>i * rso;
    const ph = H + <usize>i * rsh;
    let j = 0;
    for (; j + 2 <= i; j += 2) {
      const o = <usize>j << 3;
      v128.store(po + o, v128.load(ph + o));
    }
    for (; j < i; j++) {
      const o = <usize>j << 3;
      store<f64>(po + o, load<f64>(ph + o));
    }
    const o = <usize>i << 3;
    const di = d == 0 ? 1.0 : load<f64>(d + o);
    store<f64>(po + o, load<f64>(ph + o) + lambda * di);
  }
  return 0;
}
