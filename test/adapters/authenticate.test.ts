/** The guard core every adapter shares: the same cookie, CSRF and error rules as the API itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/adapters/authenticate.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';

const PASSWORD = 'correct horse battery staple';
const request = (method: string, headers: Record<string, string>) => ({
  method,
  header: (name: string) => headers[name],
});

describe('authenticate (guards)', () => {
  let gatehouse: Gatehouse;
  let token: string;
  beforeAll(async () => {
    gatehouse = createGatehouse({
      databaseUrl: 'sqlite::memory:',
      logLevel: 'silent',
      baseUrl: 'https://auth.example.com',
      trustedOrigins: ['https://app.example.com'],
    });
    token = (await gatehouse.signUp({ email: 'guard@example.com', password: PASSWORD })).accessToken;
  });
  afterAll(() => gatehouse.close());

  it('accepts the prefixed cookie, and refuses an unprefixed one when the origin is https', async () => {
    expect((await authenticate(gatehouse, request('GET', { cookie: `__Host-gh_access=${token}` }))).ok).toBe(
      true,
    );
    const planted = await authenticate(gatehouse, request('GET', { cookie: `gh_access=${token}` }));
    expect(planted).toMatchObject({ ok: false, status: 401, body: { error: { code: 'INVALID_TOKEN' } } });
  });

  it('applies the same-origin rule to cookie-authenticated state changes, not to bearer ones', async () => {
    const cookie = `__Host-gh_access=${token}`;
    const evil = await authenticate(gatehouse, request('POST', { cookie, origin: 'https://evil.example' }));
    expect(evil).toMatchObject({ ok: false, status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED' } } });
    const sibling = await authenticate(gatehouse, request('POST', { cookie, 'sec-fetch-site': 'same-site' }));
    expect(sibling).toMatchObject({ ok: false, status: 403 });
    expect(
      (await authenticate(gatehouse, request('POST', { cookie, origin: 'https://auth.example.com' }))).ok,
    ).toBe(true);
    expect(
      (await authenticate(gatehouse, request('DELETE', { cookie, origin: 'https://app.example.com' }))).ok,
    ).toBe(true);
    expect(
      (
        await authenticate(
          gatehouse,
          request('POST', { authorization: `Bearer ${token}`, origin: 'https://evil.example' }),
        )
      ).ok,
    ).toBe(true);
  });

  it('answers a malformed Authorization header like the API does', async () => {
    const reply = await authenticate(gatehouse, request('GET', { authorization: 'Bearer a b' }));
    expect(reply).toMatchObject({ ok: false, status: 401, headers: { 'www-authenticate': 'Bearer' } });
    if (!reply.ok) expect(reply.body.error.message).toBe('Authorization must be "Bearer <token>"');
    // Another scheme (a proxy's Basic auth) is not ours: no token, not a malformed one.
    const basic = await authenticate(gatehouse, request('GET', { authorization: 'Basic abc' }));
    expect(basic).toMatchObject({ ok: false, status: 401 });
    // HDR-01: the guard's own refusals carry the same security headers as the API's.
    expect(basic).toMatchObject({
      headers: {
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      },
    });
  });
});
