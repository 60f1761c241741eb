/**
 * `verifyWebhookSignature` with an empty secret (issue 8): an HMAC under an empty key is one anyone
 * can compute, so a receiver whose secret is missing (an unset variable read as `''`) would accept
 * forged webhooks. An empty or whitespace-only secret is a misconfiguration: the call throws a
 * TypeError instead of verifying anything. The rest of the receiver's checks are in
 * test/services/webhooks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/index.js';
import { signWebhook } from '../../src/services/webhooks/signature.js';

const body = JSON.stringify({ type: 'user.created', data: { id: 'usr_forged' } });
const now = Date.UTC(2030, 0, 1);
const t = Math.floor(now / 1000);

describe('SEC-01: verifyWebhookSignature with an empty secret', () => {
  for (const secret of ['', ' ', '\t\n ']) {
    it(`throws a TypeError for ${JSON.stringify(secret)}, even on a header signed with that same secret`, () => {
      const forged = signWebhook(body, secret, t);
      expect(() => verifyWebhookSignature(body, forged, secret, { now })).toThrow(TypeError);
      expect(() => verifyWebhookSignature(body, forged, secret, { now })).toThrow(/secret/);
    });
  }

  it('refuses a secret that is not a string (an unset variable passed through)', () => {
    const secret = undefined as unknown as string;
    expect(() => verifyWebhookSignature(body, signWebhook(body, 'x'.repeat(32), t), secret, { now })).toThrow(
      TypeError,
    );
  });

  it('still verifies with a real secret', () => {
    const secret = 'whsec-0123456789abcdef0123456789';
    expect(verifyWebhookSignature(body, signWebhook(body, secret, t), secret, { now })).toEqual({
      ok: true,
      timestamp: t,
    });
  });
});
