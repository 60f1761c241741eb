/**
 * Access tokens on SQLite and PostgreSQL: other services verify them with any JOSE library and
 * our JWKS alone, garbage is a 401 and never a 500, and signing keys rotate without breaking
 * tokens in flight. The classic JWT attacks are in test/security/jwt.test.ts.
 */
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { b64, jwtParts } from '../support/jwt.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('access tokens (%s)', (kind) => {
  let t: TestGatehouse;
  let session: { accessToken: string; user: { id: string }; session: { id: string } };
  let kid: string;
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;

  beforeAll(async () => {
    t = await openGatehouse(kind);
    session = await t.signUp();
    ({ header, payload } = jwtParts(session.accessToken));
    kid = header.kid as string;
  });
  afterAll(() => t.close());

  const jwksBody = async () => (await t.request('GET', '/.well-known/jwks.json')).body;

  it('carries kid, typ at+jwt, iss, aud, sub, sid, iat and exp', () => {
    expect(header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: 'gatehouse',
      aud: 'gatehouse',
      sub: session.user.id,
      sid: session.session.id,
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(900);
  });

  it('verifies with jose and nothing but the published JWKS', async () => {
    const jwks = await jwksBody();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    const { payload: verified, protectedHeader } = await jose.jwtVerify(
      session.accessToken,
      jose.createLocalJWKSet(jwks),
      {
        issuer: 'gatehouse',
        audience: 'gatehouse',
        typ: 'at+jwt',
        currentDate: new Date(t.clock.now()),
      },
    );
    expect(verified.sub).toBe(session.user.id);
    expect(protectedHeader.kid).toBe(kid);
    const reply = await t.request('GET', '/.well-known/jwks.json');
    expect(reply.headers.get('cache-control')).toContain('max-age');
  });

  it('garbage tokens → 401, never 500', async () => {
    for (const token of [
      'x',
      'a.b',
      'a.b.c',
      '...',
      `${'e'.repeat(3)}.${'e'.repeat(3)}.${'e'.repeat(3)}`,
      'eyJ.eyJ.sig',
      `${b64('str')}.${b64(payload)}.AA`,
    ]) {
      const reply = await t.request('GET', '/auth/session', { token });
      expect(reply.status, token).toBe(401);
    }
  });

  it('key rotation: new tokens use the new key, old tokens keep working until they expire, then the old key leaves the JWKS', async () => {
    const before = await t.signUp();
    const { kid: newKid } = await t.gatehouse.rotateSigningKey();
    const after = await t.signUp();
    const afterKid = JSON.parse(Buffer.from(after.accessToken.split('.')[0], 'base64url').toString()).kid;
    expect(afterKid).toBe(newKid);
    expect((await jwksBody()).keys.map((k: { kid: string }) => k.kid)).toEqual(
      expect.arrayContaining([newKid, kid]),
    );
    expect((await t.request('GET', '/auth/session', { token: before.accessToken })).status).toBe(200);
    const jwks = jose.createLocalJWKSet(await jwksBody());
    await jose.jwtVerify(before.accessToken, jwks, { currentDate: new Date(t.clock.now()) });
    await jose.jwtVerify(after.accessToken, jwks, { currentDate: new Date(t.clock.now()) });
    t.clock.advance(17 * 60 * 1000);
    expect((await jwksBody()).keys.map((k: { kid: string }) => k.kid)).toEqual([newKid]);
  });

  it('a second process sees a key rotated by another one without waiting for its reload', async () => {
    const other = createGatehouse({
      store: t.store,
      clock: t.clock,
      secret: 'test-secret-test-secret-test-secret-0123',
      logLevel: 'silent',
    });
    await other.ready();
    await t.gatehouse.rotateSigningKey();
    const s = await t.signUp();
    t.clock.advance(6000); // past the unknown-kid reload throttle
    expect((await other.getSession(s.accessToken)).user.id).toBe(s.user.id);
  });
});
