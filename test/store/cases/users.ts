/** Contract: UserStore. */
import { expect, it } from 'vitest';
import { isGatehouseError } from '../../../src/core/errors.js';
import { aCredential, aUser, DAY, HOUR, seedSession, seedUser, T0 } from '../../support/entities.js';
import { randomTablePrefix, testDatabase } from '../../support/stores.js';
import { type ContractContext, settle } from './context.js';

export function userCases({ kind, store }: ContractContext): void {
  it('round-trips a user by id and by email', async () => {
    const { user, credential } = await seedUser(store(), { emailVerified: true, name: 'Ada Lovelace' });
    expect(await store().users.findById(user.id)).toEqual(user);
    expect(await store().users.findByEmail(user.email!)).toEqual(user);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(credential);
    const plain = await seedUser(store());
    expect(await store().users.findById(plain.user.id)).toEqual(plain.user);
  });

  it('returns null for an unknown id or email', async () => {
    expect(await store().users.findById(aUser().id)).toBeNull();
    expect(await store().users.findByEmail('nobody@example.com')).toBeNull();
  });

  it('rejects a taken email with USER_EXISTS and stores neither row', async () => {
    const { user } = await seedUser(store());
    const twin = aUser({ email: user.email });
    const attempt = store().users.createWithPassword(twin, aCredential(twin.id));
    await expect(attempt).rejects.toMatchObject({ name: 'GatehouseError', code: 'USER_EXISTS' });
    expect(await store().users.findById(twin.id)).toBeNull();
    expect(await store().credentials.findActivePassword(twin.id)).toBeNull();
  });

  it('lets exactly one of 50 concurrent sign-ups with one email succeed', async () => {
    const database = await testDatabase(kind);
    try {
      const prefix = randomTablePrefix();
      const raceStore = await database.open({ tablePrefix: prefix });
      const email = 'race@example.com';
      const users = Array.from({ length: 50 }, () => aUser({ email }));
      const { values, errors } = await settle(
        users.map((u) => raceStore.users.createWithPassword(u, aCredential(u.id))),
      );
      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(49);
      for (const error of errors) {
        expect(isGatehouseError(error) && error.code).toBe('USER_EXISTS');
      }
      expect(await database.count(`${prefix}users`)).toBe(1);
      expect(await database.count(`${prefix}credentials`)).toBe(1);
      const winner = await raceStore.users.findByEmail(email);
      expect(winner).not.toBeNull();
      expect((await raceStore.credentials.findActivePassword(winner!.id))?.userId).toBe(winner!.id);
    } finally {
      await database.cleanup();
    }
  });

  it('suspending ends live sessions and keeps credentials', async () => {
    const { user, credential } = await seedUser(store());
    const { session } = await seedSession(store(), user, credential);
    const expired = await seedSession(store(), user, credential, { idleExpiresAt: T0 + HOUR });
    const now = T0 + 2 * HOUR;
    expect(await store().users.changeStatus(user.id, 'suspended', now)).toBe(true);
    expect(await store().users.findById(user.id)).toMatchObject({ status: 'suspended', updatedAt: now });
    expect(await store().credentials.findActivePassword(user.id)).toEqual(credential);
    const found = await store().sessions.findWithUser(session.id);
    expect(found?.session).toMatchObject({ revokedAt: now, revokedReason: 'user_suspended' });
    expect(found?.user.status).toBe('suspended');
    // An already expired session is not live, so it is not "ended" again.
    expect((await store().sessions.findWithUser(expired.session.id))?.session.revokedAt).toBeNull();
  });

  it('revoking revokes credentials and ends sessions', async () => {
    const { user, credential } = await seedUser(store());
    const { session } = await seedSession(store(), user, credential);
    const now = T0 + HOUR;
    expect(await store().users.changeStatus(user.id, 'revoked', now)).toBe(true);
    expect(await store().users.findById(user.id)).toMatchObject({ status: 'revoked' });
    expect(await store().credentials.findActivePassword(user.id)).toBeNull();
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      revokedAt: now,
      revokedReason: 'user_revoked',
    });
  });

  it('reactivating changes only the status; ended sessions stay ended', async () => {
    const { user, credential } = await seedUser(store());
    const { session } = await seedSession(store(), user, credential);
    await store().users.changeStatus(user.id, 'suspended', T0 + HOUR);
    expect(await store().users.changeStatus(user.id, 'active', T0 + DAY / 2)).toBe(true);
    expect(await store().users.findById(user.id)).toMatchObject({
      status: 'active',
      updatedAt: T0 + DAY / 2,
    });
    expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe('user_suspended');
    expect(await store().sessions.listLive(user.id, T0 + DAY / 2)).toEqual([]);
  });

  it('changeStatus of an unknown user returns false', async () => {
    expect(await store().users.changeStatus(aUser().id, 'suspended', T0)).toBe(false);
  });

  it('create stores a user without a credential; a taken email is USER_EXISTS, once under concurrency', async () => {
    const user = aUser();
    await store().users.create(user);
    expect(await store().users.findById(user.id)).toEqual(user);
    expect(await store().credentials.listForUser(user.id)).toEqual([]);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => store().users.create(aUser({ email: 'same@example.com' }))),
    );
    expect(values).toHaveLength(1);
    expect(errors).toHaveLength(9);
    expect(errors.every((e) => isGatehouseError(e) && e.code === 'USER_EXISTS')).toBe(true);
  });

  it('updateByOperator changes profile fields and the verified flag of a suspended user, not of a deleted one', async () => {
    const { user } = await seedUser(store());
    await store().users.changeStatus(user.id, 'suspended', T0 + 1);
    expect(
      await store().users.updateByOperator(user.id, { displayName: 'Ada L.', emailVerified: true }, T0 + 2),
    ).toBe(true);
    expect(await store().users.findById(user.id)).toMatchObject({ emailVerified: true, updatedAt: T0 + 2 });
    expect((await store().users.findProfile(user.id))?.displayName).toBe('Ada L.');
    expect(await store().users.updateByOperator(user.id, { emailVerified: false }, T0 + 3)).toBe(true);
    expect((await store().users.findById(user.id))?.emailVerified).toBe(false);

    const { user: gone } = await seedUser(store());
    expect(await store().users.softDelete(gone.id, T0 + 1)).toBe(true);
    expect(await store().users.updateByOperator(gone.id, { name: 'x' }, T0 + 2)).toBe(false);
    expect(await store().users.updateByOperator(aUser().id, { name: 'x' }, T0 + 2)).toBe(false);
  });
}
