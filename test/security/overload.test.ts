/**
 * Overload control: password hashing has a bounded queue. When more sign-ins arrive than the
 * cores can hash, the excess is refused at once with 503 UNAVAILABLE and Retry-After, session
 * checks keep answering, and a refused attempt does not count toward the account's lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

describe('overload control', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', {
      rateLimits: 'on',
      hashQueueLimit: 0,
      lockout: { threshold: 30, baseSeconds: 60, maxSeconds: 60 },
      limits: {
        ip: { max: 100_000, window: 60 },
        credentialIp: { max: 100_000, window: 60 },
        mailPerAccount: { max: 100, window: 3600 },
      },
    });
  });
  afterAll(() => t.close());

  it('PWD-05: refuses the hashes beyond the queue at once with 503 + Retry-After; sessions keep answering', async () => {
    const email = uniqueEmail('flood');
    const { accessToken } = await t.signUp(email);
    const flood = Array.from({ length: 24 }, () =>
      t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } }),
    );
    const session = await t.request('GET', '/auth/session', { token: accessToken });
    const replies = await Promise.all(flood);
    expect(session.status).toBe(200);
    const busy = replies.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    for (const r of busy) {
      expect(r.body.error.code).toBe('UNAVAILABLE');
      expect(r.headers.get('retry-after')).toBe('1');
    }
  });

  it('RATE-01: a refused (never evaluated) attempt does not count toward the lockout', async () => {
    const email = uniqueEmail('uncounted');
    await t.signUp(email);
    const wrong = { email, password: 'not the password at all' };
    const signIn = () => t.request('POST', '/auth/sign-in/email', { body: wrong });
    const replies = await Promise.all(Array.from({ length: 12 }, signIn));
    const evaluated = replies.filter((r) => r.status === 401).length;
    expect(replies.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    // Only the evaluated guesses were counted: exactly 30 − evaluated more are let through.
    for (let i = evaluated; i < 30; i++) expect((await signIn()).status).toBe(401);
    expect((await signIn()).status).toBe(429);
  });
});
