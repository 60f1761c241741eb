/**
 * Recovery codes: generation is uniform over the alphabet (rejection sampling, checked exhaustively
 * with scripted bytes), sets are distinct, and normalization maps what people type onto the canonical
 * form and nothing else.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Random, systemRandom } from '../../src/core/random.js';
import {
  isValidRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
} from '../../src/crypto/recovery-codes.js';
import { uniformIndexes } from '../../src/crypto/uniform-choice.js';

/** Hands out exactly the given bytes, in order, and fails the test if more are asked for. */
function scripted(bytes: number[]): Random & { left: () => number } {
  let next = 0;
  return {
    bytes(n) {
      if (next + n > bytes.length) throw new Error('scripted randomness exhausted');
      next += n;
      return Uint8Array.from(bytes.slice(next - n, next));
    },
    left: () => bytes.length - next,
  };
}

/** A deterministic stream of bytes from a seed, so fast-check can shrink and replay draws. */
function seeded(seed: number): Random {
  let counter = 0;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 32)
        out.set(
          createHash('sha256')
            .update(`${seed}:${counter++}`)
            .digest()
            .subarray(0, n - i),
          i,
        );
      return out;
    },
  };
}

describe('newRecoveryCodes', () => {
  it('makes 10 distinct codes in canonical form by default', () => {
    for (let i = 0; i < 200; i++) {
      const codes = newRecoveryCodes(systemRandom);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(isValidRecoveryCode(code), code).toBe(true);
    }
  });

  it('always passes the format predicate, whatever the random bytes', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 20 }), (seed, count) => {
        const codes = newRecoveryCodes(seeded(seed), count);
        expect(new Set(codes).size).toBe(count);
        for (const code of codes) expect(isValidRecoveryCode(code)).toBe(true);
      }),
    );
  });

  it('redraws a code already in the set', () => {
    const random = scripted([...Array(12).fill(0), ...Array(12).fill(0), ...Array(12).fill(1)]);
    expect(newRecoveryCodes(random, 2)).toEqual(['AAAA-AAAA-AAAA', 'BBBB-BBBB-BBBB']);
    expect(random.left()).toBe(0);
  });

  it('discards bytes at or above 248 (8 × 31) instead of folding them onto the first letters', () => {
    const random = scripted([248, 255, 0, 30, 31, 247, 250, 61, 62, 2, 3, 4, 249, 5, 6, 7]);
    // 0→A, 30→9, 31→A, 247→9, 61→9, 62→A, 2..7→C..H; the bytes ≥ 248 leave no trace.
    expect(newRecoveryCodes(random, 1)).toEqual(['A9A9-9ACD-EFGH']);
    expect(random.left()).toBe(0);
  });
});

describe('uniformIndexes (the sampler behind recovery and SMS codes)', () => {
  for (const size of [31, 10, 7, 128, 256]) {
    it(`gives every value below ${size} equally often when fed each byte value once`, () => {
      const limit = 256 - (256 % size);
      // Highest first, so the discarded bytes arrive in the first request and must be redrawn.
      const random = scripted(Array.from({ length: 256 }, (_, i) => 255 - i));
      const draws = uniformIndexes(random, size, limit);
      expect(random.left()).toBe(0);
      const counts = new Array<number>(size).fill(0);
      for (const value of draws) counts[value]! += 1;
      expect(new Set(counts)).toEqual(new Set([limit / size]));
    });
  }
  it('refuses alphabets a byte cannot cover', () => {
    expect(() => uniformIndexes(systemRandom, 257, 1)).toThrow(RangeError);
    expect(() => uniformIndexes(systemRandom, 0, 1)).toThrow(RangeError);
  });
});

describe('normalizeRecoveryCode', () => {
  it('accepts any case, surrounding space, and hyphens, spaces or nothing between groups', () => {
    for (const typed of [
      'ABCD-EFGH-JKMN',
      'abcd-efgh-jkmn',
      'abcd efgh jkmn',
      'ABCDEFGHJKMN',
      'abcdefghjkmn',
      '  AbCd-EFGH jkmn\n',
      '\tabcd-efghjkmn ',
    ]) {
      expect(normalizeRecoveryCode(typed), typed).toBe('ABCD-EFGH-JKMN');
    }
  });

  it('refuses look-alikes, other separators, other lengths and non-ASCII letters', () => {
    for (const typed of [
      '',
      'ABCD-EFGH-JKM0',
      'abcd-efgh-jkmo',
      'ABCD-EFGH-JK1N',
      'abcd-efgh-jkmi',
      'abcd-efgh-jkml',
      'ABCD--EFGH-JKMN',
      'ABCD  EFGH JKMN',
      'ABCD_EFGH_JKMN',
      'ABCD.EFGH.JKMN',
      'ABCD-EFGH',
      'ABCD-EFGH-JKMN-',
      'ABCD-EFGH-JKMNP',
      'ABC-DEFGH-JKMN',
      'ABCD-EFGH-J\u212aMN', // Kelvin sign, which upper-cases nowhere near K in ASCII
      'ABCD-EFGH-JKM\u017f', // long s
      'ABCD-EFGH-JK\ufb00', // ﬀ, which toUpperCase() turns into two letters
      '\uff21BCD-EFGH-JKMN', // full-width A
      'ABCD-EFGH-JKMN\u0000',
    ]) {
      expect(normalizeRecoveryCode(typed), JSON.stringify(typed)).toBeNull();
    }
    expect(normalizeRecoveryCode(undefined as unknown as string)).toBeNull();
  });

  it('gives either null or a code that passes the predicate, and fixes every canonical code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (typed) => {
        const code = normalizeRecoveryCode(typed);
        if (code !== null) expect(isValidRecoveryCode(code)).toBe(true);
      }),
    );
    const canonical = fc
      .array(fc.constantFrom(...RECOVERY_CODE_ALPHABET), { minLength: 12, maxLength: 12 })
      .map((c) => `${c.slice(0, 4).join('')}-${c.slice(4, 8).join('')}-${c.slice(8).join('')}`);
    fc.assert(
      fc.property(canonical, (code) => {
        expect(normalizeRecoveryCode(code)).toBe(code);
        expect(normalizeRecoveryCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
        expect(normalizeRecoveryCode(code.replaceAll('-', ''))).toBe(code);
      }),
    );
  });
});

describe('the alphabet', () => {
  it('is the 31 upper-case letters and digits other than 0, O, 1, I and L', () => {
    const expected = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'].filter((c) => !'0O1IL'.includes(c));
    expect([...RECOVERY_CODE_ALPHABET].sort()).toEqual(expected.sort());
  });
});
