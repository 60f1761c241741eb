/**
 * RFC 4648 base32 (the alphabet authenticator apps read TOTP secrets in). Encoding never pads, since
 * the Key Uri Format leaves padding out; decoding is strict so one string means exactly one byte string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
// Unpadded lengths modulo 8 that a whole number of bytes can produce (RFC 4648 §6).
const VALID_TAIL = new Set([0, 2, 4, 5, 7]);

/**
 * @example
 * base32Encode(new TextEncoder().encode('foobar')) // 'MZXW6YTBOI'
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes upper-case base32, with or without `=` padding. Throws a `TypeError` (which never quotes the
 * input: it may be a secret) on any other character, a length no byte string encodes to, misplaced
 * padding, or non-zero trailing bits.
 */
export function base32Decode(text: string): Uint8Array {
  const data = text.replace(/=+$/, '');
  const padded = data.length !== text.length;
  if (
    !VALID_TAIL.has(data.length % 8) ||
    (padded && (text.length % 8 !== 0 || text.length - data.length >= 8))
  ) {
    throw new TypeError('Invalid base32: wrong length or padding');
  }
  const out = new Uint8Array(Math.floor((data.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of data) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new TypeError('Invalid base32: unexpected character');
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new TypeError('Invalid base32: non-zero trailing bits');
  return out;
}
