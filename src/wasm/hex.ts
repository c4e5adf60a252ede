// Portable hex -> bytes for the inlined module (no Buffer, no atob: works in every runtime).
// Lowercase digits only (scripts/build-wasm.mjs writes them): for '0'..'9' (0x30..0x39)
// c & 15 is the digit and c >> 6 is 0; for 'a'..'f' (0x61..0x66) c & 15 is 1..6 and
// c >> 6 is 1, so (c & 15) + 9 * (c >> 6) is 10..15.
export function decodeHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    const h = s.charCodeAt(2 * i);
    const l = s.charCodeAt(2 * i + 1);
    out[i] = (((h & 15) + 9 * (h >> 6)) << 4) | ((l & 15) + 9 * (l >> 6));
  }
  return out;
}
