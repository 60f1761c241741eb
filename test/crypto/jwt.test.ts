/**
 * The JWT verifier accepts exactly one header shape, checked before any signature work, and
 * exactly one signature per token: ECDSA's `(r, n − s)` is as valid as `(r, s)`, so only the
 * low-S half is signed and accepted.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../src/crypto/jwt.js';
import { flipS, P256_ORDER, sOf } from './p256-signature.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keys = (kid: string) => (kid === 'k1' ? publicKey : undefined);
const payload = { sub: 'usr_x' };

describe('verifyJwt', () => {
  it('accepts our own ES256 token', () => {
    const token = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, payload, privateKey);
    expect(verifyJwt(token, 'at+jwt', keys)).toMatchObject({ ok: true, payload });
  });

  it('refuses a validly signed token with the wrong typ, or with key-naming headers', () => {
    const sign = (header: object) => signJwt(header as never, payload, privateKey);
    expect(verifyJwt(sign({ alg: 'ES256', typ: 'JWT', kid: 'k1' }), 'at+jwt', keys)).toEqual({
      ok: false,
      reason: 'header',
    });
    expect(verifyJwt(sign({ alg: 'ES256', kid: 'k1' }), 'at+jwt', keys)).toEqual({
      ok: false,
      reason: 'header',
    });
    for (const extra of ['jwk', 'jku', 'x5u', 'x5c', 'crit']) {
      expect(
        verifyJwt(sign({ alg: 'ES256', typ: 'at+jwt', kid: 'k1', [extra]: 'x' }), 'at+jwt', keys),
      ).toEqual({ ok: false, reason: 'header' });
    }
  });

  it('JWT-01: accepts only the canonical signature spelling (base64url leaves 4 spare bits at the end)', () => {
    const token = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, payload, privateKey);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1)!;
    const sameBytes = [...alphabet].filter(
      (c) =>
        c !== last &&
        Buffer.from(token.slice(0, -1).split('.')[2] + c, 'base64url').equals(
          Buffer.from(token.split('.')[2]!, 'base64url'),
        ),
    );
    expect(sameBytes.length).toBeGreaterThan(0);
    for (const c of sameBytes) {
      expect(verifyJwt(token.slice(0, -1) + c, 'at+jwt', keys), c).toEqual({
        ok: false,
        reason: 'signature',
      });
    }
  });

  it('reports an unknown kid, a bad signature, and malformed input', () => {
    const token = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k2' }, payload, privateKey);
    expect(verifyJwt(token, 'at+jwt', keys)).toEqual({ ok: false, reason: 'unknown_key' });
    const good = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, payload, privateKey);
    expect(verifyJwt(`${good.slice(0, -2)}AA`, 'at+jwt', keys).ok).toBe(false);
    expect(verifyJwt(`${good}.x`, 'at+jwt', keys)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyJwt('a.b.c', 'at+jwt', keys)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyJwt(good.replace(/\.[^.]+$/, '.AAAA'), 'at+jwt', keys)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('JWT-01: signs only low-S signatures (s ≤ n/2), however many tokens', () => {
    for (let i = 0; i < 500; i++) {
      const token = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, { sub: 'usr_x', i }, privateKey);
      expect(sOf(token) <= P256_ORDER / 2n, `token ${i}`).toBe(true);
      expect(verifyJwt(token, 'at+jwt', keys).ok).toBe(true);
    }
  });

  it('JWT-01: refuses the high-S twin (r, n − s) of a valid signature, though the curve math accepts it', () => {
    for (let i = 0; i < 20; i++) {
      const token = signJwt({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' }, { sub: 'usr_x', i }, privateKey);
      const twin = flipS(token);
      expect(twin).not.toBe(token);
      // The twin is a mathematically valid signature of the same input: only the low-S rule refuses it.
      const [h, p, sig] = twin.split('.') as [string, string, string];
      expect(
        verify(
          'sha256',
          Buffer.from(`${h}.${p}`),
          { key: publicKey, dsaEncoding: 'ieee-p1363' },
          Buffer.from(sig, 'base64url'),
        ),
      ).toBe(true);
      expect(verifyJwt(twin, 'at+jwt', keys)).toEqual({ ok: false, reason: 'signature' });
      expect(verifyJwt(token, 'at+jwt', keys).ok).toBe(true);
    }
  });
});
