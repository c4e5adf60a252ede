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

// ---- status tests: buffers that must come back untouched from a call with a bad argument
/** A value no kernel computes from these tests' inputs by accident (exact in binary). */
export const SENTINEL: f64 = 7.25;
/** Entries per watched buffer: covers every operand of the status tests (<= 4 x 4). */
export const WATCH_N: i32 = 16;
const watched: usize[] = [];

/** A fresh WATCH_N-entry buffer filled with SENTINEL, remembered by unwatchAll / countWritten. */
export function watch(): usize {
  const p = zeros(WATCH_N);
  for (let i = 0; i < WATCH_N; i++) store<f64>(p + (<usize>i << 3), SENTINEL);
  watched.push(p);
  return p;
}

/** Forgets the watched buffers (call at the start of each test). */
export function unwatchAll(): void {
  watched.length = 0;
}

/** Number of entries, over every watched buffer, that no longer hold SENTINEL (0: nothing was written). */
export function countWritten(): i32 {
  let c = 0;
  for (let b = 0; b < watched.length; b++)
    for (let i = 0; i < WATCH_N; i++) if (at(watched[b], i) != SENTINEL) c++;
  return c;
}
