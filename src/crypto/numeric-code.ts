/** Short decimal one-time codes (SMS), every value equally likely. */
import type { Random } from '../core/random.js';
import { uniformIndexes } from './uniform-choice.js';

/**
 * A random code of `digits` decimal digits, leading zeros kept (so `'004217'` is as likely as any).
 *
 * @example
 * newNumericCode(systemRandom) // e.g. '048213'
 */
export function newNumericCode(random: Random, digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError('digits must be a positive integer');
  return uniformIndexes(random, 10, digits).join('');
}
