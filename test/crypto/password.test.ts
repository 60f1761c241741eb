/** Password policy and hashing: limits, blocklist, no composition rules, equal work for unknown accounts. */
import { describe, expect, it } from 'vitest';
import type { PasswordHash, PlainPassword } from '../../src/core/secrets.js';
import { argon2Hasher, isSupportedPasswordHash } from '../../src/crypto/password-hasher.js';
import { checkNewPassword, isCommonPassword, passwordLength } from '../../src/crypto/password-policy.js';

const policy = { minLength: 8 };
const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('password policy', () => {
  it('counts code points: an emoji is one character', () => {
    expect(passwordLength('🔐🔐🔐')).toBe(3);
    expect(passwordLength('é')).toBe(1);
  });

  it('accepts 8..256 characters with no composition rules, refuses outside', () => {
    expect(code(() => checkNewPassword('aaaaaaa', policy))).toBe('WEAK_PASSWORD');
    expect(code(() => checkNewPassword('correct horse battery staple', policy))).toBe('ok');
    expect(code(() => checkNewPassword('ñandúes cantan', policy))).toBe('ok');
    expect(code(() => checkNewPassword('x'.repeat(256), policy))).toBe('ok');
    expect(code(() => checkNewPassword('x'.repeat(257), policy))).toBe('VALIDATION_ERROR');
    expect(code(() => checkNewPassword('🔐'.repeat(256), policy))).toBe('ok');
    expect(code(() => checkNewPassword('🔐'.repeat(257), policy))).toBe('VALIDATION_ERROR');
    expect(code(() => checkNewPassword('abcdefghij', { minLength: 12 }))).toBe('WEAK_PASSWORD');
  });

  it('refuses common passwords whatever their case', () => {
    for (const p of ['password', 'Password1', 'qwertyuiop', 'iloveyou', '12345678', 'PASSWORD123']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(
        code(() => checkNewPassword(p, policy)),
        p,
      ).toBe('WEAK_PASSWORD');
    }
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });

  it('PWD-03: refuses a listed word padded with a predictable run, not any word with digits', () => {
    for (const p of [
      'password1234567',
      'Password1234567890',
      'qwerty111111',
      'dragon!!!!!!',
      'sunshine98765',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(() => checkNewPassword(p, { minLength: 8 }), p).toThrow(/too common/);
    }
    for (const p of ['mypassword2024x', 'letmein1357', 'password 7 ways to sunday']) {
      expect(isCommonPassword(p), p).toBe(false);
    }
  });
});

describe('argon2Hasher', () => {
  const hasher = argon2Hasher();

  it('hashes with Argon2id m=19456 t=2 p=1 in PHC form and verifies', async () => {
    const hash = await hasher.hash('correct horse battery staple' as PlainPassword);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.verify(hash, 'correct horse battery staple' as PlainPassword)).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery staplE' as PlainPassword)).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('never goes below the minimum parameters, whatever it is asked', async () => {
    const weak = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    expect(await weak.hash('x' as PlainPassword)).toMatch(/m=19456,t=2,p=1/);
  });

  it('reads a malformed stored hash as "no match" instead of failing', async () => {
    for (const bad of ['', 'plain', '$argon2id$garbage', '$2b$10$short']) {
      expect(await hasher.verify(bad as PasswordHash, 'x' as PlainPassword)).toBe(false);
      expect(isSupportedPasswordHash(bad)).toBe(false);
    }
  });

  it('spends a real verification on unknown accounts', async () => {
    const started = performance.now();
    await hasher.verifyAgainstDummy('whatever' as PlainPassword); // first call also creates the dummy hash
    const warm = performance.now();
    expect(await hasher.verifyAgainstDummy('whatever' as PlainPassword)).toBe(false);
    // Not a timing assertion: only that real work happened (an Argon2id verify is far above 1 ms).
    expect(warm - started).toBeGreaterThan(1);
  });
});
