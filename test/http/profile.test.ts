/**
 * The signed-in user's profile over HTTP on SQLite and PostgreSQL: GET and PATCH /auth/me with an
 * allow-list, and values checked field by field — anything refused changes nothing. Mass
 * assignment (AZ-01) is in test/security/authorization.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { expectProfilePatchRefused } from '../support/requests.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('profile (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { profileMetadataLimit: 1024 });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.request('GET', '/auth/me', { token });
  const patch = (token: string, body: unknown) => t.request('PATCH', '/auth/me', { token, body });

  it('starts empty, takes every allow-listed field, clears with null and keeps absent fields', async () => {
    const { accessToken, user } = await t.signUp();
    const empty = await me(accessToken);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('cache-control')).toContain('no-store');
    expect(empty.body).toMatchObject({
      id: user.id,
      email: user.email,
      name: null,
      displayName: null,
      imageUrl: null,
      phone: null,
      dateOfBirth: null,
      address: null,
      locale: null,
      metadata: {},
    });
    const full = {
      name: '  Ada Lovelace ',
      displayName: 'Ada',
      imageUrl: 'https://cdn.example.com/ada.png',
      phone: '+441234567890',
      dateOfBirth: '1815-12-10',
      address: { street: '12 St James’s Square', city: 'London', country: 'GB', postalCode: 'SW1Y 4JH' },
      locale: 'en-GB',
      metadata: { plan: { tier: 'pro' }, tags: ['math', 1, true, null] },
    };
    const refused = await patch(accessToken, full);
    expect(refused.body.error.issues[0].path).toBe('dateOfBirth'); // before 1900
    const updated = await patch(accessToken, { ...full, dateOfBirth: '1915-12-10' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      ...full,
      name: 'Ada Lovelace',
      dateOfBirth: '1915-12-10',
      address: { ...full.address, state: null },
    });
    expect((await me(accessToken)).body).toEqual(updated.body);

    const partly = await patch(accessToken, { displayName: null, locale: 'fr' });
    expect(partly.body).toMatchObject({
      displayName: null,
      locale: 'fr',
      name: 'Ada Lovelace',
      phone: '+441234567890',
    });

    const events = await t.gatehouse.listAuditEvents({ userId: user.id, type: 'user.updated' });
    expect(events.items[0]?.data).toEqual({ fields: 'displayName,locale' });
    expect(JSON.stringify(events.items)).not.toContain('Lovelace');
  });

  it.each([
    ['metadata that is an array', { metadata: [1, 2] }],
    ['a javascript: image', { imageUrl: 'javascript:alert(1)' }],
    ['a phone that is not E.164', { phone: '0123 456' }],
    ['a date in the future', { dateOfBirth: '2999-01-01' }],
    ['an impossible date', { dateOfBirth: '2001-02-30' }],
    ['a bad locale', { locale: 'english please' }],
    ['metadata over the cap', { metadata: { blob: 'x'.repeat(2000) } }],
    ['a name with control characters', { name: 'Ada\u0000Lovelace' }],
    ['a wrong type', { name: 42 }],
  ])('refuses %s with VALIDATION_ERROR and changes nothing', async (_label, body) => {
    await expectProfilePatchRefused(t, body);
  });

  it('names each refused field in the issues', async () => {
    const { accessToken } = await t.signUp();
    const reply = await patch(accessToken, { displayName: 'x', role: 'admin', plan: 'pro' });
    expect(reply.body.error.issues).toEqual([
      { path: 'role', message: 'not an accepted field' },
      { path: 'plan', message: 'not an accepted field' },
    ]);
    const nested = await patch(accessToken, { address: { city: 'x', admin: true } });
    expect(nested.body.error.issues).toEqual([{ path: 'address.admin', message: 'not an accepted field' }]);
  });

  it('needs a live session', async () => {
    const { accessToken } = await t.signUp();
    expect((await me('')).status).toBe(401);
    expect((await patch('nonsense', { name: 'x' })).status).toBe(401);
    await t.request('POST', '/auth/sign-out', { token: accessToken });
    expect((await me(accessToken)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await patch(accessToken, { name: 'x' })).body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('works the same from code', async () => {
    const { accessToken } = await t.signUp();
    const updated = await t.gatehouse.updateProfile(accessToken, { locale: 'de-DE' });
    expect(updated.locale).toBe('de-DE');
    await expect(t.gatehouse.updateProfile(accessToken, { role: 'admin' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect((await t.gatehouse.getMe(accessToken)).locale).toBe('de-DE');
  });
});
