/**
 * The status of a user through the admin API — suspend, reactivate, revoke, delete, restore,
 * purge — over HTTP on SQLite and PostgreSQL: what each does to sign-in, sessions and tokens;
 * that repeating one changes nothing; that revoked is final and purging needs a deletion first;
 * the lock-out protections (an operator acting on themselves, the console's last admin); races
 * (two suspends, two purges); and the audit trail of each, with the operator as actor.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import {
  openGatehouse,
  openGatehouseWithSmtp,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { accountRequests } from '../support/requests.js';
import { type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { adminApi, auditOf, expectAudited } from './users-support.js';

const UNKNOWN = 'usr_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('admin users: status, deletion and purge (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  let admin: SignedInOperator;
  const api = adminApi(() => t);
  const { signIn, sessionStatus } = accountRequests(() => t);

  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());
  // A fresh console session each time: tests move the clock past access tokens' lifetime.
  beforeEach(async () => {
    admin = await signInOperator(t);
  });

  const as = (method: string, path: string) => api(method, path, admin.accessToken);
  const statusOf = async (id: string) => (await as('GET', `/users/${id}`)).body.user?.status;

  /** A signed-up user with a personal access token. */
  async function someone(tag: string) {
    const email = uniqueEmail(tag);
    const up = await t.signUp(email);
    const pat = await t.request('POST', '/auth/tokens', {
      token: up.accessToken,
      body: { name: 'mine', scopes: ['profile:read'] },
    });
    expect(pat.status).toBe(201);
    return {
      id: up.user.id as string,
      email,
      accessToken: up.accessToken as string,
      pat: pat.body.token as string,
    };
  }
  const patWorks = async (pat: string) => (await t.request('GET', '/auth/me', { token: pat })).status === 200;

  it('suspend ends sessions and refuses sign-in, keeps the password; reactivate lets them in again', async () => {
    const user = await someone('suspend');
    const suspended = await as('POST', `/users/${user.id}/suspend`);
    expect([suspended.status, suspended.body]).toEqual([
      200,
      { id: user.id, status: 'suspended', changed: true },
    ]);
    expect(await sessionStatus(user.accessToken)).toBe(401);
    expect(await patWorks(user.pat)).toBe(false);
    const refused = await signIn(user.email);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'USER_SUSPENDED']);
    await expectAudited(t, user.id, 'user.suspended', admin.userId);

    const again = await as('POST', `/users/${user.id}/suspend`);
    expect(again.body).toEqual({ id: user.id, status: 'suspended', changed: false });
    expect(await auditOf(t, user.id, 'user.suspended')).toHaveLength(1);

    const back = await as('POST', `/users/${user.id}/reactivate`);
    expect(back.body).toEqual({ id: user.id, status: 'active', changed: true });
    expect((await signIn(user.email)).status).toBe(200);
    expect(await patWorks(user.pat)).toBe(true);
    await expectAudited(t, user.id, 'user.reactivated', admin.userId);
    expect((await as('POST', `/users/${user.id}/reactivate`)).body.changed).toBe(false);
  });

  it('two suspends at once: one changes and is audited once, the other answers changed: false', async () => {
    for (let round = 0; round < 3; round += 1) {
      const user = await someone(`double-suspend-${round}`);
      const replies = await Promise.all([
        as('POST', `/users/${user.id}/suspend`),
        as('POST', `/users/${user.id}/suspend`),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies.map((r) => r.body.changed).sort()).toEqual([false, true]);
      expect(replies.every((r) => r.body.status === 'suspended')).toBe(true);
      expect([round, (await auditOf(t, user.id, 'user.suspended')).length]).toEqual([round, 1]);
      expect(await statusOf(user.id)).toBe('suspended');
      expect(await sessionStatus(user.accessToken)).toBe(401);
    }
  });

  it('a deletion racing a suspend, a reactivate or a revoke always ends deleted: nothing revives the user', async () => {
    for (const [round, action] of (
      ['suspend', 'reactivate', 'revoke', 'suspend', 'reactivate', 'revoke'] as const
    ).entries()) {
      const { user } = await t.signUp(uniqueEmail(`delete-race-${action}`));
      if (action === 'reactivate') await as('POST', `/users/${user.id}/suspend`);
      const remove = () => as('DELETE', `/users/${user.id}`);
      const change = () => as('POST', `/users/${user.id}/${action}`);
      // Either one sent first.
      const [deleted, changed] =
        round < 3
          ? await Promise.all([remove(), change()])
          : (await Promise.all([change(), remove()])).reverse();
      expect([round, action, deleted!.status, deleted!.body.changed]).toEqual([round, action, 200, true]);
      // The status change landed first (200) or found the user deleted (404).
      expect([round, action, [200, 404].includes(changed!.status)]).toEqual([round, action, true]);
      const detail = (await as('GET', `/users/${user.id}`)).body.user;
      expect([round, action, detail.status]).toEqual([round, action, 'deleted']);
      expect(detail.restorableUntil).toBe(deleted!.body.restorableUntil);
    }
  });

  it('the facade’s suspendUser, reactivateUser and revokeUser: revoked is final, a deleted user stays deleted, repeating changes nothing', async () => {
    const codeOf = (work: Promise<unknown>) =>
      work.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
    const { user: revoked } = await t.signUp(uniqueEmail('facade-revoked'));
    await t.gatehouse.revokeUser(revoked.id);
    expect(await codeOf(t.gatehouse.reactivateUser(revoked.id))).toBe('USER_REVOKED');
    expect(await codeOf(t.gatehouse.suspendUser(revoked.id))).toBe('USER_REVOKED');
    expect(await codeOf(t.gatehouse.revokeUser(revoked.id))).toBe('ok');
    expect(await statusOf(revoked.id)).toBe('revoked');
    expect(await auditOf(t, revoked.id, 'user.revoked')).toHaveLength(1);
    expect(await auditOf(t, revoked.id, 'user.reactivated')).toHaveLength(0);

    const { user: gone } = await t.signUp(uniqueEmail('facade-deleted'));
    expect((await as('DELETE', `/users/${gone.id}`)).status).toBe(200);
    for (const work of [
      () => t.gatehouse.reactivateUser(gone.id),
      () => t.gatehouse.suspendUser(gone.id),
      () => t.gatehouse.revokeUser(gone.id),
    ]) {
      expect(await codeOf(work())).toBe('NOT_FOUND');
    }
    expect(await statusOf(gone.id)).toBe('deleted');

    const { user } = await t.signUp(uniqueEmail('facade-repeat'));
    await t.gatehouse.suspendUser(user.id);
    await t.gatehouse.suspendUser(user.id);
    expect(await auditOf(t, user.id, 'user.suspended')).toHaveLength(1);
    await t.gatehouse.reactivateUser(user.id);
    await t.gatehouse.reactivateUser(user.id);
    expect(await auditOf(t, user.id, 'user.reactivated')).toHaveLength(1);
    expect(await codeOf(t.gatehouse.suspendUser(UNKNOWN))).toBe('NOT_FOUND');
  });

  it('revoke ends every credential, token and session for good: reactivating or suspending is 409 USER_REVOKED', async () => {
    const user = await someone('revoke');
    const revoked = await as('POST', `/users/${user.id}/revoke`);
    expect(revoked.body).toEqual({ id: user.id, status: 'revoked', changed: true });
    expect(await sessionStatus(user.accessToken)).toBe(401);
    expect(await patWorks(user.pat)).toBe(false);
    expect((await signIn(user.email)).status).toBe(401);
    await expectAudited(t, user.id, 'user.revoked', admin.userId);
    for (const action of ['reactivate', 'suspend']) {
      const reply = await as('POST', `/users/${user.id}/${action}`);
      expect([action, reply.status, reply.body.error.code]).toEqual([action, 409, 'USER_REVOKED']);
    }
    expect((await as('POST', `/users/${user.id}/revoke`)).body.changed).toBe(false);
    expect(await statusOf(user.id)).toBe('revoked');
  });

  it('delete is soft: sessions and tokens end, sign-in fails, the owner is told; restore brings the account back', async () => {
    const user = await someone('delete');
    const deleted = await as('DELETE', `/users/${user.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({
      id: user.id,
      status: 'deleted',
      changed: true,
      restorableUntil: new Date(
        t.clock.now() + t.gatehouse.settings.deletedRetentionDays * 86_400_000,
      ).toISOString(),
    });
    expect(await sessionStatus(user.accessToken)).toBe(401);
    expect(await patWorks(user.pat)).toBe(false);
    expect((await signIn(user.email)).status).toBe(401);
    await waitForMail(smtp, user.email, /was deleted/);
    const record = await expectAudited(t, user.id, 'user.deleted', admin.userId);
    expect(record.data).toMatchObject({ mode: 'soft', by: 'operator' });
    const detail = (await as('GET', `/users/${user.id}`)).body.user;
    expect(detail).toMatchObject({ status: 'deleted', restorableUntil: deleted.body.restorableUntil });
    expect((await as('DELETE', `/users/${user.id}`)).body).toMatchObject({
      status: 'deleted',
      changed: false,
    });
    // Not in the list unless asked for.
    const listed = await as('GET', `/users?q=${encodeURIComponent(user.email)}`);
    expect(listed.body.users).toEqual([]);
    expect(
      (await as('GET', `/users?status=deleted&q=${encodeURIComponent(user.email)}`)).body.users,
    ).toHaveLength(1);

    const restored = await as('POST', `/users/${user.id}/restore`);
    expect(restored.body).toEqual({ id: user.id, status: 'active', changed: true });
    expect((await signIn(user.email)).status).toBe(200);
    expect(await patWorks(user.pat)).toBe(false); // a restored account starts without its old tokens
    await expectAudited(t, user.id, 'user.restored', admin.userId);
    const again = await as('POST', `/users/${user.id}/restore`);
    expect([again.status, again.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('a suspended or revoked user is deleted too; restoring gives back that status; a revoked one is purged', async () => {
    const suspended = await someone('delete-suspended');
    await as('POST', `/users/${suspended.id}/suspend`);
    const reply = await as('DELETE', `/users/${suspended.id}`);
    expect([reply.status, reply.body.status, reply.body.changed]).toEqual([200, 'deleted', true]);
    await expectAudited(t, suspended.id, 'user.deleted', admin.userId);
    const back = await as('POST', `/users/${suspended.id}/restore`);
    expect([back.status, back.body.status]).toEqual([200, 'suspended']);
    expect(await statusOf(suspended.id)).toBe('suspended');
    expect((await signIn(suspended.email)).body.error.code).toBe('USER_SUSPENDED');

    const spammer = await someone('delete-revoked');
    await as('POST', `/users/${spammer.id}/revoke`);
    const deleted = await as('DELETE', `/users/${spammer.id}`);
    expect([deleted.status, deleted.body.status, deleted.body.changed]).toEqual([200, 'deleted', true]);
    // Deleting and restoring is no way around revocation.
    expect((await as('POST', `/users/${spammer.id}/restore`)).status).toBe(200);
    expect(await statusOf(spammer.id)).toBe('revoked');
    expect((await as('POST', `/users/${spammer.id}/reactivate`)).body.error.code).toBe('USER_REVOKED');
    expect((await as('DELETE', `/users/${spammer.id}`)).body.changed).toBe(true);
    const purged = await as('POST', `/users/${spammer.id}/purge`);
    expect([purged.status, purged.body]).toEqual([200, { id: spammer.id, purged: true }]);
    expect((await as('GET', `/users/${spammer.id}`)).status).toBe(404);
  });

  it('an unknown or malformed user is 404 for every status action', async () => {
    for (const id of [UNKNOWN, 'nope']) {
      for (const [method, path] of [
        ['DELETE', `/users/${id}`],
        ['POST', `/users/${id}/suspend`],
        ['POST', `/users/${id}/reactivate`],
        ['POST', `/users/${id}/revoke`],
        ['POST', `/users/${id}/restore`],
        ['POST', `/users/${id}/purge`],
      ] as const) {
        const r = await as(method, path);
        expect([method, path, r.status, r.body.error.code]).toEqual([method, path, 404, 'NOT_FOUND']);
      }
    }
  });

  it('purge needs a deleted user (409 USER_NOT_DELETED), then erases it; audited without the account', async () => {
    const user = await someone('purge');
    const early = await as('POST', `/users/${user.id}/purge`);
    expect([early.status, early.body.error.code]).toEqual([409, 'USER_NOT_DELETED']);
    expect(await statusOf(user.id)).toBe('active');
    expect((await signIn(user.email)).status).toBe(200);

    await as('DELETE', `/users/${user.id}`);
    const purged = await as('POST', `/users/${user.id}/purge`);
    expect([purged.status, purged.body]).toEqual([200, { id: user.id, purged: true }]);
    expect((await as('GET', `/users/${user.id}`)).status).toBe(404);
    expect((await as('POST', `/users/${user.id}/restore`)).status).toBe(404);
    await expectAudited(t, user.id, 'user.purged', admin.userId);
    // Its address is free again.
    expect(
      (
        await t.request('POST', '/auth/sign-up/email', {
          body: { email: user.email, password: 'another fine password' },
        })
      ).status,
    ).toBe(201);
  });

  it('two purges at once: one erases, the other is 404', async () => {
    const user = await someone('double-purge');
    await as('DELETE', `/users/${user.id}`);
    const replies = await Promise.all([
      as('POST', `/users/${user.id}/purge`),
      as('POST', `/users/${user.id}/purge`),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(await auditOf(t, user.id, 'user.purged')).toHaveLength(1);
  });

  it('a restore racing a purge: restored and there, or purged and gone — never restored and gone', async () => {
    for (let round = 0; round < 8; round += 1) {
      const email = uniqueEmail(`restore-purge-${round}`);
      const { user } = await t.signUp(email);
      await as('DELETE', `/users/${user.id}`);
      const restore = () => as('POST', `/users/${user.id}/restore`);
      const purge = () => as('POST', `/users/${user.id}/purge`);
      // Either one sent first.
      const [restored, purged] =
        round % 2
          ? await Promise.all([restore(), purge()])
          : (await Promise.all([purge(), restore()])).reverse();
      const present = (await as('GET', `/users/${user.id}`)).status === 200;
      const outcome = [restored!.status, purged!.status, present];
      if (restored!.status === 200) {
        expect([round, outcome, purged!.body.error?.code]).toEqual([
          round,
          [200, 409, true],
          'USER_NOT_DELETED',
        ]);
        expect((await signIn(email)).status).toBe(200);
      } else {
        expect([round, outcome]).toEqual([round, [404, 200, false]]);
      }
    }
  });

  it('an operator cannot suspend, revoke, delete or purge themselves (409 CANNOT_ACT_ON_SELF) and stays in', async () => {
    for (const [method, path] of [
      ['POST', 'suspend'],
      ['POST', 'revoke'],
      ['DELETE', ''],
      ['POST', 'purge'],
    ] as const) {
      const reply = await as(method, `/users/${admin.userId}${path ? `/${path}` : ''}`);
      expect([method, path, reply.status, reply.body.error.code]).toEqual([
        method,
        path,
        409,
        'CANNOT_ACT_ON_SELF',
      ]);
    }
    expect((await as('GET', '/me')).status).toBe(200);
    expect(await statusOf(admin.userId)).toBe('active');
  });

  it('another operator can take out a rogue admin at once; their token stops working', async () => {
    const rogue = await signInOperator(t);
    expect((await api('GET', '/me', rogue.accessToken)).status).toBe(200);
    expect((await as('POST', `/users/${rogue.userId}/suspend`)).body.changed).toBe(true);
    expect((await api('GET', '/me', rogue.accessToken)).status).toBe(401);
  });
});

describe('admin users: the console keeps an active admin', () => {
  it('LAST_ADMIN: an operator with users:write cannot suspend, revoke or delete the only admin', async () => {
    const t = await openGatehouse('sqlite');
    try {
      await t.gatehouse.createRole(CONSOLE_APP_ID, {
        name: 'helpdesk',
        permissions: ['users:read', 'users:write', 'users:delete'],
      });
      const only = await signInOperator(t);
      const helpdesk = await signInOperator(t, { role: 'helpdesk' });
      const api = adminApi(() => t);
      for (const [method, path] of [
        ['POST', 'suspend'],
        ['POST', 'revoke'],
        ['DELETE', ''],
      ] as const) {
        const reply = await api(
          method,
          `/users/${only.userId}${path ? `/${path}` : ''}`,
          helpdesk.accessToken,
        );
        expect([method, path, reply.status, reply.body.error.code]).toEqual([
          method,
          path,
          409,
          'LAST_ADMIN',
        ]);
      }
      expect((await api('GET', '/me', only.accessToken)).status).toBe(200);

      await signInOperator(t); // a second admin
      const reply = await api('POST', `/users/${only.userId}/suspend`, helpdesk.accessToken);
      expect([reply.status, reply.body.changed]).toEqual([200, true]);
      await expectAudited(t, only.userId, 'user.suspended', helpdesk.userId);
    } finally {
      await t.close();
    }
  });
});

describe.each(storeKinds)('admin users: the last two admins taking each other out at once (%s)', (kind) => {
  let t: TestGatehouse;
  beforeEach(async () => {
    t = await openGatehouse(kind);
  });
  afterEach(() => t.close());

  const activeAdmins = async () => {
    const admins = (await t.store.memberships.listForApp(CONSOLE_APP_ID)).filter((m) =>
      m.roles.includes('admin'),
    );
    const active: string[] = [];
    for (const m of admins)
      if ((await t.store.users.findById(m.userId))?.status === 'active') active.push(m.userId);
    return active;
  };
  /** A fresh pair of console admins, and nobody else an active admin. */
  async function lastTwo(): Promise<[string, string]> {
    const before = await activeAdmins();
    const pair: string[] = [];
    for (const tag of ['a', 'b']) {
      const { user } = await t.signUp(uniqueEmail(`last-two-${tag}`));
      await t.gatehouse.addMember(user.id, CONSOLE_APP_ID, { role: 'admin' });
      pair.push(user.id);
    }
    for (const id of before) await t.gatehouse.setRoles(id, CONSOLE_APP_ID, ['support']);
    expect((await activeAdmins()).sort()).toEqual([...pair].sort());
    return pair as [string, string];
  }
  const outcome = (work: Promise<{ changed: boolean }>) =>
    work.then(
      (r) => (r.changed ? 'changed' : 'unchanged'),
      (error: { code?: string }) => error.code ?? String(error),
    );
  const takeOut = {
    suspend: (id: string) => outcome(t.gatehouse.setUserStatus(id, 'suspended')),
    revoke: (id: string) => outcome(t.gatehouse.setUserStatus(id, 'revoked')),
    delete: (id: string) => outcome(t.gatehouse.deleteUser(id)),
  };

  it('suspend, revoke or delete each other: one is taken out, the other is 409 LAST_ADMIN, round after round', async () => {
    for (const [round, action] of (
      ['suspend', 'revoke', 'delete', 'suspend', 'revoke', 'delete'] as const
    ).entries()) {
      const [a, b] = await lastTwo();
      const outcomes = await Promise.all([takeOut[action](a), takeOut[action](b)]);
      expect([round, action, [...outcomes].sort()]).toEqual([round, action, ['LAST_ADMIN', 'changed']]);
      expect([round, action, (await activeAdmins()).length]).toEqual([round, action, 1]);
    }
    // Mixed: a demotion (the role-holder guard) racing a suspension (the status guard) take turns too.
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = await lastTwo();
      const outcomes = await Promise.all([
        takeOut.suspend(a),
        t.gatehouse.setUserAppAccess(b, CONSOLE_APP_ID, { roles: ['support'] }).then(
          () => 'changed',
          (error: { code?: string }) => error.code,
        ),
      ]);
      expect([round, [...outcomes].sort()]).toEqual([round, ['LAST_ADMIN', 'changed']]);
      expect([round, (await activeAdmins()).length]).toEqual([round, 1]);
    }
  });

  it('over HTTP, two signed-in admins suspending each other leave one who still gets in', async () => {
    const a = await signInOperator(t);
    const b = await signInOperator(t);
    const api = adminApi(() => t);
    const [ab, ba] = await Promise.all([
      api('POST', `/users/${b.userId}/suspend`, a.accessToken),
      api('POST', `/users/${a.userId}/suspend`, b.accessToken),
    ]);
    const statuses = [ab.status, ba.status].sort();
    // The loser is refused by the guard (409), or finds its session already ended (401).
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const left = await activeAdmins();
    expect(left).toHaveLength(1);
    const survivor = left[0] === a.userId ? a : b;
    expect((await api('GET', '/me', survivor.accessToken)).status).toBe(200);
  });
});
