/**
 * JWT audience per app, on SQLite and PostgreSQL (SECURITY.md JWT-05, AZ-04): an access token's
 * `aud` is its app's audience (the `audience` setting for the default app), so a service that
 * verifies tokens offline with the JWKS and its own audience — here with jose, as such a service
 * would — refuses another app's token; and Gatehouse itself refuses it at the other app.
 */
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/core/apps.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const AUDIENCE = 'https://api.default.example';
const ISSUER = 'https://auth.example';

describe.each(storeKinds)('access tokens per app (%s)', (kind) => {
  let t: TestGatehouse;
  let appB: App;
  let keys: ReturnType<typeof jose.createLocalJWKSet>;
  /** One person's access tokens: at the default app and at app B. */
  const tokens = { default: '', appB: '' };

  beforeAll(async () => {
    t = await openGatehouse(kind, { audience: AUDIENCE, issuer: ISSUER });
    appB = await seedApp(t.store, { audience: 'https://api.b.example' });
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    keys = jose.createLocalJWKSet(jwks.body);
    const email = uniqueEmail('aud');
    tokens.default = (await t.signUp(email)).accessToken;
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'gatehouse-app': appB.id },
    });
    expect(signIn.status).toBe(200);
    tokens.appB = signIn.body.accessToken;
  });
  afterAll(() => t.close());

  it("JWT-05: a token's aud is its app's audience, and differs per app", () => {
    const claims = (token: string) => jose.decodeJwt(token);
    expect(claims(tokens.default)).toMatchObject({
      aud: AUDIENCE,
      app: 'app_00000000000070008000000000000000',
    });
    expect(claims(tokens.appB)).toMatchObject({ aud: 'https://api.b.example', app: appB.id });
    expect(claims(tokens.default).sub).toBe(claims(tokens.appB).sub);
  });

  it("AZ-04: verifying with jose against the JWKS and app B's audience accepts B's token and refuses the default app's", async () => {
    const asB = { audience: 'https://api.b.example', issuer: ISSUER, algorithms: ['ES256'], typ: 'at+jwt' };
    await expect(jose.jwtVerify(tokens.appB, keys, asB)).resolves.toMatchObject({
      payload: { app: appB.id },
    });
    await expect(jose.jwtVerify(tokens.default, keys, asB)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
    // And the other way round.
    const asDefault = { ...asB, audience: AUDIENCE };
    await expect(jose.jwtVerify(tokens.default, keys, asDefault)).resolves.toBeDefined();
    await expect(jose.jwtVerify(tokens.appB, keys, asDefault)).rejects.toMatchObject({ claim: 'aud' });
  });

  it('AZ-04: Gatehouse refuses each token at the other app with 401 INVALID_TOKEN, and accepts it at its own', async () => {
    const at = (token: string, app?: string) =>
      t.request('GET', '/auth/session', { token, ...(app ? { headers: { 'gatehouse-app': app } } : {}) });
    expect((await at(tokens.default)).status).toBe(200);
    expect((await at(tokens.appB, appB.id)).status).toBe(200);
    for (const reply of [await at(tokens.default, appB.id), await at(tokens.appB)]) {
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_TOKEN');
    }
  });
});
