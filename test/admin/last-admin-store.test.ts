/**
 * The console's last active admin is kept by the membership store itself, on SQLite and
 * PostgreSQL: the plain membership operations (`setRoles`, `removeMember`) and the store's own
 * `update`/`remove` are refused with `LAST_ADMIN` at the console, not only the admin API's
 * `setUserAppAccess`/`removeUserFromApp`; and they take turns with each other and with a
 * status change (`UserStore.takeOut`), so two admins taken out at once leave one. Other apps'
 * admins are not kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserId } from '../../src/core/ids.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { CONSOLE_ADMIN } from '../../src/store/ports/kept-holder.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const LAST_ADMIN = { code: 'LAST_ADMIN' };

describe.each(storeKinds)('the console keeps its last active admin at the store (%s)', (kind) => {
  let t: TestGatehouse;
  beforeEach(async () => {
    t = await openGatehouse(kind);
  });
  afterEach(() => t.close());

  async function consoleAdmin(): Promise<UserId> {
    const up = signedIn(await t.gatehouse.signUp({ email: uniqueEmail('admin'), password: PASSWORD }));
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    return up.user.id as UserId;
  }

  const adminsNow = async () =>
    (await t.store.memberships.listForApp(CONSOLE_APP_ID))
      .filter((m) => m.roles.includes('admin'))
      .map((m) => m.userId);

  it('setRoles, removeMember and the store’s own update and remove at the console are refused with LAST_ADMIN', async () => {
    const a = await consoleAdmin();
    await expect(t.gatehouse.setRoles(a, CONSOLE_APP_ID, ['support'])).rejects.toMatchObject(LAST_ADMIN);
    await expect(t.gatehouse.removeMember(a, CONSOLE_APP_ID)).rejects.toMatchObject(LAST_ADMIN);
    const demote = () => ({ roles: ['support'] });
    await expect(t.store.memberships.update(CONSOLE_APP_ID, a, demote, t.clock.now())).rejects.toMatchObject(
      LAST_ADMIN,
    );
    await expect(t.store.memberships.remove(CONSOLE_APP_ID, a)).rejects.toMatchObject(LAST_ADMIN);
    expect(await adminsNow()).toEqual([a]);
    // Changes that keep the role go through.
    expect((await t.gatehouse.setRoles(a, CONSOLE_APP_ID, ['admin', 'support'])).roles).toEqual([
      'admin',
      'support',
    ]);

    // With another active admin, either may go; then the other is the last.
    const b = await consoleAdmin();
    expect((await t.gatehouse.setRoles(a, CONSOLE_APP_ID, ['support'])).roles).toEqual(['support']);
    await expect(t.gatehouse.removeMember(b, CONSOLE_APP_ID)).rejects.toMatchObject(LAST_ADMIN);
    expect(await adminsNow()).toEqual([b]);

    // Another app's last admin is the app's own business.
    const app = await seedApp(t.store);
    await t.gatehouse.addMember(a, app.id, { role: 'admin' });
    expect((await t.gatehouse.setRoles(a, app.id, ['member'])).roles).toEqual(['member']);
    await t.gatehouse.removeMember(a, app.id);
    expect(await t.store.memberships.find(app.id, a)).toBeNull();
  });

  it('two admins demoted, removed or taken out at once leave exactly one, round after round', async () => {
    const [a, b] = [await consoleAdmin(), await consoleAdmin()];
    for (let round = 0; round < 6; round += 1) {
      const race =
        round % 3 === 0
          ? [
              t.gatehouse.setRoles(a, CONSOLE_APP_ID, ['support']),
              t.gatehouse.setRoles(b, CONSOLE_APP_ID, ['support']),
            ]
          : round % 3 === 1
            ? [t.gatehouse.removeMember(a, CONSOLE_APP_ID), t.gatehouse.removeMember(b, CONSOLE_APP_ID)]
            : [
                t.gatehouse.removeMember(a, CONSOLE_APP_ID),
                t.store.users.takeOut(b, 'suspended', t.clock.now(), ['active'], CONSOLE_ADMIN),
              ];
      // A refusal: LAST_ADMIN thrown by a membership change, `last_holder` answered by takeOut.
      const outcomes = (await Promise.allSettled(race)).map((r) =>
        r.status === 'rejected'
          ? (r.reason as { code?: string }).code
          : r.value === 'last_holder'
            ? 'LAST_ADMIN'
            : 'done',
      );
      expect([round, [...outcomes].sort()]).toEqual([round, ['LAST_ADMIN', 'done']]);
      const active = [];
      for (const id of await adminsNow()) {
        if ((await t.store.users.findById(id))?.status === 'active') active.push(id);
      }
      expect([round, active.length]).toEqual([round, 1]);
      // Bring both back as active admins for the next round.
      for (const id of [a, b]) {
        await t.store.users.changeStatus(id, 'active', t.clock.now(), ['suspended']);
        if (await t.store.memberships.find(CONSOLE_APP_ID, id)) {
          await t.gatehouse.setRoles(id, CONSOLE_APP_ID, ['admin']);
        } else {
          await t.gatehouse.addMember(id, CONSOLE_APP_ID, { role: 'admin' });
        }
      }
    }
  });
});
