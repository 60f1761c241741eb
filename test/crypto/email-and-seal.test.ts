/** The canonical email rule and the sealing of signing keys at rest. */
import { describe, expect, it } from 'vitest';
import { canonicalEmail } from '../../src/core/email.js';
import { systemRandom } from '../../src/core/random.js';
import { keySeal } from '../../src/crypto/key-seal.js';

describe('canonicalEmail', () => {
  it('trims, NFC-normalises and lower-cases', () => {
    expect(canonicalEmail('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(canonicalEmail('jose\u0301@example.com')).toBe('jos\u00e9@example.com');
  });
  it('keeps look-alikes distinct and refuses what is not one address', () => {
    expect(canonicalEmail('v\u0131ctim@x.com')).toBe('v\u0131ctim@x.com');
    expect(canonicalEmail('victim\uff20x.com')).toBeNull();
    for (const bad of [
      'a@x.com,b@y.com',
      'a@x.com\nBcc:b@y.com',
      '<a@x.com>',
      'a@x',
      '',
      'a b@x.com',
      '"a"@x.com',
    ]) {
      expect(canonicalEmail(bad), bad).toBeNull();
    }
  });
});

describe('keySeal', () => {
  const secret = 's'.repeat(40);
  it('round-trips, and a different secret cannot open (without echoing anything secret)', () => {
    const sealed = keySeal(secret, systemRandom).seal('-----BEGIN PRIVATE KEY-----abc');
    expect(sealed).not.toContain('PRIVATE');
    expect(keySeal(secret, systemRandom).open(sealed)).toBe('-----BEGIN PRIVATE KEY-----abc');
    let message = '';
    try {
      keySeal('t'.repeat(40), systemRandom).open(sealed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/GATEHOUSE_SECRET/);
    expect(message).not.toContain(secret);
  });
});
