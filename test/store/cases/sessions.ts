/** Contract: SessionStore, except refresh-token rotation (see refresh.ts). */
import { expect, it } from 'vitest';
import { aSession, DAY, HOUR, MINUTE, seedSession, seedUser, T0 } from '../../support/entities.js';
import type { ContractContext } from './context.js';

export function sessionCases({ store }: ContractContext): void {
  it('round-trips a session with its user in one lookup', async () => {
    const { user, credential } = await seedUser(store(), { name: 'Grace', emailVerified: true });
    const { session } = await seedSession(store(), user, credential);
    expect(await store().sessions.findWithUser(session.id)).toEqual({ session, user });
    const bare = await seedSession(store(), user, null, { ip: null, userAgent: null });
    expect(await store().sessions.findWithUser(bare.session.id)).toEqual({ session: bare.session, user });
  });

  it('revokeAllForUser ends every live session of that user only', async () => {
    const { user, credential } = await seedUser(store());
    const other = await seedUser(store());
    const mine = [await seedSession(store(), user, credential), await seedSession(store(), user, null)];
    const theirs = await seedSession(store(), other.user, other.credential);
    expect(await store().sessions.revokeAllForUser(user.id, T0 + MINUTE, 'password_reset')).toBe(2);
    for (const { session } of mine) {
      expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
        revokedAt: T0 + MINUTE,
        revokedReason: 'password_reset',
      });
    }
    expect((await store().sessions.findWithUser(theirs.session.id))?.session.revokedAt).toBeNull();
    expect(await store().sessions.revokeAllForUser(user.id, T0 + 2 * MINUTE, 'again')).toBe(0);
  });

  it('revokeAllForUser with except keeps that one session, in the same statement', async () => {
    const { user, credential } = await seedUser(store());
    const kept = await seedSession(store(), user, credential);
    const others = [await seedSession(store(), user, credential), await seedSession(store(), user, null)];
    expect(
      await store().sessions.revokeAllForUser(user.id, T0 + MINUTE, 'sign_out_others', kept.session.id),
    ).toBe(2);
    expect((await store().sessions.findWithUser(kept.session.id))?.session.revokedAt).toBeNull();
    for (const { session } of others) {
      expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe(
        'sign_out_others',
      );
    }
    expect(await store().sessions.revokeAllForUser(user.id, T0 + 2 * MINUTE, 'again', kept.session.id)).toBe(
      0,
    );
  });

  it('finds nothing for an unknown session, and finds revoked ones', async () => {
    const { user, credential } = await seedUser(store());
    const { session } = await seedSession(store(), user, credential);
    expect(await store().sessions.findWithUser(aSession(user.id, null).id)).toBeNull();
    await store().sessions.revoke(session.id, T0 + 1, 'sign_out');
    expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe('sign_out');
  });

  it('touch slides the idle expiry, capped at the absolute expiry', async () => {
    const { user } = await seedUser(store());
    const { session } = await seedSession(store(), user, null, { expiresAt: T0 + 2 * DAY });
    await store().sessions.touch(session.id, T0 + HOUR, T0 + HOUR + DAY);
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      lastUsedAt: T0 + HOUR,
      idleExpiresAt: T0 + HOUR + DAY,
    });
    await store().sessions.touch(session.id, T0 + DAY, T0 + 3 * DAY);
    expect((await store().sessions.findWithUser(session.id))?.session.idleExpiresAt).toBe(T0 + 2 * DAY);
  });

  it('touch does not revive a revoked or idle-expired session', async () => {
    const { user } = await seedUser(store());
    const revoked = await seedSession(store(), user, null);
    await store().sessions.revoke(revoked.session.id, T0 + 1, 'sign_out');
    await store().sessions.touch(revoked.session.id, T0 + 2, T0 + DAY);
    expect((await store().sessions.findWithUser(revoked.session.id))?.session.lastUsedAt).toBe(T0);
    const idle = await seedSession(store(), user, null, { idleExpiresAt: T0 + MINUTE });
    await store().sessions.touch(idle.session.id, T0 + HOUR, T0 + DAY);
    expect((await store().sessions.findWithUser(idle.session.id))?.session).toEqual(idle.session);
  });

  it('revokes a live session once, scoped to its user when asked', async () => {
    const { user } = await seedUser(store());
    const other = await seedUser(store());
    const { session } = await seedSession(store(), user, null);
    expect(await store().sessions.revoke(session.id, T0 + 1, 'revoked_by_user', other.user.id)).toBe(false);
    expect((await store().sessions.findWithUser(session.id))?.session.revokedAt).toBeNull();
    expect(await store().sessions.revoke(session.id, T0 + 2, 'revoked_by_user', user.id)).toBe(true);
    expect(await store().sessions.revoke(session.id, T0 + 3, 'sign_out')).toBe(false);
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      revokedAt: T0 + 2,
      revokedReason: 'revoked_by_user',
    });
    expect(await store().sessions.revoke(aSession(user.id, null).id, T0, 'sign_out')).toBe(false);
  });

  it('lists only the live sessions of one user, newest first', async () => {
    const { user } = await seedUser(store());
    const other = await seedUser(store());
    const older = await seedSession(store(), user, null, { createdAt: T0 - HOUR });
    const newer = await seedSession(store(), user, null, { createdAt: T0 });
    const revoked = await seedSession(store(), user, null);
    await store().sessions.revoke(revoked.session.id, T0, 'sign_out');
    await seedSession(store(), user, null, { idleExpiresAt: T0 + MINUTE });
    await seedSession(store(), user, null, { expiresAt: T0 + MINUTE });
    await seedSession(store(), other.user, null);
    const live = await store().sessions.listLive(user.id, T0 + MINUTE);
    expect(live).toEqual([newer.session, older.session]);
  });
}
