// Test buffers for kernel specs: f64 blocks addressed by raw pointer, as the kernels see them.
// Pinned: the raw pointer is all a test keeps, so the GC must not reclaim (or reuse) the block.

export function buf(values: f64[]): usize {
  const a = new StaticArray<f64>(values.length);
  for (let i = 0; i < values.length; i++) a[i] = values[i];
  return __pin(changetype<usize>(a));
}

export function zeros(n: i32): usize {
  return __pin(changetype<usize>(new StaticArray<f64>(n)));
}

export function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Sizes that exercise every f64x2 path: scalar only, one pair, pair + tail, several pairs + tail. */
export const SIZES: i32[] = [1, 2, 3, 5, 7];
