// Unchecked level-1 loops shared inside the module (triangular solves call them once
// per row, so they must not pay for argument checks). Not re-exported by index.ts:
// the wasm exports are the checked wrappers in level1.ts (status -i for bad argument i).
// Pointers are byte addresses; n is an element count (n <= 0: nothing happens).

/** y[i] += a * x[i], i < n. y and x may be the same vector. */
export function axpy_core(y: usize, a: f64, x: usize, n: i32): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    const p = y + o;
    const q = x + o;
    v128.store(p, f64x2.add(v128.load(p), f64x2.mul(va, v128.load(q))));
    v128.store(p, f64x2.add(v128.load(p, 16), f64x2.mul(va, v128.load(q, 16))), 16);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** x[i] *= a, i < n (a = 0 still propagates NaN/Inf, as IEEE multiplication does). */
export function scal_core(x: usize, a: f64, n: i32): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = x + (<usize>i << 3);
    v128.store(p, f64x2.mul(va, v128.load(p)));
    v128.store(p, f64x2.mul(va, v128.load(p, 16)), 16);
  }
  for (; i < n; i++) {
    const p = x + (<usize>i << 3);
    store<f64>(p, a * load<f64>(p));
  }
}
