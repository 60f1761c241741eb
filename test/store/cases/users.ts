/**
 * Contract: UserStore. Besides the round trips: status changes, soft deletion and purging that
 * apply only from the statuses asked for, in the statement that checks them, so of concurrent
 * changes exactly one applies (a restore racing a purge either restores or loses the account,
 * never both); and taking out the last active holder of a role is refused even when two holders
 * take each other out at once.
 */
import { expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../../src/core/apps.js';
import type { User, UserStatus } from '../../../src/core/entities.js';
import { isGatehouseError } from '../../../src/core/errors.js';
import type { AppId } from '../../../src/core/ids.js';
import { seedApp } from '../../support/apps.js';
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

  const NOT_DELETED: readonly UserStatus[] = ['active', 'suspended', 'revoked'];

  /** A user moved to `status` (through the unguarded change), with one live session. */
  async function userWithStatus(status: Exclude<UserStatus, 'deleted'>) {
    const seeded = await seedUser(store());
    const { session } = await seedSession(store(), seeded.user, seeded.credential);
    if (status !== 'active') await store().users.changeStatus(seeded.user.id, status, T0 + 1);
    return { ...seeded, session, user: (await store().users.findById(seeded.user.id))! };
  }

  it('changeStatus with `from` applies only from those statuses; otherwise nothing changes, not even sessions', async () => {
    const { user, credential } = await seedUser(store());
    const { session } = await seedSession(store(), user, credential);
    expect(await store().users.changeStatus(user.id, 'active', T0 + 1, ['suspended'])).toBe(false);
    expect(await store().users.changeStatus(user.id, 'revoked', T0 + 1, ['suspended'])).toBe(false);
    expect(await store().users.findById(user.id)).toEqual(user);
    expect((await store().sessions.findWithUser(session.id))?.session.revokedAt).toBeNull();
    expect(await store().credentials.findActivePassword(user.id)).toEqual(credential);

    expect(await store().users.changeStatus(user.id, 'suspended', T0 + 2, ['active'])).toBe(true);
    expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe('user_suspended');
    expect(await store().users.changeStatus(user.id, 'suspended', T0 + 3, ['active'])).toBe(false);
    expect((await store().users.findById(user.id))?.updatedAt).toBe(T0 + 2);

    // A deleted user is never revived, nor a revoked one brought back, by a guarded change.
    const { user: gone } = await seedUser(store());
    expect(await store().users.softDelete(gone.id, T0 + 1)).toBe(true);
    for (const status of ['active', 'suspended', 'revoked'] as const) {
      expect(await store().users.changeStatus(gone.id, status, T0 + 2, ['active', 'suspended'])).toBe(false);
    }
    expect((await store().users.findById(gone.id))?.status).toBe('deleted');
    const { user: revoked } = await userWithStatus('revoked');
    expect(await store().users.changeStatus(revoked.id, 'active', T0 + 2, ['suspended'])).toBe(false);
    expect((await store().users.findById(revoked.id))?.status).toBe('revoked');
    expect(await store().users.changeStatus(aUser().id, 'suspended', T0, ['active'])).toBe(false);
  });

  it('of concurrent guarded status changes of one user exactly one applies', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { user } = await seedUser(store());
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().users.changeStatus(user.id, i % 2 ? 'suspended' : 'revoked', T0 + i, ['active']),
        ),
      );
      expect([round, results.filter(Boolean).length]).toEqual([round, 1]);
      const winner = results.findIndex(Boolean);
      expect((await store().users.findById(user.id))?.status).toBe(winner % 2 ? 'suspended' : 'revoked');
    }
  });

  it('softDelete takes only an active user unless told otherwise; a suspended or revoked one when asked', async () => {
    for (const status of ['suspended', 'revoked'] as const) {
      const { user, session } = await userWithStatus(status);
      expect(await store().users.softDelete(user.id, T0 + 2)).toBe(false);
      expect(await store().users.findById(user.id)).toEqual(user);
      expect(await store().users.softDelete(user.id, T0 + 2, ['active'])).toBe(false);
      expect(await store().users.softDelete(user.id, T0 + 3, NOT_DELETED)).toBe(true);
      expect(await store().users.findById(user.id)).toMatchObject({ status: 'deleted', updatedAt: T0 + 3 });
      expect(await store().users.findDeletedAt(user.id)).toBe(T0 + 3);
      // The session had already ended with the status change; it keeps that reason.
      expect((await store().sessions.findWithUser(session.id))?.session.revokedAt).not.toBeNull();
      expect(await store().users.softDelete(user.id, T0 + 4, NOT_DELETED)).toBe(false);
      expect(await store().users.findDeletedAt(user.id)).toBe(T0 + 3);
    }
  });

  it('restore gives back the status the user had when deleted: a revoked user stays revoked', async () => {
    for (const status of ['active', 'suspended', 'revoked'] as const) {
      const { user } = await userWithStatus(status);
      expect(await store().users.softDelete(user.id, T0 + 2, NOT_DELETED)).toBe(true);
      expect(await store().users.restore(user.id, T0 + 3, T0)).toBe(true);
      expect([status, await store().users.findById(user.id)]).toEqual([
        status,
        { ...user, status, updatedAt: T0 + 3 },
      ]);
      expect(await store().users.findDeletedAt(user.id)).toBeNull();
      // A later deletion remembers the status of then, not the first one.
      if (status !== 'revoked') {
        await store().users.changeStatus(user.id, 'revoked', T0 + 4, ['active', 'suspended']);
        expect(await store().users.softDelete(user.id, T0 + 5, NOT_DELETED)).toBe(true);
        expect(await store().users.restore(user.id, T0 + 6, T0)).toBe(true);
        expect((await store().users.findById(user.id))?.status).toBe('revoked');
      }
    }
  });

  it('purge erases a user only while deleted', async () => {
    const { user } = await seedUser(store());
    expect(await store().users.purge(user.id)).toBe(false);
    expect(await store().users.findById(user.id)).toEqual(user);
    await store().users.softDelete(user.id, T0 + 1);
    expect(await store().users.purge(user.id)).toBe(true);
    expect(await store().users.findById(user.id)).toBeNull();
    expect(await store().credentials.listForUser(user.id)).toEqual([]);
    expect(await store().users.purge(user.id)).toBe(false);
    expect(await store().users.purge(aUser().id)).toBe(false);
  });

  it('a restore racing a purge: exactly one of them applies, round after round', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 10; round += 1) {
      const { user } = await seedUser(store());
      await store().users.softDelete(user.id, T0 + 1);
      const restore = () => store().users.restore(user.id, T0 + 2, T0);
      const purge = () => store().users.purge(user.id);
      // Either one asked first.
      const [r, p] =
        round % 2
          ? await Promise.all([restore(), purge()])
          : (await Promise.all([purge(), restore()])).reverse();
      const now = await store().users.findById(user.id);
      const outcome = r ? 'restored' : p ? 'purged' : 'neither';
      expect([round, r && p, outcome, now?.status ?? null]).toEqual([
        round,
        false,
        outcome,
        outcome === 'restored' ? 'active' : null,
      ]);
      outcomes.add(outcome);
    }
    expect(outcomes.has('neither')).toBe(false);
  });

  it('changeEmail can set the new address unverified in the same write', async () => {
    const { user } = await seedUser(store(), { emailVerified: true });
    expect(
      await store().users.changeEmail(user.id, user.email, 'unproven@example.com', T0 + 1, null, false),
    ).toBe('changed');
    expect(await store().users.findById(user.id)).toMatchObject({
      email: 'unproven@example.com',
      emailVerified: false,
      updatedAt: T0 + 1,
    });
    // The self-service flow's call, without the flag, still marks the address it proved.
    expect(
      await store().users.changeEmail(user.id, 'unproven@example.com', 'proven@example.com', T0 + 2, null),
    ).toBe('changed');
    expect((await store().users.findById(user.id))?.emailVerified).toBe(true);
  });

  /** Two users holding `admin` in a fresh app, and the guard that keeps one. */
  async function twoHolders() {
    const app = await seedApp(store());
    const holders: User[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { user } = await seedUser(store());
      await store().memberships.ensure({
        appId: app.id,
        userId: user.id,
        roles: ['member', 'admin'],
        plan: DEFAULT_PLANS[0]!.name,
        permissions: [],
        createdAt: T0,
        updatedAt: T0,
      });
      holders.push(user);
    }
    return {
      appId: app.id as AppId,
      a: holders[0]!,
      b: holders[1]!,
      keep: { appId: app.id as AppId, role: 'admin' },
    };
  }

  it('takeOut refuses to take out the last active holder of a role, and changes nothing then', async () => {
    const { appId, a, b, keep } = await twoHolders();
    expect(await store().users.takeOut(a.id, 'suspended', T0 + 1, ['active'], keep)).toBe('changed');
    for (const to of ['suspended', 'revoked', 'deleted'] as const) {
      expect(await store().users.takeOut(b.id, to, T0 + 2, NOT_DELETED, keep)).toBe('last_holder');
    }
    expect(await store().users.findById(b.id)).toEqual(b);
    // A holder who is not active protects nothing: taking them further out is fine.
    expect(await store().users.takeOut(a.id, 'deleted', T0 + 3, NOT_DELETED, keep)).toBe('changed');
    expect(await store().users.findDeletedAt(a.id)).toBe(T0 + 3);
    // Not a status it may change from: stale, whatever the guard.
    expect(await store().users.takeOut(a.id, 'revoked', T0 + 4, ['active', 'suspended'], keep)).toBe('stale');
    // Someone without the role is taken out freely; so is anyone without a guard.
    const { user: plain } = await seedUser(store());
    expect(await store().users.takeOut(plain.id, 'revoked', T0 + 5, ['active'], keep)).toBe('changed');
    expect(await store().users.takeOut(b.id, 'suspended', T0 + 6, ['active'])).toBe('changed');
    expect((await store().users.findById(b.id))?.status).toBe('suspended');
    expect(await store().memberships.countWithRole(appId, 'admin')).toBe(2);
  });

  it('takeOut under concurrency: two holders taking each other out at once leave one, round after round', async () => {
    const { a, b, keep } = await twoHolders();
    for (let round = 0; round < 6; round += 1) {
      const to = (['suspended', 'revoked', 'deleted'] as const)[round % 3]!;
      const outcomes = await Promise.all([
        store().users.takeOut(a.id, to, T0 + round, ['active'], keep),
        store().users.takeOut(b.id, to, T0 + round, ['active'], keep),
      ]);
      expect([round, [...outcomes].sort()]).toEqual([round, ['changed', 'last_holder']]);
      const statuses = [
        (await store().users.findById(a.id))?.status,
        (await store().users.findById(b.id))?.status,
      ];
      expect([round, statuses.filter((s) => s === 'active')]).toEqual([round, ['active']]);
      // Bring the one taken out back for the next round.
      const out = outcomes[0] === 'changed' ? a : b;
      if (to === 'deleted') await store().users.restore(out.id, T0 + round, 0);
      else await store().users.changeStatus(out.id, 'active', T0 + round);
    }
  });
}
