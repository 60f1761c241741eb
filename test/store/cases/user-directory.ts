/**
 * Contract: the user directory — id order and `after` paging; deleted users only when asked for;
 * the search is case-insensitive over email, username, name and display name and takes `%`, `_`
 * and `\` literally; the app, role (whole names only), plan, verified and second-factor filters;
 * and `updateByOperator` leaves a revoked user alone.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { DEFAULT_APP_ID, type Membership } from '../../../src/core/apps.js';
import type { User } from '../../../src/core/entities.js';
import { type AppId, newId, type UserId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { TokenHash } from '../../../src/core/secrets.js';
import type { UserDirectoryQuery } from '../../../src/store/ports/user-directory.js';
import { seedApp } from '../../support/apps.js';
import { aUser, T0 } from '../../support/entities.js';
import type { ContractContext } from './context.js';

export function userDirectoryCases({ store }: ContractContext): void {
  let tick = 0;
  /** A stored user whose id sorts after every earlier one's (ids carry their millisecond). */
  const addUser = async (overrides: Partial<User> = {}, displayName?: string): Promise<User> => {
    const at = T0 + ++tick;
    const user = aUser({ id: newId('usr', at, systemRandom), createdAt: at, updatedAt: at, ...overrides });
    await store().users.create(user, displayName === undefined ? {} : { displayName });
    return user;
  };
  const ids = async (query: Partial<UserDirectoryQuery>) =>
    (await store().userDirectory.list({ limit: 100, ...query })).map((e) => e.user.id);
  const join = (appId: AppId, userId: UserId, overrides: Partial<Membership> = {}) =>
    store().memberships.ensure({
      appId,
      userId,
      roles: ['member'],
      plan: 'free',
      permissions: [],
      createdAt: T0,
      updatedAt: T0,
      ...overrides,
    });

  it('lists by id, a page after a given id, and leaves deleted users out unless asked for', async () => {
    const a = await addUser();
    const b = await addUser({ status: 'suspended' });
    const c = await addUser({ status: 'revoked' });
    const d = await addUser();
    expect(await store().users.softDelete(d.id, T0 + 100)).toBe(true);
    const e = await addUser({}, 'Eve');

    expect(await ids({})).toEqual([a.id, b.id, c.id, e.id]);
    expect(await ids({ limit: 2 })).toEqual([a.id, b.id]);
    expect(await ids({ after: b.id, limit: 2 })).toEqual([c.id, e.id]);
    expect(await ids({ after: e.id })).toEqual([]);
    expect(await ids({ status: 'active' })).toEqual([a.id, e.id]);
    expect(await ids({ status: 'suspended' })).toEqual([b.id]);
    expect(await ids({ status: 'revoked' })).toEqual([c.id]);
    expect(await ids({ status: 'deleted' })).toEqual([d.id]);

    const [first] = await store().userDirectory.list({ limit: 1, after: c.id });
    expect(first).toEqual({ user: e, displayName: 'Eve' });
  });

  it('searches email, username, name and display name, case-insensitively', async () => {
    const byEmail = await addUser({ email: 'alice@example.com' });
    const byUsername = await addUser({ email: null, username: 'bob_the_builder' });
    const twoColumns = await addUser({ email: 'b@site.test', username: 'robert' });
    const byName = await addUser({ email: 'c@other.test', name: 'Carol EXAMPLE-Smith' });
    const byDisplayName = await addUser({ email: 'd@other.test' }, 'Dee from Example Inc');
    await addUser({ email: 'nobody@other.test', name: 'Nobody' });

    expect(await ids({ query: 'example' })).toEqual([byEmail.id, byName.id, byDisplayName.id]);
    expect(await ids({ query: 'ExAmPlE' })).toEqual([byEmail.id, byName.id, byDisplayName.id]);
    expect(await ids({ query: 'BUILDER' })).toEqual([byUsername.id]);
    expect(await ids({ query: 'from example' })).toEqual([byDisplayName.id]);
    expect(await ids({ query: 'ice@exa' })).toEqual([byEmail.id]);
    expect(await ids({ query: 'no such text' })).toEqual([]);
    // Two columns side by side are not one text: the end of one and the start of the next.
    expect(await ids({ query: 'robert' })).toEqual([twoColumns.id]);
    expect(await ids({ query: 'test robert' })).toEqual([]);
    expect(await ids({ query: 'example', status: 'suspended' })).toEqual([]);
  });

  it('takes %, _ and \\ in a search literally', async () => {
    // Addresses of their own: the default ones hold the id, and with it an underscore.
    const user = (n: number, fields: Partial<User>) => addUser({ email: `p${n}@site.test`, ...fields });
    const percent = await user(1, { name: '100% Ada' });
    const underscore = await user(2, { username: 'ada_l' });
    const backslash = await user(3, { name: 'Ada \\ Byron' });
    // Each would match if the character were a wildcard (or, for `\`, an escape).
    await user(4, { name: '1000 Ada' });
    await user(5, { username: 'adaxl' });
    await user(6, { name: 'Ada  Byron' });

    expect(await ids({ query: '%' })).toEqual([percent.id]);
    expect(await ids({ query: '0% A' })).toEqual([percent.id]);
    expect(await ids({ query: '_' })).toEqual([underscore.id]);
    expect(await ids({ query: 'ada_l' })).toEqual([underscore.id]);
    expect(await ids({ query: '\\' })).toEqual([backslash.id]);
    expect(await ids({ query: 'a \\ b' })).toEqual([backslash.id]);
  });

  it('filters by app membership, a whole role name there, and plan', async () => {
    const app = await seedApp(store());
    await store().roles.create({
      appId: app.id,
      name: 'superadmin',
      description: null,
      permissions: [],
      builtIn: false,
      createdAt: T0,
    });
    const admin = await addUser();
    const superadmin = await addUser();
    const both = await addUser();
    const pro = await addUser();
    const outsider = await addUser();
    const elsewhere = await addUser();
    await join(app.id, admin.id, { roles: ['member', 'admin'] });
    await join(app.id, superadmin.id, { roles: ['superadmin'] });
    await join(app.id, both.id, { roles: ['superadmin', 'admin'] });
    await join(app.id, pro.id, { plan: 'pro' });
    await join(DEFAULT_APP_ID, elsewhere.id, { roles: ['admin'] });

    expect(await ids({ appId: app.id })).toEqual([admin.id, superadmin.id, both.id, pro.id]);
    expect(await ids({ appId: app.id, role: 'admin' })).toEqual([admin.id, both.id]);
    expect(await ids({ appId: app.id, role: 'superadmin' })).toEqual([superadmin.id, both.id]);
    expect(await ids({ appId: app.id, role: 'admi' })).toEqual([]);
    expect(await ids({ appId: app.id, role: 'member' })).toEqual([admin.id, pro.id]);
    expect(await ids({ appId: app.id, plan: 'pro' })).toEqual([pro.id]);
    expect(await ids({ appId: app.id, plan: 'free', role: 'admin' })).toEqual([admin.id, both.id]);
    expect(await ids({ appId: DEFAULT_APP_ID, role: 'admin' })).toEqual([elsewhere.id]);
    expect(await ids({})).toContain(outsider.id);
  });

  it('filters by verified address', async () => {
    const verified = await addUser({ emailVerified: true });
    const unverified = await addUser({ emailVerified: false });
    expect(await ids({ verified: true })).toEqual([verified.id]);
    expect(await ids({ verified: false })).toEqual([unverified.id]);
  });

  it('filters by second factor: an active authenticator app, a passkey or a phone; not recovery codes alone', async () => {
    const totp = await addUser();
    const pendingTotp = await addUser();
    const passkey = await addUser();
    const phone = await addUser();
    const codesOnly = await addUser();
    const several = await addUser();
    const none = await addUser();

    const totpFactor = (user: User) => ({
      id: newId('mfa', T0, systemRandom),
      userId: user.id,
      sealedSecret: 'sealed',
      status: 'pending' as const,
      lastStep: null,
      createdAt: T0,
      activatedAt: null,
    });
    for (const user of [totp, several]) {
      const factor = totpFactor(user);
      expect(await store().totp.putPending(factor)).toBe(true);
      expect(await store().totp.activate(factor.id, 1, T0 + 1)).toBe(true);
    }
    expect(await store().totp.putPending(totpFactor(pendingTotp))).toBe(true);
    for (const user of [passkey, several]) {
      await store().passkeys.add({
        id: newId('mfa', T0, systemRandom),
        userId: user.id,
        credentialId: randomBytes(16).toString('base64url'),
        publicKey: new Uint8Array([1, 2, 3]),
        algorithm: -7,
        counter: 0,
        transports: [],
        aaguid: '00000000-0000-0000-0000-000000000000',
        backupEligible: false,
        backedUp: false,
        name: 'key',
        createdAt: T0,
        lastUsedAt: null,
      });
    }
    for (const user of [phone, several]) {
      await store().phones.add({
        id: newId('mfa', T0, systemRandom),
        userId: user.id,
        phone: '+14155550123',
        createdAt: T0,
        verifiedAt: T0,
      });
    }
    for (const user of [codesOnly, several]) {
      await store().recoveryCodes.replaceAll(user.id, [randomBytes(16).toString('hex') as TokenHash], T0);
    }

    expect(await ids({ hasMfa: true })).toEqual([totp.id, passkey.id, phone.id, several.id]);
    expect(await ids({ hasMfa: false })).toEqual([pendingTotp.id, codesOnly.id, none.id]);
  });

  it('updateByOperator leaves a revoked user as it was', async () => {
    const user = await addUser({ name: 'Before' });
    expect(await store().users.changeStatus(user.id, 'revoked', T0 + 50)).toBe(true);
    expect(await store().users.updateByOperator(user.id, { name: 'After' }, T0 + 51)).toBe(false);
    expect(await store().users.findById(user.id)).toMatchObject({ name: 'Before', updatedAt: T0 + 50 });
  });
}
