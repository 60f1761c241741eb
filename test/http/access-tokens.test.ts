/**
 * Access tokens: other services verify them with any JOSE library and our JWKS alone, and the
 * classic JWT attacks all fail with 401 — never a 500 — on SQLite and PostgreSQL.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(storeKinds)('access tokens (%s)', (kind) => {
  let t: TestGatehouse;
  let session: { accessToken: string; user: { id: string }; session: { id: string } };
  let kid: string;
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;

  beforeAll(async () => {
    t = await openGatehouse(kind);
    session = await t.signUp();
    [header, payload] = session.accessToken
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString())) as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    kid = header.kid as string;
  });
  afterAll(() => t.close());

  const check = async (token: string) =>
    (await t.request('GET', '/auth/session', { token })).body?.error?.code;
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

  it('alg none (any case) with an empty signature → 401', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const token = `${b64({ ...header, alg })}.${b64(payload)}.`;
      expect(await check(token), alg).toBe('INVALID_TOKEN');
    }
  });

  it('a tampered payload or a flipped signature bit → 401', async () => {
    const [h, , s] = session.accessToken.split('.') as [string, string, string];
    expect(await check(`${h}.${b64({ ...payload, sub: 'usr_0190f2a81b3c7abc8123456789abcdef' })}.${s}`)).toBe(
      'INVALID_TOKEN',
    );
    expect(await check(`${h}.${b64({ ...payload, role: 'admin' })}.${s}`)).toBe('INVALID_TOKEN');
    const sig = Buffer.from(s, 'base64url');
    sig[10]! ^= 1;
    expect(await check(`${h}.${session.accessToken.split('.')[1]}.${sig.toString('base64url')}`)).toBe(
      'INVALID_TOKEN',
    );
  });

  it('HS256 keyed with our public key (PEM, DER, JWK) → 401', async () => {
    const jwk = (await jwksBody()).keys[0];
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const secrets = [
      Buffer.from(publicKey.export({ format: 'pem', type: 'spki' }) as string),
      publicKey.export({ format: 'der', type: 'spki' }) as Buffer,
      Buffer.from(JSON.stringify(jwk)),
    ];
    for (const secret of secrets) {
      const token = await new jose.SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .sign(secret);
      expect(await check(token)).toBe('INVALID_TOKEN');
    }
  });

  it('an unknown kid, an injected kid, or an embedded attacker key → 401', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sign = (h: jose.JWTHeaderParameters) =>
      new jose.SignJWT(payload).setProtectedHeader(h).sign(attacker.privateKey);
    expect(await check(await sign({ alg: 'ES256', typ: 'at+jwt', kid: 'attacker' }))).toBe('INVALID_TOKEN');
    for (const evil of ['../../dev/null', "' OR 1=1--", '', 'x'.repeat(5000)]) {
      expect(await check(await sign({ alg: 'ES256', typ: 'at+jwt', kid: evil }))).toBe('INVALID_TOKEN');
    }
    const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
    expect(await check(await sign({ alg: 'ES256', typ: 'at+jwt', kid, jwk: attackerJwk as jose.JWK }))).toBe(
      'INVALID_TOKEN',
    );
    expect(
      await check(await sign({ alg: 'ES256', typ: 'at+jwt', kid, jku: 'https://evil.example/jwks' })),
    ).toBe('INVALID_TOKEN');
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

  it('a token whose typ is not at+jwt → 401', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await new jose.SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
      .sign(attacker.privateKey);
    expect(await check(token)).toBe('INVALID_TOKEN');
  });

  it('expired → 401 TOKEN_EXPIRED; another audience or issuer (same keys) → 401 INVALID_TOKEN', async () => {
    const fresh = await t.signUp();
    // A second instance over the same database and secret signs with the same keys, for another audience.
    const other = createGatehouse({
      store: t.store,
      clock: t.clock,
      secret: 'test-secret-test-secret-test-secret-0123',
      logLevel: 'silent',
      audience: 'billing-service',
    });
    const foreign = await other.signIn({ email: fresh.user.email, password: 'correct horse battery staple' });
    expect(await check(foreign.accessToken)).toBe('INVALID_TOKEN');
    const otherIssuer = createGatehouse({
      store: t.store,
      clock: t.clock,
      secret: 'test-secret-test-secret-test-secret-0123',
      logLevel: 'silent',
      issuer: 'https://evil.example',
    });
    const wrongIss = await otherIssuer.signIn({
      email: fresh.user.email,
      password: 'correct horse battery staple',
    });
    expect(await check(wrongIss.accessToken)).toBe('INVALID_TOKEN');
    t.clock.advance(15 * 60 * 1000 + 6000);
    expect(await check(fresh.accessToken)).toBe('TOKEN_EXPIRED');
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
