/** Contract: refresh-token rotation — single use, reuse detection, ended sessions. */
import { expect, it } from 'vitest';
import { aTokenHash, DAY, HOUR, MINUTE, seedSession, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

export function refreshCases({ store }: ContractContext): void {
  async function seed(overrides = {}) {
    const { user, credential } = await seedUser(store());
    return { user, ...(await seedSession(store(), user, credential, overrides)) };
  }

  it('spends the presented token, issues the next and slides the idle expiry', async () => {
    const { session, token } = await seed();
    const next = aTokenHash();
    const now = T0 + HOUR;
    const result = await store().sessions.rotateRefreshToken(token, next, now, now + DAY);
    expect(result).toEqual({ ok: true, session: { ...session, lastUsedAt: now, idleExpiresAt: now + DAY } });
    expect(await store().sessions.findWithUser(session.id)).toMatchObject({
      session: result.ok && result.session,
    });
    const after = await store().sessions.rotateRefreshToken(next, aTokenHash(), now + 1, now + DAY);
    expect(after.ok).toBe(true);
  });

  it('never slides the idle expiry past the absolute expiry', async () => {
    const { token } = await seed({ expiresAt: T0 + 2 * DAY });
    const result = await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + HOUR, T0 + 5 * DAY);
    expect(result.ok && result.session.idleExpiresAt).toBe(T0 + 2 * DAY);
  });

  it('treats a spent token presented later as reuse and revokes the session', async () => {
    const { user, session, token } = await seed();
    const next = aTokenHash();
    await store().sessions.rotateRefreshToken(token, next, T0 + 1, T0 + DAY);
    const replay = await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + 2, T0 + DAY);
    expect(replay).toEqual({ ok: false, reason: 'reused', sessionId: session.id, userId: user.id });
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      revokedAt: T0 + 2,
      revokedReason: 'refresh_reused',
    });
    // The legitimate holder's unspent token is now dead too.
    const legit = await store().sessions.rotateRefreshToken(next, aTokenHash(), T0 + 3, T0 + DAY);
    expect(legit).toEqual({ ok: false, reason: 'session_ended', sessionId: session.id });
  });

  it('keeps the first revocation reason when a spent token is replayed on a revoked session', async () => {
    const { session, token } = await seed();
    await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + 1, T0 + DAY);
    await store().sessions.revoke(session.id, T0 + 2, 'sign_out');
    const replay = await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + 3, T0 + DAY);
    expect(replay).toMatchObject({ ok: false, reason: 'reused' });
    expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe('sign_out');
  });

  it('reports a hash that was never issued as unknown', async () => {
    await seed();
    expect(await store().sessions.rotateRefreshToken(aTokenHash(), aTokenHash(), T0, T0 + DAY)).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('reports an expired session as ended and leaves its token unspent', async () => {
    const { session, token } = await seed({ idleExpiresAt: T0 + MINUTE });
    const expected = { ok: false, reason: 'session_ended', sessionId: session.id };
    expect(await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + HOUR, T0 + DAY)).toEqual(
      expected,
    );
    // Unspent, so a second try is "ended" again rather than "reused".
    expect(await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + HOUR, T0 + DAY)).toEqual(
      expected,
    );
    expect(await store().sessions.findWithUser(session.id)).toMatchObject({ session });

    const absolute = await seed({ expiresAt: T0 + MINUTE });
    const late = await store().sessions.rotateRefreshToken(
      absolute.token,
      aTokenHash(),
      T0 + MINUTE,
      T0 + DAY,
    );
    expect(late).toMatchObject({ ok: false, reason: 'session_ended' });
  });

  it('reports a revoked session as ended', async () => {
    const { session, token } = await seed();
    await store().sessions.revoke(session.id, T0 + 1, 'sign_out');
    const result = await store().sessions.rotateRefreshToken(token, aTokenHash(), T0 + 2, T0 + DAY);
    expect(result).toEqual({ ok: false, reason: 'session_ended', sessionId: session.id });
  });

  it('lets exactly one of 20 concurrent rotations win; the rest see reuse and the session dies', async () => {
    const { session, token } = await seed();
    const now = T0 + HOUR;
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () =>
        store().sessions.rotateRefreshToken(token, aTokenHash(), now, now + DAY),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.filter((r) => r.ok)).toHaveLength(1);
    expect(values.filter((r) => !r.ok && r.reason === 'reused')).toHaveLength(19);
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      revokedAt: now,
      revokedReason: 'refresh_reused',
    });
  });

  it('within the grace window a spent token presented with its successor gets that successor back', async () => {
    const { session, token } = await seed();
    const next = aTokenHash();
    await store().sessions.rotateRefreshToken(token, next, T0 + 1000, T0 + DAY, 10_000);
    const again = await store().sessions.rotateRefreshToken(token, next, T0 + 5000, T0 + DAY, 10_000);
    expect(again).toEqual({
      ok: true,
      reissued: true,
      session: { ...session, lastUsedAt: T0 + 5000, idleExpiresAt: T0 + DAY },
    });
    // The successor is still the live token.
    expect((await store().sessions.rotateRefreshToken(next, aTokenHash(), T0 + 6000, T0 + DAY)).ok).toBe(
      true,
    );
  });

  it('the grace window does not cover a wrong successor, a spent successor or a late replay', async () => {
    for (const [presentedAt, successorSpent, rightSuccessor] of [
      [T0 + 5000, false, false],
      [T0 + 5000, true, true],
      [T0 + 11_001, false, true],
    ] as const) {
      const { session, token } = await seed();
      const next = aTokenHash();
      await store().sessions.rotateRefreshToken(token, next, T0 + 1000, T0 + DAY, 10_000);
      if (successorSpent) await store().sessions.rotateRefreshToken(next, aTokenHash(), T0 + 2000, T0 + DAY);
      const replay = await store().sessions.rotateRefreshToken(
        token,
        rightSuccessor ? next : aTokenHash(),
        presentedAt,
        T0 + DAY,
        10_000,
      );
      expect(replay).toMatchObject({ ok: false, reason: 'reused' });
      expect((await store().sessions.findWithUser(session.id))?.session.revokedReason).toBe('refresh_reused');
    }
  });

  it('with a grace window, 20 concurrent rotations of one token all get the one successor', async () => {
    const { session, token } = await seed();
    const next = aTokenHash();
    const now = T0 + HOUR;
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () =>
        store().sessions.rotateRefreshToken(token, next, now, now + DAY, 10_000),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.every((r) => r.ok)).toBe(true);
    expect(values.filter((r) => r.ok && !r.reissued)).toHaveLength(1);
    expect((await store().sessions.findWithUser(session.id))?.session.revokedAt).toBeNull();
    expect((await store().sessions.rotateRefreshToken(next, aTokenHash(), now + 1, now + DAY)).ok).toBe(true);
  });

  it('revokeByRefreshToken ends the session of a live or spent token once; unknown tokens change nothing', async () => {
    const { user, session, token } = await seed();
    const next = aTokenHash();
    await store().sessions.rotateRefreshToken(token, next, T0 + 1, T0 + DAY);
    expect(await store().sessions.revokeByRefreshToken(aTokenHash(), T0 + 2, 'token_revoked')).toBeNull();
    expect(await store().sessions.revokeByRefreshToken(token, T0 + 2, 'token_revoked')).toEqual({
      sessionId: session.id,
      userId: user.id,
    });
    expect((await store().sessions.findWithUser(session.id))?.session).toMatchObject({
      revokedAt: T0 + 2,
      revokedReason: 'token_revoked',
    });
    expect(await store().sessions.revokeByRefreshToken(next, T0 + 3, 'token_revoked')).toBeNull();
  });
}
