/**
 * Contract: the account-lifecycle parts of UserStore (profile, address change, soft and hard
 * deletion, purge), the session history they rely on, and the erasure of sent mail payloads.
 */
import { expect, it } from 'vitest';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { TokenHash } from '../../../src/core/secrets.js';
import { hashToken } from '../../../src/crypto/opaque-token.js';
import { DAY, MINUTE, seedSession, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

const EMPTY_PROFILE = {
  displayName: null,
  imageUrl: null,
  phone: null,
  dateOfBirth: null,
  address: null,
  locale: null,
  metadata: {},
};

export function accountChangeCases({ store }: ContractContext): void {
  it('stores a profile patch: present fields change, absent ones stay, null clears', async () => {
    const { user } = await seedUser(store());
    expect(await store().users.findProfile(user.id)).toEqual(EMPTY_PROFILE);
    const address = {
      street: '1 Main St',
      city: 'Springfield',
      state: null,
      country: 'US',
      postalCode: '12345',
    };
    expect(
      await store().users.updateProfile(
        user.id,
        { name: 'Ada', displayName: 'A', address, metadata: { n: 1, deep: { list: [1, 'two'] } } },
        T0 + MINUTE,
      ),
    ).toBe(true);
    await store().users.updateProfile(user.id, { displayName: null, locale: 'en-GB' }, T0 + 2 * MINUTE);
    expect(await store().users.findProfile(user.id)).toEqual({
      ...EMPTY_PROFILE,
      address,
      locale: 'en-GB',
      metadata: { n: 1, deep: { list: [1, 'two'] } },
    });
    expect(await store().users.findById(user.id)).toMatchObject({ name: 'Ada', updatedAt: T0 + 2 * MINUTE });
  });

  it('changes the address only from the current one, ends the other sessions, keeps the named one', async () => {
    const { user, credential } = await seedUser(store());
    const kept = await seedSession(store(), user, credential);
    const other = await seedSession(store(), user, credential);
    expect(
      await store().users.changeEmail(user.id, 'not-mine@example.com', 'new@example.com', T0, null),
    ).toBe('stale');
    expect(await store().users.changeEmail(user.id, user.email, 'new@example.com', T0, kept.session.id)).toBe(
      'changed',
    );
    expect(await store().users.findById(user.id)).toMatchObject({
      email: 'new@example.com',
      emailVerified: true,
    });
    const live = await store().sessions.listLive(user.id, T0);
    expect(live.map((s) => s.id)).toEqual([kept.session.id]);
    const ended = (await store().sessions.listForUser(user.id)).find((s) => s.id === other.session.id);
    expect(ended?.revokedReason).toBe('email_changed');
  });

  it('refuses an address another account holds, changing nothing', async () => {
    const { user: holder } = await seedUser(store());
    const { user, credential } = await seedUser(store());
    await seedSession(store(), user, credential);
    expect(await store().users.changeEmail(user.id, user.email, holder.email!, T0, null)).toBe('taken');
    expect((await store().users.findById(user.id))?.email).toBe(user.email);
    expect(await store().sessions.listLive(user.id, T0)).toHaveLength(1);
  });

  it('an address change with its link spends the link in the same transaction: a used link changes nothing, a taken address leaves the link live', async () => {
    const { user: holder } = await seedUser(store());
    const { user } = await seedUser(store());
    const link = (purpose: 'change_email' | 'reset_password', email: string) => ({
      hash: hashToken(`link-${purpose}-${email}-${Math.random()}`) as TokenHash,
      userId: user.id,
      purpose,
      email,
      createdAt: T0,
      expiresAt: T0 + DAY,
    });
    const toTaken = link('change_email', holder.email!);
    await store().verificationTokens.issue(toTaken, T0);
    expect(
      await store().users.changeEmail(user.id, user.email, holder.email!, T0 + 1, null, true, {
        token: toTaken,
        voids: [],
      }),
    ).toBe('taken');
    expect((await store().verificationTokens.check(toTaken.hash, 'change_email', T0 + 1)).ok).toBe(true);

    const confirm = link('change_email', 'moved@example.com');
    const reset = link('reset_password', user.email!);
    await store().verificationTokens.issue(confirm, T0);
    await store().verificationTokens.issue(reset, T0);
    const spend = { token: confirm, voids: [{ purposes: ['reset_password' as const] }] };
    const { values, errors } = await settle(
      Array.from({ length: 6 }, () =>
        store().users.changeEmail(user.id, user.email, 'moved@example.com', T0 + 2, null, true, spend),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v === 'changed')).toHaveLength(1);
    expect(values.filter((v) => v !== 'changed').every((v) => v === 'used')).toBe(true);
    expect((await store().users.findById(user.id))?.email).toBe('moved@example.com');
    expect(await store().verificationTokens.check(confirm.hash, 'change_email', T0 + 3)).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(await store().verificationTokens.check(reset.hash, 'reset_password', T0 + 3)).toEqual({
      ok: false,
      reason: 'used',
    });

    const stale = link('change_email', 'elsewhere@example.com');
    await store().verificationTokens.issue(stale, T0);
    expect(
      await store().users.changeEmail(user.id, user.email, 'elsewhere@example.com', T0 + 4, null, true, {
        token: stale,
        voids: [],
      }),
    ).toBe('stale');
    expect((await store().verificationTokens.check(stale.hash, 'change_email', T0 + 4)).ok).toBe(false);
    expect((await store().users.findById(user.id))?.email).toBe('moved@example.com');
  });

  it('marks an address verified only while it is the user’s, spending the link in the same transaction', async () => {
    const { user } = await seedUser(store());
    const link = (email: string) => ({
      hash: hashToken(`verify-${email}-${Math.random()}`) as TokenHash,
      userId: user.id,
      purpose: 'verify_email' as const,
      email,
      createdAt: T0,
      expiresAt: T0 + DAY,
    });
    const old = link('left@example.com');
    await store().verificationTokens.issue(old, T0);
    expect(await store().users.markEmailVerified(user.id, old.email, T0 + 1, { token: old, voids: [] })).toBe(
      'stale',
    );
    expect((await store().verificationTokens.check(old.hash, 'verify_email', T0 + 1)).ok).toBe(false);
    expect((await store().users.findById(user.id))?.emailVerified).toBe(false);

    const current = link(user.email!);
    await store().verificationTokens.issue(current, T0 + 2);
    const { values, errors } = await settle(
      Array.from({ length: 5 }, () =>
        store().users.markEmailVerified(user.id, user.email!, T0 + 3, { token: current, voids: [] }),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.sort()).toEqual(['used', 'used', 'used', 'used', 'verified']);
    expect((await store().users.findById(user.id))?.emailVerified).toBe(true);
    expect(await store().users.markEmailVerified(user.id, user.email!, T0 + 4)).toBe('verified');
  });

  it('of concurrent moves of two accounts to one address, exactly one wins', async () => {
    const a = await seedUser(store());
    const b = await seedUser(store());
    const { values } = await settle(
      Array.from({ length: 10 }, (_, i) => {
        const { user } = i % 2 ? a : b;
        return store().users.changeEmail(user.id, user.email, 'contested@example.com', T0, null);
      }),
    );
    expect(values.filter((v) => v === 'changed')).toHaveLength(1);
    expect(await store().users.findByEmail('contested@example.com')).not.toBeNull();
  });

  it('soft-deletes an active user once, ends its sessions, restores only within the window', async () => {
    const { user, credential } = await seedUser(store());
    await seedSession(store(), user, credential);
    expect(await store().users.softDelete(user.id, T0)).toBe(true);
    expect(await store().users.softDelete(user.id, T0)).toBe(false);
    expect(await store().users.findById(user.id)).toMatchObject({ status: 'deleted' });
    expect(await store().users.findDeletedAt(user.id)).toBe(T0);
    expect(await store().sessions.listLive(user.id, T0)).toEqual([]);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(credential);
    expect(await store().users.updateProfile(user.id, { name: 'x' }, T0)).toBe(false);
    expect(await store().users.restore(user.id, T0 + DAY, T0 + 1)).toBe(false);
    expect(await store().users.restore(user.id, T0 + DAY, T0)).toBe(true);
    expect(await store().users.findById(user.id)).toMatchObject({ status: 'active' });
    expect(await store().users.findDeletedAt(user.id)).toBeNull();
  });

  it('purges only users deleted before the cut-off, each once across concurrent purges', async () => {
    const old = await Promise.all(Array.from({ length: 6 }, () => seedUser(store())));
    const recent = await seedUser(store());
    const active = await seedUser(store());
    for (const { user } of old) await store().users.softDelete(user.id, T0);
    await store().users.softDelete(recent.user.id, T0 + 10 * DAY);
    const { values } = await settle([
      store().users.purgeDeleted(T0 + DAY, 4),
      store().users.purgeDeleted(T0 + DAY, 4),
      store().users.purgeDeleted(T0 + DAY, 4),
    ]);
    const purged = values.flat();
    expect(new Set(purged).size).toBe(purged.length);
    expect(new Set(purged)).toEqual(new Set(old.map((o) => o.user.id)));
    expect(await store().users.findById(recent.user.id)).not.toBeNull();
    expect(await store().users.findById(active.user.id)).not.toBeNull();
  });

  it('hard-deletes a user with its credentials, sessions and mailed tokens', async () => {
    const { user, credential } = await seedUser(store());
    const { token } = await seedSession(store(), user, credential);
    const link = hashToken(`link-${Math.random()}`) as TokenHash;
    await store().verificationTokens.issue(
      {
        hash: link,
        userId: user.id,
        purpose: 'verify_email',
        email: user.email!,
        createdAt: T0,
        expiresAt: T0 + DAY,
      },
      T0,
    );
    expect(await store().users.hardDelete(user.id)).toBe(true);
    expect(await store().users.hardDelete(user.id)).toBe(false);
    expect(await store().users.findById(user.id)).toBeNull();
    expect(await store().credentials.listForUser(user.id)).toEqual([]);
    expect(await store().sessions.listForUser(user.id)).toEqual([]);
    expect(
      await store().sessions.rotateRefreshToken(token, hashToken('next') as TokenHash, T0, T0 + DAY),
    ).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await store().verificationTokens.consume(link, 'verify_email', T0)).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('tells whether a user had earlier sessions, and from this user agent', async () => {
    const { user, credential } = await seedUser(store());
    const first = await seedSession(store(), user, credential, { userAgent: 'Firefox' });
    expect(await store().sessions.deviceHistory(user.id, 'Firefox', first.session.id)).toEqual({
      earlier: false,
      sameDevice: false,
    });
    const second = await seedSession(store(), user, credential, { userAgent: null });
    expect(await store().sessions.deviceHistory(user.id, null, second.session.id)).toEqual({
      earlier: true,
      sameDevice: false,
    });
    expect(await store().sessions.deviceHistory(user.id, 'Firefox', second.session.id)).toEqual({
      earlier: true,
      sameDevice: true,
    });
  });

  it('erases a mail’s payload once it is sent or given up; keeps a webhook’s', async () => {
    const message = (kind: 'mail' | 'webhook') => ({
      id: newId('obx', T0, systemRandom),
      kind,
      payload: JSON.stringify({ to: 'a@example.com', text: 'https://x/verify?token=secret-token' }),
      createdAt: T0,
      availableAt: T0,
      attempts: 0,
    });
    const [sent, dead, retried, hook] = [
      message('mail'),
      message('mail'),
      message('mail'),
      message('webhook'),
    ];
    for (const m of [sent, dead, retried, hook]) await store().outbox.enqueue(m);
    await store().outbox.claim(T0, 10, MINUTE);
    await store().outbox.complete(sent.id, T0);
    await store().outbox.fail(dead.id, null, 'refused');
    await store().outbox.fail(retried.id, T0 + MINUTE, 'later');
    await store().outbox.complete(hook.id, T0);
    // The retried mail still has its payload when claimed again.
    const again = await store().outbox.claim(T0 + MINUTE, 10, MINUTE);
    expect(again.map((m) => [m.id, m.payload])).toEqual([[retried.id, retried.payload]]);
    await store().outbox.complete(retried.id, T0 + MINUTE);
    const erased = '{"erased":true}';
    expect(await store().outbox.get(sent.id)).toMatchObject({ state: 'sent', payload: erased });
    expect(await store().outbox.get(dead.id)).toMatchObject({
      state: 'dead',
      payload: erased,
      lastError: 'refused',
    });
    expect(await store().outbox.get(retried.id)).toMatchObject({
      state: 'sent',
      payload: erased,
      attempts: 2,
    });
    expect(await store().outbox.get(hook.id)).toMatchObject({ state: 'sent', payload: hook.payload });
    expect(await store().outbox.claim(T0 + DAY, 10, MINUTE)).toEqual([]);
  });
}
