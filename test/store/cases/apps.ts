/**
 * Contract: apps, memberships, roles and invitations — the registry round-trips and keeps
 * audiences unique; concurrent first sign-ins make one membership; concurrent grants of
 * different roles all land (the update is atomic) and a role the app lacks changes nothing; a
 * role deletion racing a grant never lets both succeed; an invitation is accepted exactly once
 * even when ten accepts race; sessions end per app and per member.
 */
import { expect, it } from 'vitest';
import {
  BUILT_IN_ROLES,
  DEFAULT_APP_ID,
  type Invitation,
  type Membership,
  type Role,
} from '../../../src/core/apps.js';
import { GatehouseError } from '../../../src/core/errors.js';
import { type AppId, newId, type UserId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import { seedApp } from '../../support/apps.js';
import { aTokenHash, DAY, MINUTE, seedSession, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

function aMembership(appId: AppId, userId: UserId, overrides: Partial<Membership> = {}): Membership {
  return {
    appId,
    userId,
    roles: ['member'],
    plan: 'free',
    permissions: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function aRole(appId: AppId, name: string, overrides: Partial<Role> = {}): Role {
  return { appId, name, description: null, permissions: [], builtIn: false, createdAt: T0, ...overrides };
}

function anInvitation(appId: AppId, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: newId('inv', T0, systemRandom),
    appId,
    email: `invitee-${Math.random().toString(36).slice(2)}@example.com`,
    role: 'member',
    invitedBy: null,
    createdAt: T0,
    expiresAt: T0 + 7 * DAY,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
    ...overrides,
  };
}

const code = (error: unknown) => (error instanceof GatehouseError ? error.code : String(error));

export function appCases({ store }: ContractContext): void {
  it('apps: created with the built-in roles, found, listed after the default app, updated', async () => {
    const app = await seedApp(store(), {
      name: 'Billing',
      signUp: 'invite_only',
      signInMethods: ['password'],
    });
    expect(await store().apps.find(app.id)).toEqual(app);
    const listed = await store().apps.list();
    expect(listed[0]!.id).toBe(DEFAULT_APP_ID);
    expect(listed.map((a) => a.id)).toContain(app.id);
    const roles = await store().roles.list(app.id);
    expect(roles.map((r) => [r.name, r.builtIn, r.permissions])).toEqual(
      BUILT_IN_ROLES.map((r) => [r.name, true, r.permissions]).sort(),
    );
    const updated = await store().apps.update(app.id, { status: 'disabled', name: 'Billing 2' }, T0 + MINUTE);
    expect(updated).toEqual({ ...app, status: 'disabled', name: 'Billing 2', updatedAt: T0 + MINUTE });
    expect(await store().apps.find(app.id)).toEqual(updated);
    expect(await store().apps.update(newId('app', T0, systemRandom), { name: 'x' }, T0)).toBeNull();
  });

  it('apps: a second app with a taken audience is refused and not stored', async () => {
    const first = await seedApp(store(), { audience: 'https://api.example/shared' });
    const second = newId('app', T0, systemRandom);
    await expect(seedApp(store(), { id: second, audience: first.audience })).rejects.toThrow();
    expect(await store().apps.find(second)).toBeNull();
    expect(await store().roles.list(second)).toEqual([]);
  });

  it('memberships: ten concurrent first sign-ins make exactly one, and one call says it made it', async () => {
    const app = await seedApp(store());
    const { user } = await seedUser(store());
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store().memberships.ensure(aMembership(app.id, user.id, { plan: i === 0 ? 'free' : 'pro' })),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await store().memberships.find(app.id, user.id);
    for (const r of results) expect(r.membership).toEqual(stored);
    expect((await store().memberships.listForApp(app.id)).map((m) => m.userId)).toEqual([user.id]);
  });

  it('memberships: ten concurrent grants of different roles all land', async () => {
    const app = await seedApp(store());
    const { user } = await seedUser(store());
    await store().memberships.ensure(aMembership(app.id, user.id));
    const names = Array.from({ length: 10 }, (_, i) => `role-${i}`);
    for (const name of names) expect(await store().roles.create(aRole(app.id, name))).toBe(true);
    const results = await Promise.all(
      names.map((name, i) =>
        store().memberships.update(
          app.id,
          user.id,
          (m) => ({ roles: m.roles.includes(name) ? m.roles : [...m.roles, name] }),
          T0 + i + 1,
        ),
      ),
    );
    expect(results.every((r) => r !== null)).toBe(true);
    const after = await store().memberships.find(app.id, user.id);
    expect([...after!.roles].sort()).toEqual(['member', ...names].sort());
  });

  it('memberships: a role the app lacks is ROLE_NOT_FOUND and changes nothing; a non-member is null', async () => {
    const app = await seedApp(store());
    const other = await seedApp(store());
    await store().roles.create(aRole(other.id, 'only-there'));
    const { user } = await seedUser(store());
    const before = (await store().memberships.ensure(aMembership(app.id, user.id))).membership;
    const change = () => ({ roles: ['member', 'only-there'], plan: 'pro' });
    await expect(store().memberships.update(app.id, user.id, change, T0 + 1)).rejects.toMatchObject({
      code: 'ROLE_NOT_FOUND',
    });
    expect(await store().memberships.find(app.id, user.id)).toEqual(before);
    const stranger = await seedUser(store());
    expect(await store().memberships.update(app.id, stranger.user.id, change, T0 + 1)).toBeNull();
    const result = await store().memberships.update(
      app.id,
      user.id,
      () => ({ plan: 'pro', permissions: ['reports:read'] }),
      T0 + 2,
    );
    expect(result).toEqual({
      before,
      after: { ...before, plan: 'pro', permissions: ['reports:read'], updatedAt: T0 + 2 },
    });
  });

  it('memberships: listed by user id a page at a time, per user oldest first, counted by role, removed', async () => {
    const app = await seedApp(store());
    const users = await Promise.all(Array.from({ length: 5 }, () => seedUser(store())));
    for (const { user } of users) await store().memberships.ensure(aMembership(app.id, user.id));
    await store().memberships.update(app.id, users[0]!.user.id, () => ({ roles: ['admin'] }), T0 + 1);
    const ids = users.map((u) => u.user.id).sort();
    const first = await store().memberships.listForApp(app.id, { limit: 2 });
    expect(first.map((m) => m.userId)).toEqual(ids.slice(0, 2));
    const rest = await store().memberships.listForApp(app.id, { afterUserId: first[1]!.userId, limit: 10 });
    expect(rest.map((m) => m.userId)).toEqual(ids.slice(2));
    expect(await store().memberships.countWithRole(app.id, 'member')).toBe(4);
    expect(await store().memberships.countWithRole(app.id, 'admin')).toBe(1);
    await store().memberships.ensure(aMembership(DEFAULT_APP_ID, users[0]!.user.id, { createdAt: T0 + 5 }));
    expect((await store().memberships.listForUser(users[0]!.user.id)).map((m) => m.appId)).toEqual([
      app.id,
      DEFAULT_APP_ID,
    ]);
    expect(await store().memberships.remove(app.id, users[0]!.user.id)).toBe(true);
    expect(await store().memberships.remove(app.id, users[0]!.user.id)).toBe(false);
    expect(await store().memberships.find(app.id, users[0]!.user.id)).toBeNull();
  });

  it('roles: names are unique per app; updated; deleteUnused refuses built-in and held roles', async () => {
    const app = await seedApp(store());
    const other = await seedApp(store());
    expect(await store().roles.create(aRole(app.id, 'billing', { permissions: ['invoices:*'] }))).toBe(true);
    expect(await store().roles.create(aRole(app.id, 'billing'))).toBe(false);
    expect(await store().roles.create(aRole(other.id, 'billing'))).toBe(true);
    expect(
      (await store().roles.findMany(app.id, ['billing', 'nope', 'admin'])).map((r) => r.name).sort(),
    ).toEqual(['admin', 'billing']);
    expect(
      await store().roles.update(app.id, 'billing', { permissions: ['invoices:read'], description: 'B' }),
    ).toEqual(aRole(app.id, 'billing', { permissions: ['invoices:read'], description: 'B' }));
    expect(await store().roles.update(app.id, 'nope', { description: 'x' })).toBeNull();

    expect(await store().roles.deleteUnused(app.id, 'admin')).toBe('built_in');
    expect(await store().roles.deleteUnused(app.id, 'nope')).toBe('not_found');
    const { user } = await seedUser(store());
    await store().memberships.ensure(aMembership(app.id, user.id, { roles: ['billing'] }));
    expect(await store().roles.deleteUnused(app.id, 'billing')).toBe('in_use');
    await store().memberships.update(app.id, user.id, () => ({ roles: ['member'] }), T0 + 1);
    expect(await store().roles.deleteUnused(app.id, 'billing')).toBe('deleted');
    expect(await store().roles.find(app.id, 'billing')).toBeNull();
    expect(await store().roles.find(other.id, 'billing')).not.toBeNull();
  });

  it('roles: a deletion racing a grant of the same role never lets both succeed', async () => {
    const app = await seedApp(store());
    const { user } = await seedUser(store());
    await store().memberships.ensure(aMembership(app.id, user.id));
    for (let round = 0; round < 15; round++) {
      const name = `racing-${round}`;
      await store().roles.create(aRole(app.id, name));
      const [deletion, grant] = await Promise.allSettled([
        store().roles.deleteUnused(app.id, name),
        store().memberships.update(app.id, user.id, (m) => ({ roles: [...m.roles, name] }), T0 + round),
      ]);
      const deleted = deletion.status === 'fulfilled' && deletion.value === 'deleted';
      const granted = grant.status === 'fulfilled';
      expect(deleted && granted, `round ${round}`).toBe(false);
      expect(deleted || granted, `round ${round}: one of them succeeds`).toBe(true);
      if (deleted) expect(code((grant as PromiseRejectedResult).reason)).toBe('ROLE_NOT_FOUND');
      if (granted) {
        expect(deletion).toEqual({ status: 'fulfilled', value: 'in_use' });
        expect(await store().roles.find(app.id, name)).not.toBeNull();
      }
      const held = (await store().memberships.find(app.id, user.id))!.roles;
      expect(held.includes(name)).toBe(granted);
      await store().memberships.update(app.id, user.id, () => ({ roles: ['member'] }), T0 + round);
    }
  });

  it('invitations: found by digest; accepted exactly once when ten accepts race', async () => {
    const app = await seedApp(store());
    const invitation = anInvitation(app.id);
    const hash = aTokenHash();
    await store().invitations.create(invitation, hash);
    expect(await store().invitations.findByToken(hash)).toEqual(invitation);
    expect(await store().invitations.findByToken(aTokenHash())).toBeNull();
    const users = await Promise.all(Array.from({ length: 10 }, () => seedUser(store())));
    const { values } = await settle(
      users.map(({ user }) => store().invitations.consume(hash, user.id, T0 + MINUTE)),
    );
    const wins = values.filter((v) => v.ok);
    expect(wins).toHaveLength(1);
    expect(values.filter((v) => !v.ok)).toEqual(Array(9).fill({ ok: false, reason: 'used' }));
    const winner = wins[0]!.ok ? wins[0]!.invitation : null;
    expect(winner).toMatchObject({ id: invitation.id, acceptedAt: T0 + MINUTE });
    expect(users.map((u) => u.user.id)).toContain(winner!.acceptedBy);
    expect(await store().invitations.findByToken(hash)).toEqual(winner);
  });

  it('invitations: expired (at expiresAt), revoked and unknown are told apart; open ones listed newest first', async () => {
    const app = await seedApp(store());
    const other = await seedApp(store());
    const { user } = await seedUser(store());
    const old = anInvitation(app.id, { createdAt: T0, expiresAt: T0 + DAY });
    const young = anInvitation(app.id, { createdAt: T0 + MINUTE });
    const elsewhere = anInvitation(other.id);
    const hashes = [aTokenHash(), aTokenHash(), aTokenHash()];
    await store().invitations.create(old, hashes[0]!);
    await store().invitations.create(young, hashes[1]!);
    await store().invitations.create(elsewhere, hashes[2]!);
    expect((await store().invitations.listOpen(app.id, T0 + 2 * MINUTE)).map((i) => i.id)).toEqual([
      young.id,
      old.id,
    ]);
    expect((await store().invitations.listOpen(app.id, T0 + DAY)).map((i) => i.id)).toEqual([young.id]);
    expect(await store().invitations.consume(hashes[0]!, user.id, T0 + DAY)).toEqual({
      ok: false,
      reason: 'expired',
    });

    expect(await store().invitations.revoke(other.id, young.id, T0 + 1)).toBe(false);
    expect(await store().invitations.revoke(app.id, young.id, T0 + 1)).toBe(true);
    expect(await store().invitations.revoke(app.id, young.id, T0 + 2)).toBe(false);
    expect(await store().invitations.consume(hashes[1]!, user.id, T0 + 3)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(await store().invitations.listOpen(app.id, T0 + 3)).toHaveLength(1);
    expect(await store().invitations.consume(aTokenHash(), user.id, T0)).toEqual({
      ok: false,
      reason: 'unknown',
    });

    expect((await store().invitations.consume(hashes[2]!, user.id, T0 + 4)).ok).toBe(true);
    expect(await store().invitations.revoke(other.id, elsewhere.id, T0 + 5)).toBe(false);
    expect(await store().invitations.listOpen(other.id, T0 + 5)).toEqual([]);
  });

  it('sessions: revokeAllInApp ends one member’s sessions at one app, or everyone’s there', async () => {
    const app = await seedApp(store());
    const a = await seedUser(store());
    const b = await seedUser(store());
    const aHere = await seedSession(store(), a.user, a.credential, { appId: app.id });
    const aDefault = await seedSession(store(), a.user, a.credential);
    const bHere = await seedSession(store(), b.user, b.credential, { appId: app.id });
    const state = async (id: typeof aHere.session.id) => (await store().sessions.findWithUser(id))!.session;
    expect(await store().sessions.revokeAllInApp(app.id, a.user.id, T0 + 1, 'membership_changed')).toBe(1);
    expect(await state(aHere.session.id)).toMatchObject({
      revokedAt: T0 + 1,
      revokedReason: 'membership_changed',
    });
    expect((await state(aDefault.session.id)).revokedAt).toBeNull();
    expect((await state(bHere.session.id)).revokedAt).toBeNull();
    expect(await store().sessions.revokeAllInApp(app.id, null, T0 + 2, 'app_disabled')).toBe(1);
    expect(await state(bHere.session.id)).toMatchObject({ revokedAt: T0 + 2, revokedReason: 'app_disabled' });
    expect((await state(aDefault.session.id)).revokedAt).toBeNull();
  });
}
