/**
 * ECDSA signature malleability over HTTP, on SQLite and PostgreSQL (SECURITY.md JWT-01; issue 8
 * "accept only low-S"). For a valid signature (r, s), (r, n − s) is valid too, so without the
 * low-S rule every access token has a second spelling — a different string, so a denylist or a
 * cache keyed by the token would not recognise it. Every token we issue is low-S, and the high-S
 * twin of a real token is refused, before and after the original has been seen (and cached).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flipS, P256_ORDER, sOf } from '../crypto/p256-signature.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('JWT-01 signature malleability (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const sessionWith = (token: string) => t.request('GET', '/auth/session', { token });

  it('JWT-01: the high-S twin of a real access token → 401 INVALID_TOKEN; the original → 200', async () => {
    const { accessToken } = await t.signUp();
    const twin = flipS(accessToken);
    expect(twin).not.toBe(accessToken);
    // The twin first: nothing about the original is cached yet.
    const first = await sessionWith(twin);
    expect(first.status).toBe(401);
    expect(first.body.error.code).toBe('INVALID_TOKEN');
    expect((await sessionWith(accessToken)).status).toBe(200);
    // Then again with the original verified and cached: the twin is another string, still refused.
    const again = await sessionWith(twin);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_TOKEN');
    expect((await sessionWith(accessToken)).status).toBe(200);
  });

  it('JWT-01: every access token issued (sign-up and 60 refreshes) is low-S', async () => {
    const up = await t.signUp();
    const tokens: string[] = [up.accessToken];
    let refreshToken: string = up.refreshToken;
    for (let i = 0; i < 60; i++) {
      const reply = await t.request('POST', '/auth/refresh', { body: { refreshToken } });
      expect(reply.status).toBe(200);
      tokens.push(reply.body.accessToken);
      refreshToken = reply.body.refreshToken;
    }
    const high = tokens.filter((token) => sOf(token) > P256_ORDER / 2n);
    expect(high).toEqual([]);
  });
});
