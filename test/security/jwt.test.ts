/**
 * Access-token (JWT) attacks over HTTP, on SQLite and PostgreSQL (SECURITY.md JWT-01..06): forged,
 * confused, key-injected, out-of-time, foreign and revoked tokens all get 401 — never a 500. Each
 * test title names its checklist id. Claim checks are tested with tokens signed by the instance's
 * own key (opened with the test secret), so only the claim can be what is refused.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRandom } from '../../src/core/random.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { signJwt } from '../../src/crypto/jwt.js';
import { keySeal } from '../../src/crypto/key-seal.js';
import {
  openGatehouse,
  PASSWORD,
  signedIn,
  TEST_SECRET,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { b64, jwtParts } from '../support/jwt.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('JWT attacks (%s)', (kind) => {
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

  const check = async (token: string) =>
    (await t.request('GET', '/auth/session', { token })).body?.error?.code;
  const jwksBody = async () => (await t.request('GET', '/.well-known/jwks.json')).body;

  /** The instance's current signing key, unsealed with the test secret (white-box, for claim tests). */
  async function ourKey(): Promise<{ kid: string; privateKey: KeyObject }> {
    const current = (await t.store.signingKeys.list()).find((k) => k.retiredAt === null)!;
    const pem = keySeal(TEST_SECRET, systemRandom).open(current.sealedPrivateKey);
    return { kid: current.kid, privateKey: createPrivateKey(pem) };
  }
  /** A token signed with our own key: header and claims exactly as given. */
  async function signedByUs(claims: Record<string, unknown>, typ = 'at+jwt'): Promise<string> {
    const key = await ourKey();
    return signJwt({ alg: 'ES256', typ, kid: key.kid }, claims, key.privateKey);
  }

  it('JWT-01: alg none (any case) with an empty signature → 401', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const token = `${b64({ ...header, alg })}.${b64(payload)}.`;
      expect(await check(token), alg).toBe('INVALID_TOKEN');
    }
  });

  it('JWT-01: a tampered payload or a flipped signature bit → 401', async () => {
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

  it('JWT-02: HS256 keyed with our public key (PEM, DER, JWK) → 401', async () => {
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

  it('JWT-02: only ES256 is accepted: RS256, PS256, ES384, ES512 and EdDSA under our kid → 401; an ES256 header over an RSA signature → 401', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const keys: Array<[string, KeyObject]> = [
      ['RS256', rsa],
      ['PS256', rsa],
      ['ES384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
      ['ES512', generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey],
      ['EdDSA', generateKeyPairSync('ed25519').privateKey],
    ];
    for (const [alg, key] of keys) {
      const token = await new jose.SignJWT(payload).setProtectedHeader({ alg, typ: 'at+jwt', kid }).sign(key);
      expect(await check(token), alg).toBe('INVALID_TOKEN');
    }
    const input = `${b64(header)}.${b64(payload)}`;
    const rsaSignature = sign('sha256', Buffer.from(input), rsa).toString('base64url');
    expect(await check(`${input}.${rsaSignature}`)).toBe('INVALID_TOKEN');
  });

  it('JWT-03: an unknown kid, an injected kid, or an embedded attacker key → 401', async () => {
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

  it('JWT-03: jku and x5u naming a live server → 401, and the server never hears from us', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: 'attacker', alg: 'ES256' };
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    try {
      for (const h of [
        { jku: url, kid: 'attacker' },
        { jku: url, kid },
        { x5u: url, kid: 'attacker' },
      ]) {
        const token = await new jose.SignJWT(payload)
          .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...h })
          .sign(attacker.privateKey);
        const reply = await t.request('GET', '/auth/session', { token });
        expect(reply.status, JSON.stringify(h)).toBe(401);
        expect(reply.body.error.code).toBe('INVALID_TOKEN');
      }
      // A request of our own, sent after every token was refused: by the time the server has
      // answered it, a fetch Gatehouse had started while verifying would have arrived first.
      expect((await fetch(`${url}?after`)).status).toBe(200);
      expect(hits).toEqual(['/jwks.json?after']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('JWT-04: our own signature does not save a token with no exp, a past exp, a future nbf or iat, or a non-numeric exp', async () => {
    const s = await t.signUp();
    const claims = jwtParts(s.accessToken).payload;
    const now = Math.floor(t.clock.now() / 1000);
    // Control: re-signed as is, it works — so each refusal below is the claim's doing.
    expect((await t.request('GET', '/auth/session', { token: await signedByUs(claims) })).status).toBe(200);
    const { exp: _exp, ...noExp } = claims;
    expect(await check(await signedByUs(noExp))).toBe('INVALID_TOKEN');
    expect(await check(await signedByUs({ ...claims, exp: String(claims.exp) }))).toBe('INVALID_TOKEN');
    expect(await check(await signedByUs({ ...claims, iat: now - 1000, exp: now - 6 }))).toBe('TOKEN_EXPIRED');
    expect(await check(await signedByUs({ ...claims, nbf: now + 60 }))).toBe('INVALID_TOKEN');
    expect(await check(await signedByUs({ ...claims, iat: now + 60, exp: now + 960 }))).toBe('INVALID_TOKEN');
  });

  it('JWT-04 / JWT-05: expired → 401 TOKEN_EXPIRED; another audience or issuer (same keys) → 401 INVALID_TOKEN', async () => {
    const fresh = await t.signUp();
    // A second instance over the same database and secret signs with the same keys, for another audience.
    const other = createGatehouse({
      store: t.store,
      clock: t.clock,
      secret: TEST_SECRET,
      logLevel: 'silent',
      audience: 'billing-service',
    });
    const foreign = signedIn(await other.signIn({ email: fresh.user.email, password: PASSWORD }));
    expect(await check(foreign.accessToken)).toBe('INVALID_TOKEN');
    const otherIssuer = createGatehouse({
      store: t.store,
      clock: t.clock,
      secret: TEST_SECRET,
      logLevel: 'silent',
      issuer: 'https://evil.example',
    });
    const wrongIss = signedIn(await otherIssuer.signIn({ email: fresh.user.email, password: PASSWORD }));
    expect(await check(wrongIss.accessToken)).toBe('INVALID_TOKEN');
    t.clock.advance(15 * 60 * 1000 + 6000);
    expect(await check(fresh.accessToken)).toBe('TOKEN_EXPIRED');
  });

  it('JWT-04: an expired access token is TOKEN_EXPIRED even though the session lives on', async () => {
    const s = await t.signUp();
    t.clock.advance(16 * 60 * 1000);
    const reply = await t.request('GET', '/auth/session', { token: s.accessToken });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('TOKEN_EXPIRED');
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
    ).toBe(200);
  });

  it('JWT-05: a token whose typ is not at+jwt → 401', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await new jose.SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
      .sign(attacker.privateKey);
    expect(await check(token)).toBe('INVALID_TOKEN');
  });

  it('JWT-05: signed by us but with another typ, audience, issuer or user, or a refresh token as bearer → 401', async () => {
    const s = await t.signUp();
    const stranger = await t.signUp();
    const claims = jwtParts(s.accessToken).payload;
    for (const typ of ['JWT', 'id+jwt', 'refresh+jwt', '']) {
      expect(await check(await signedByUs(claims, typ)), typ).toBe('INVALID_TOKEN');
    }
    expect(await check(await signedByUs({ ...claims, aud: 'another-app' }))).toBe('INVALID_TOKEN');
    expect(await check(await signedByUs({ ...claims, aud: ['gatehouse', 'another-app'] }))).toBe(
      'INVALID_TOKEN',
    );
    expect(await check(await signedByUs({ ...claims, iss: 'https://evil.example' }))).toBe('INVALID_TOKEN');
    // Another user's id with this session: the session is not theirs.
    expect(await check(await signedByUs({ ...claims, sub: stranger.user.id }))).toBe('SESSION_NOT_FOUND');
    expect(await check(s.refreshToken)).toBe('INVALID_TOKEN');
  });

  it('JWT-06: sign-out, a password change and suspension refuse the access token at once here; an offline JWKS check accepts it until exp (the documented bound)', async () => {
    const email = uniqueEmail('revoked');
    const signIn = async () =>
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
    const a = await t.signUp(email);
    const b = await signIn();
    const c = await signIn();
    expect((await t.request('POST', '/auth/sign-out', { token: a.accessToken })).status).toBe(200);
    expect(await check(a.accessToken)).toBe('SESSION_NOT_FOUND');
    const changed = await t.request('POST', '/auth/change-password', {
      token: b.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a fresh passphrase for jwt 6' },
    });
    expect(changed.status).toBe(200);
    expect(await check(b.accessToken)).toBe('SESSION_NOT_FOUND');
    expect(await check(c.accessToken)).toBe('SESSION_NOT_FOUND');
    await t.gatehouse.suspendUser(a.user.id);
    expect(await check(changed.body.accessToken)).toBe('SESSION_NOT_FOUND');

    // A service that verifies offline with the JWKS alone cannot see the revocation before exp.
    const jwks = jose.createLocalJWKSet(await jwksBody());
    const offline = (token: string) =>
      jose.jwtVerify(token, jwks, {
        issuer: 'gatehouse',
        audience: 'gatehouse',
        typ: 'at+jwt',
        currentDate: new Date(t.clock.now()),
      });
    await expect(offline(a.accessToken)).resolves.toBeDefined();
    t.clock.advance(15 * 60 * 1000 + 1000);
    await expect(offline(a.accessToken)).rejects.toThrow();
  });
});

describe.each(storeKinds)('retired signing keys (%s)', (kind) => {
  const TTL_SECONDS = 15 * 60;
  // The keyring's allowance after retirement: a token's lifetime plus a minute of skew.
  const GRACE_MS = TTL_SECONDS * 1000 + 60_000;
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { accessTokenTtl: TTL_SECONDS });
  });
  afterAll(() => t.close());

  const check = async (token: string) => {
    const reply = await t.request('GET', '/auth/session', { token });
    return reply.status === 200 ? 'OK' : reply.body.error.code;
  };
  const publishedKids = async () =>
    ((await t.request('GET', '/.well-known/jwks.json')).body.keys as Array<{ kid: string }>).map(
      (k) => k.kid,
    );

  /** The key that signs now, unsealed with the test secret: what a leaked private key gives. */
  async function signingKey(): Promise<{ kid: string; privateKey: KeyObject }> {
    const current = (await t.store.signingKeys.list()).find((k) => k.retiredAt === null)!;
    const pem = keySeal(TEST_SECRET, systemRandom).open(current.sealedPrivateKey);
    return { kid: current.kid, privateKey: createPrivateKey(pem) };
  }
  /** A token for `session`'s user and session, issued now with a full lifetime, signed by `key`. */
  function freshToken(key: { kid: string; privateKey: KeyObject }, session: { accessToken: string }): string {
    const now = Math.floor(t.clock.now() / 1000);
    const claims = { ...jwtParts(session.accessToken).payload, iat: now, exp: now + TTL_SECONDS };
    return signJwt({ alg: 'ES256', typ: 'at+jwt', kid: key.kid }, claims, key.privateKey);
  }

  it('JWT-03 / JWT-06: a retired key verifies until its tokens can have expired, then a token it signs is refused though its own exp is in the future', async () => {
    const s = await t.signUp();
    const retired = await signingKey();
    const rotated = await t.gatehouse.rotateSigningKey();
    expect(rotated.kid).not.toBe(retired.kid);
    const current = await signingKey();
    expect(current.kid).toBe(rotated.kid);

    // Just inside the allowance (a process that has not reloaded yet may still sign with it).
    t.clock.advance(GRACE_MS - 5_000);
    expect(await publishedKids()).toContain(retired.kid);
    expect(await check(freshToken(retired, s))).toBe('OK');

    // Past it: nothing the retired key signed can be valid any more, so it verifies nothing.
    t.clock.advance(10_000);
    const late = freshToken(retired, s);
    expect(jwtParts(late).payload.exp as number).toBeGreaterThan(t.clock.now() / 1000 + 60);
    expect(await check(late)).toBe('INVALID_TOKEN');
    expect(await publishedKids()).not.toContain(retired.kid);
    // Control: the same claims under the current key are fine — only the key is refused.
    expect(await check(freshToken(current, s))).toBe('OK');
  });

  // Regression (issue 8): verified claims were cached and a cache hit checked `exp` only, so a
  // token a retired key signed with a far `exp` (a leaked key), presented once inside the
  // allowance, kept working long after it. Now a token claiming a longer life than we sign is
  // refused outright, and a cache hit re-checks that its key is still accepted.
  it('JWT-03 / JWT-06: a token claiming a longer life than we sign is refused, under a retired or the current key', async () => {
    const s = await t.signUp();
    const retired = await signingKey();
    await t.gatehouse.rotateSigningKey();
    const current = await signingKey();
    const now = Math.floor(t.clock.now() / 1000);
    const claims = { ...jwtParts(s.accessToken).payload, iat: now, exp: now + 365 * 24 * 3600 };
    for (const key of [retired, current]) {
      const leaked = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: key.kid }, claims, key.privateKey);
      expect(await check(leaked)).toBe('INVALID_TOKEN');
    }
    t.clock.advance(GRACE_MS + 10_000);
    const leaked = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: retired.kid }, claims, retired.privateKey);
    expect(await check(leaked)).toBe('INVALID_TOKEN');
  });
});
