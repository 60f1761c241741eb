/** Unbiased small random integers from random bytes, for codes people type (recovery codes, SMS codes). */
import type { Random } from '../core/random.js';

/**
 * `count` integers uniform in `[0, size)`, one random byte each, for `size` up to 256. A byte at or
 * above the largest multiple of `size` below 256 is discarded and redrawn: keeping it as `byte % size`
 * would make the low values more likely.
 *
 * @example
 * uniformIndexes(systemRandom, 10, 6) // e.g. [4, 0, 9, 9, 1, 7]
 */
export function uniformIndexes(random: Random, size: number, count: number): number[] {
  if (!Number.isInteger(size) || size < 1 || size > 256) throw new RangeError('size must be 1 to 256');
  const limit = 256 - (256 % size);
  const out: number[] = [];
  while (out.length < count) {
    for (const byte of random.bytes(count - out.length)) {
      if (byte < limit) out.push(byte % size);
    }
  }
  return out;
}
