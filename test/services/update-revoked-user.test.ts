/**
 * Regression: `updateUser` changed a revoked user's profile (Flametrench
 * user-display-name.json, `update_revoked_user_rejected`: revoked is terminal). It now refuses
 * with 409 `USER_REVOKED` and changes nothing; a suspended user may still be renamed, and an
 * unknown user stays 404 `NOT_FOUND`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_BY_CODE } from '../../src/http/status.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('updateUser and the user’s status (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a revoked user with 409 USER_REVOKED and changes nothing', async () => {
    const user = await t.gatehouse.createUser({ email: uniqueEmail('revoked'), name: 'Before' });
    await t.gatehouse.revokeUser(user.id);
    await expect(
      t.gatehouse.updateUser(user.id, { name: 'After', displayName: 'After', emailVerified: true }),
    ).rejects.toMatchObject({ name: 'GatehouseError', code: 'USER_REVOKED' });
    expect(STATUS_BY_CODE.USER_REVOKED).toBe(409);
    const profile = await t.store.users.findProfile(user.id);
    const stored = await t.store.users.findById(user.id);
    expect(stored).toMatchObject({ name: 'Before', emailVerified: false, status: 'revoked' });
    expect(profile?.displayName).toBeNull();
    const audited = (await t.gatehouse.listAuditEvents({ userId: user.id })).items.map((e) => e.type);
    expect(audited).not.toContain('user.updated');
  });

  it('an empty patch to a revoked user is refused too', async () => {
    const user = await t.gatehouse.createUser({ email: uniqueEmail('revoked-empty') });
    await t.gatehouse.revokeUser(user.id);
    await expect(t.gatehouse.updateUser(user.id, {})).rejects.toMatchObject({ code: 'USER_REVOKED' });
  });

  it('renames a suspended user, who stays suspended', async () => {
    const user = await t.gatehouse.createUser({ email: uniqueEmail('suspended') });
    await t.gatehouse.suspendUser(user.id);
    const me = await t.gatehouse.updateUser(user.id, { displayName: 'Renamed While Suspended' });
    expect(me).toMatchObject({ displayName: 'Renamed While Suspended', status: 'suspended' });
  });

  it('an unknown or malformed user id is 404 NOT_FOUND', async () => {
    const unknown = `usr_${'0'.repeat(12)}7${'0'.repeat(3)}8${'0'.repeat(15)}`;
    for (const id of [unknown, 'usr_00000000000000000000000000000000', 'nope']) {
      await expect(t.gatehouse.updateUser(id, { displayName: 'ghost' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });
});
