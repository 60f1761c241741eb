/**
 * Mass assignment over HTTP, on SQLite and PostgreSQL (SECURITY.md AZ-01): PATCH /auth/me and
 * sign-up take an allow-list of fields; anything else — roles, status, verification, ids,
 * timestamps, hashes, prototype keys — is refused with 400 and nothing changes. AZ-02..05 (PATs,
 * tenants, the admin API) do not apply yet. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { expectProfilePatchRefused } from '../support/requests.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('authorization (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { profileMetadataLimit: 1024 });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.request('GET', '/auth/me', { token });
  const patch = (token: string, body: unknown) => t.request('PATCH', '/auth/me', { token, body });

  it.each([
    ['role', { role: 'admin' }],
    ['roles', { roles: ['admin'] }],
    ['plan', { plan: 'enterprise' }],
    ['status', { status: 'active' }],
    ['email', { email: 'other@example.com' }],
    ['emailVerified', { emailVerified: true }],
    ['id', { id: 'usr_0190f2a81b3c7abc8123456789abcdef' }],
    ['tenantId', { tenantId: 'tenant-b' }],
    ['mfaEnabled', { mfaEnabled: false }],
    ['passwordHash', { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB' }],
    ['createdAt', { createdAt: '2000-01-01T00:00:00.000Z' }],
    ['deletedAt', { deletedAt: null }],
    ['__proto__', JSON.parse('{"name":"x","__proto__":{"admin":true}}')],
    ['constructor', { constructor: { prototype: { admin: true } } }],
    ['a field in address', { address: { city: 'x', admin: true } }],
    ['__proto__ in metadata', { metadata: JSON.parse('{"a":{"__proto__":{"admin":true}}}') }],
  ])('AZ-01: PATCH /auth/me refuses %s with VALIDATION_ERROR and changes nothing', async (_label, body) => {
    await expectProfilePatchRefused(t, body);
  });

  it('AZ-01: an allowed field next to a forbidden one is refused as a whole', async () => {
    const { accessToken } = await t.signUp();
    const before = (await me(accessToken)).body;
    const reply = await patch(accessToken, { displayName: 'Sneaky', emailVerified: true, status: 'active' });
    expect(reply.status).toBe(400);
    expect((await me(accessToken)).body).toEqual(before);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['emailVerified', { emailVerified: true }],
    ['status', { status: 'suspended' }],
    ['id', { id: 'usr_0190f2a81b3c7abc8123456789abcdef' }],
    ['__proto__', JSON.parse('{"__proto__":{"emailVerified":true}}')],
  ])('AZ-01: sign-up refuses %s and creates no account', async (_label, extra) => {
    const email = uniqueEmail('mass');
    const reply = await t.request('POST', '/auth/sign-up/email', {
      raw: JSON.stringify({ email, password: PASSWORD, ...extra }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    expect(await t.store.users.findByEmail(email)).toBeNull();
  });
});
