/**
 * Contract: the username parts of UserStore — lookups by canonical username, one account per
 * username (also under concurrent creation), accounts without an address or a username, and a
 * username-only account gaining its first address.
 */
import { expect, it } from 'vitest';
import { isGatehouseError } from '../../../src/core/errors.js';
import { aCredential, aUser, seedSession, seedUser, T0 } from '../../support/entities.js';
import { randomTablePrefix, testDatabase } from '../../support/stores.js';
import { type ContractContext, settle } from './context.js';

export function usernameCases({ kind, store }: ContractContext): void {
  it('round-trips a username-only user by id and by username', async () => {
    const { user } = await seedUser(store(), { email: null, username: 'ada_l' });
    expect(await store().users.findByUsername('ada_l')).toEqual(user);
    expect(await store().users.findById(user.id)).toEqual({ ...user, email: null, username: 'ada_l' });
    expect(await store().users.findByUsername('ada')).toBeNull();
    expect(await store().users.findByUsername('nobody')).toBeNull();
  });

  it('finds an account with both names by either', async () => {
    const { user } = await seedUser(store(), { email: 'grace@example.com', username: 'grace.h' });
    expect(await store().users.findByUsername('grace.h')).toEqual(user);
    expect(await store().users.findByEmail('grace@example.com')).toEqual(user);
  });

  it('stores any number of accounts without an address, and without a username', async () => {
    for (let i = 0; i < 3; i++) await seedUser(store(), { email: null, username: `solo-${i}` });
    for (let i = 0; i < 3; i++) await seedUser(store(), { username: null });
    expect(await store().users.findByUsername('solo-2')).toMatchObject({ email: null });
  });

  it('rejects a taken username with USERNAME_TAKEN and stores neither row', async () => {
    await seedUser(store(), { email: null, username: 'taken' });
    const twin = aUser({ email: null, username: 'taken' });
    await expect(store().users.createWithPassword(twin, aCredential(twin.id))).rejects.toMatchObject({
      name: 'GatehouseError',
      code: 'USERNAME_TAKEN',
    });
    expect(await store().users.findById(twin.id)).toBeNull();
    expect(await store().credentials.findActivePassword(twin.id)).toBeNull();
    // Without a credential too (an operator's account).
    const bare = aUser({ username: 'taken' });
    await expect(store().users.create(bare)).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(await store().users.findById(bare.id)).toBeNull();
  });

  it('still says USER_EXISTS for a taken address that comes with a free username', async () => {
    const { user } = await seedUser(store());
    const twin = aUser({ email: user.email, username: 'free-name' });
    await expect(store().users.createWithPassword(twin, aCredential(twin.id))).rejects.toMatchObject({
      code: 'USER_EXISTS',
    });
    expect(await store().users.findByUsername('free-name')).toBeNull();
  });

  it('lets exactly one of 50 concurrent sign-ups with one username succeed', async () => {
    const database = await testDatabase(kind);
    try {
      const prefix = randomTablePrefix();
      const raceStore = await database.open({ tablePrefix: prefix });
      // Half of them with an address of their own: the username alone decides.
      const users = Array.from({ length: 50 }, (_, i) =>
        aUser(i % 2 ? { username: 'contested' } : { email: null, username: 'contested' }),
      );
      const { values, errors } = await settle(
        users.map((u) => raceStore.users.createWithPassword(u, aCredential(u.id))),
      );
      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(49);
      for (const error of errors) expect(isGatehouseError(error) && error.code).toBe('USERNAME_TAKEN');
      expect(await database.count(`${prefix}users`)).toBe(1);
      expect(await database.count(`${prefix}credentials`)).toBe(1);
      const winner = await raceStore.users.findByUsername('contested');
      expect((await raceStore.credentials.findActivePassword(winner!.id))?.userId).toBe(winner!.id);
    } finally {
      await database.cleanup();
    }
  });

  it('moves a username-only account to its first address, once', async () => {
    const { user, credential } = await seedUser(store(), { email: null, username: 'no-mail' });
    const kept = await seedSession(store(), user, credential);
    const other = await seedSession(store(), user, credential);
    expect(await store().users.changeEmail(user.id, null, 'first@example.com', T0 + 1, kept.session.id)).toBe(
      'changed',
    );
    expect(await store().users.findByUsername('no-mail')).toMatchObject({
      email: 'first@example.com',
      emailVerified: true,
      updatedAt: T0 + 1,
    });
    expect((await store().sessions.findWithUser(kept.session.id))?.session.revokedAt).toBeNull();
    expect((await store().sessions.findWithUser(other.session.id))?.session).toMatchObject({
      revokedReason: 'email_changed',
    });
    // A second link made while the account had no address is stale now.
    expect(await store().users.changeEmail(user.id, null, 'second@example.com', T0 + 2, null)).toBe('stale');
    expect((await store().users.findById(user.id))?.email).toBe('first@example.com');
  });

  it('will not give a username-only account an address another account holds', async () => {
    const holder = await seedUser(store());
    const { user } = await seedUser(store(), { email: null, username: 'wants-it' });
    expect(await store().users.changeEmail(user.id, null, holder.user.email!, T0, null)).toBe('taken');
    expect((await store().users.findById(user.id))?.email).toBeNull();
  });
}
