/** Flametrench TOTP vectors (fixtures/identity/mfa/totp-rfc6238.json): RFC 6238 Appendix B, SHA-1/256/512. */
import { describe, expect, it } from 'vitest';
import { type OtpAlgorithm, totpAt } from '../../src/crypto/totp.js';
import { loadFixture } from './fixtures.js';

const fixture = loadFixture<
  { secret_ascii: string; timestamp: number; digits: number; algorithm: OtpAlgorithm },
  { result: string }
>('identity/mfa/totp-rfc6238.json');

describe('identity/mfa/totp-rfc6238.json (totp_compute)', () => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('totp_compute');
    expect(fixture.tests.length).toBe(18);
  });
  for (const t of fixture.tests) {
    it(t.id, () => {
      // The fixture's secrets are raw ASCII bytes, never base32.
      const secret = new TextEncoder().encode(t.input.secret_ascii);
      const code = totpAt(secret, t.input.timestamp, {
        digits: t.input.digits,
        algorithm: t.input.algorithm,
      });
      expect(code).toBe(t.expected.result);
    });
  }
});
