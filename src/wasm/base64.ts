// Portable base64 -> bytes (no Buffer, no atob dependency: works in every runtime).
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function decodeBase64(s: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61 /* '=' */) len--;
  const out = new Uint8Array(((len * 3) / 4) | 0);
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = table[s.charCodeAt(i)];
    const b = table[s.charCodeAt(i + 1)];
    const c = i + 2 < len ? table[s.charCodeAt(i + 2)] : 0;
    const d = i + 3 < len ? table[s.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
