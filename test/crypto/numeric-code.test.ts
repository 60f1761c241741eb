/** Numeric one-time codes (SMS): the requested number of decimal digits, uniform, leading zeros kept. */
import { describe, expect, it } from 'vitest';
import { type Random, systemRandom } from '../../src/core/random.js';
import { newNumericCode } from '../../src/crypto/numeric-code.js';

describe('newNumericCode', () => {
  it('is six decimal digits by default, or as many as asked', () => {
    for (let i = 0; i < 500; i++) expect(newNumericCode(systemRandom)).toMatch(/^[0-9]{6}$/);
    expect(newNumericCode(systemRandom, 8)).toMatch(/^[0-9]{8}$/);
    expect(() => newNumericCode(systemRandom, 0)).toThrow(RangeError);
  });

  it('keeps leading zeros and discards bytes at or above 250 rather than favouring 0 to 5', () => {
    const bytes = [250, 0, 255, 10, 251, 249, 100, 5, 37];
    let next = 0;
    const random: Random = {
      bytes: (n) => {
        next += n;
        return Uint8Array.from(bytes.slice(next - n, next));
      },
    };
    expect(newNumericCode(random)).toBe('009057');
    expect(next).toBe(bytes.length);
  });
});
