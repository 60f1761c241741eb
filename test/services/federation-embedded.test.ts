/**
 * Social login and linked identities called from code (embedded), with no HTTP route of ours in
 * between: `startOAuth` → the real local OpenID provider → `handleOAuthCallback` →
 * `exchangeOAuthCode`, then `listIdentities` and `unlinkIdentity`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMfaChallenge } from '../../src/services/mfa/pending-sign-in.js';
import { ORIGIN, openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  callbackFor,
  providerSettings,
  startTestIdp,
  TestBrowser,
  type TestIdp,
} from '../support/oidc-provider.js';
import { storeKinds } from '../support/stores.js';

const APP = `${ORIGIN}/app`;

describe.each(storeKinds)('social login from code (%s)', (kind) => {
  let idp: TestIdp;
  let t: TestGatehouse;
  beforeAll(async () => {
    idp = await startTestIdp({ redirectUris: [callbackFor(ORIGIN, 'idp')] });
    t = await openGatehouse(kind, {
      baseUrl: ORIGIN,
      oauth: { providers: { idp: providerSettings(idp) }, redirectUrls: [APP] },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in through the provider in code mode, lists the identity, and unlinks it', async () => {
    const email = uniqueEmail('embedded-idp');
    const accountId = `embedded-${randomBytes(6).toString('hex')}`;
    idp.addAccount({ id: accountId, email, emailVerified: true, name: 'Ada' });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    const started = await t.gatehouse.startOAuth({
      provider: 'idp',
      returnTo: APP,
      mode: 'code',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
    });
    expect(new URL(started.url).origin).toBe(new URL(idp.issuer).origin);

    // The browser's part, at the provider only.
    const browser = new TestBrowser(() => {
      throw new Error('the provider must not send the browser to us before the callback');
    }, ORIGIN);
    const page = await browser.followUntil(started.url, (u) => u.pathname.startsWith('/interaction/'));
    const login = await browser.send(`${page}/login`, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ account: accountId }).toString(),
    });
    let next = login.location;
    while (next !== null && new URL(next).origin === new URL(idp.issuer).origin) {
      next = (await browser.send(next)).location;
    }
    expect(next).not.toBeNull();
    const callback = new URL(next!);
    expect(callback.href.startsWith(callbackFor(ORIGIN, 'idp'))).toBe(true);

    const outcome = await t.gatehouse.handleOAuthCallback({
      provider: 'idp',
      params: callback.searchParams,
      bindings: [started.binding],
    });
    expect(outcome).toMatchObject({ kind: 'code', returnTo: APP });
    if (outcome.kind !== 'code') return;
    const result = await t.gatehouse.exchangeOAuthCode({ code: outcome.code, codeVerifier: verifier });
    if (isMfaChallenge(result)) throw new Error('no second factor was set up');
    expect(result.user).toMatchObject({ email, emailVerified: true, name: 'Ada' });
    expect(result.session.amr).toEqual(['fed']);
    // The code works once.
    await expect(
      t.gatehouse.exchangeOAuthCode({ code: outcome.code, codeVerifier: verifier }),
    ).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID' });

    const identities = await t.gatehouse.listIdentities(result.accessToken);
    expect(identities).toEqual([
      expect.objectContaining({ provider: 'idp', email, lastUsedAt: expect.any(String) }),
    ]);
    // A verified address with passwordless sign-in on is another way in, so unlinking is allowed.
    await t.gatehouse.unlinkIdentity(result.accessToken, identities[0]!.id);
    expect(await t.gatehouse.listIdentities(result.accessToken)).toEqual([]);
    await expect(t.gatehouse.unlinkIdentity(result.accessToken, identities[0]!.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
