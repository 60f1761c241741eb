/**
 * Housekeeping through a real instance, on SQLite and PostgreSQL: what `gatehouse.housekeeping()`
 * deletes once records are past `recordRetentionDays` (and audit events past
 * `auditRetentionDays`), what it must keep — a live session and its current refresh token, audit
 * events by default, a lock still on, the previous window of a day-long rate limit — and its
 * report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(everyStoreKind)('housekeeping (%s)', (kind) => {
  let t: TestGatehouse | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const table = (name: string) => `${t!.tablePrefix}${name}`;
  const count = (name: string) => t!.db.count(table(name));
  const refresh = (refreshToken: string) => t!.request('POST', '/auth/refresh', { body: { refreshToken } });

  it('deletes ended sessions, spent refresh tokens, sent mail, dead links and retired keys past the retention period; a live session keeps working', async () => {
    t = await openGatehouse(kind, { recordRetentionDays: 7 });
    const leaving = await t.signUp();
    const staying = await t.signUp();
    // Three rotations: three spent tokens, and a current one.
    let current = staying;
    for (let i = 0; i < 3; i++) {
      const next = await refresh(current.refreshToken);
      expect(next.status).toBe(200);
      current = next.body;
    }
    // A reset link for the leaver; the lookup and the mail happen after the answer.
    expect(
      (await t.request('POST', '/auth/forgot-password', { body: { email: leaving.user.email } })).status,
    ).toBe(202);
    await waitUntil(
      async () =>
        (await t!.gatehouse.listAuditEvents({ userId: leaving.user.id, type: 'password.reset_requested' }))
          .items.length === 1,
      'the reset link to be issued',
    );
    expect((await t.request('POST', '/auth/sign-out', { token: leaving.accessToken })).status).toBe(200);
    await t.gatehouse.rotateSigningKey();
    // Two verification mails and the reset mail, all delivered.
    await waitUntil(
      async () => (await t!.db.rows(table('outbox'))).filter((r) => r.state === 'sent').length === 3,
      'every mail sent',
    );
    expect(await count('verification_tokens')).toBe(3);
    expect(await count('sessions')).toBe(2);
    expect(await count('refresh_tokens')).toBe(5);
    expect(await count('signing_keys')).toBe(2);
    const auditBefore = await count('audit_events');
    expect(auditBefore).toBeGreaterThan(0);

    // Not yet past the retention period: nothing goes (the retired key is past its tokens' life).
    t.clock.advance(6 * DAY);
    expect(await t.gatehouse.housekeeping()).toEqual({
      purgedUsers: 0,
      sessions: 0,
      refreshTokens: 0,
      outbox: 0,
      links: 0,
      auditEvents: 0,
      personalAccessTokens: 0,
      counters: 0,
      challenges: 0,
      signingKeys: 1,
    });

    // Past it for everything made at the start, verification links (valid a day) included.
    t.clock.advance(2 * DAY + HOUR);
    expect(await t.gatehouse.housekeeping()).toEqual({
      purgedUsers: 0,
      sessions: 1,
      refreshTokens: 3,
      outbox: 3,
      links: 3,
      auditEvents: 0,
      personalAccessTokens: 0,
      counters: 0,
      challenges: 0,
      signingKeys: 0,
    });
    expect(await count('sessions')).toBe(1);
    // The signed-out session's tokens went with it; the live one keeps only its current token.
    expect(await count('refresh_tokens')).toBe(1);
    expect(await count('outbox')).toBe(0);
    expect(await count('verification_tokens')).toBe(0);
    expect(await count('signing_keys')).toBe(1);
    // Audit events are kept unless auditRetentionDays is set.
    expect(await count('audit_events')).toBeGreaterThanOrEqual(auditBefore);

    // The live session goes on: its current refresh token rotates, and the new access token works.
    const renewed = await refresh(current.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await t.request('GET', '/auth/session', { token: renewed.body.accessToken })).status).toBe(200);
    // A token spent before the retention period is now unknown rather than reuse (documented
    // trade-off): refused, and the session lives on.
    const old = await refresh(staying.refreshToken);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/session', { token: renewed.body.accessToken })).status).toBe(200);

    expect(await t.gatehouse.housekeeping()).toMatchObject({ sessions: 0, refreshTokens: 0, links: 0 });
  });

  it('deletes personal access tokens revoked or expired past the retention period; live ones stay and work', async () => {
    t = await openGatehouse(kind, { recordRetentionDays: 7 });
    const { accessToken } = await t.signUp();
    const make = async (body: Record<string, unknown>) =>
      (
        await t!.request('POST', '/auth/tokens', {
          token: accessToken,
          body: { scopes: ['profile:read'], ...body },
        })
      ).body;
    const live = await make({ name: 'live' });
    const revoked = await make({ name: 'revoked' });
    await make({ name: 'expiring', expiresAt: t.clock.now() + DAY });
    expect((await t.request('DELETE', `/auth/tokens/${revoked.pat.id}`, { token: accessToken })).status).toBe(
      204,
    );
    t.clock.advance(7 * DAY);
    // The expired one ended 6 days ago, the revoked one 7 days ago to the millisecond: neither is past it.
    expect((await t.gatehouse.housekeeping()).personalAccessTokens).toBe(0);
    t.clock.advance(DAY + 1);
    expect((await t.gatehouse.housekeeping()).personalAccessTokens).toBe(2);
    expect((await t.db.rows(table('personal_access_tokens'))).map((r) => r.name)).toEqual(['live']);
    expect((await t.gatehouse.verifyPat(live.token)).pat.name).toBe('live');
  });

  it('deletes audit events older than auditRetentionDays, and only those', async () => {
    t = await openGatehouse(kind, { auditRetentionDays: 3 });
    const start = t.clock.now();
    const { user } = await t.signUp();
    t.clock.advance(2 * DAY);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
    t.clock.advance(2 * DAY);
    const ats = (await t.db.rows(table('audit_events'))).map((r) => Number(r.at));
    const old = ats.filter((at) => at === start).length;
    expect(old).toBeGreaterThan(0);
    expect(ats.length).toBeGreaterThan(old);

    const report = await t.gatehouse.housekeeping();
    expect(report.auditEvents).toBe(old);
    const left = (await t.db.rows(table('audit_events'))).map((r) => Number(r.at));
    expect(left).toHaveLength(ats.length - old);
    expect(left.every((at) => at === start + 2 * DAY)).toBe(true);
  });

  it('RATE-01: a lock longer than a day survives housekeeping', async () => {
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      lockout: { threshold: 2, baseSeconds: 3 * 24 * 3600, maxSeconds: 3 * 24 * 3600 },
    });
    const { user } = await t.signUp();
    const signIn = (password: string) =>
      t!.request('POST', '/auth/sign-in/email', { body: { email: user.email, password } });
    expect((await signIn('wrong password, first')).status).toBe(401);
    expect((await signIn('wrong password, second')).status).toBe(401);
    expect((await signIn('wrong password, third')).status).toBe(429);
    t.clock.advance(2 * DAY);
    await t.gatehouse.housekeeping();
    expect((await signIn(PASSWORD)).status).toBe(429);
    t.clock.advance(DAY + HOUR);
    expect((await signIn(PASSWORD)).status).toBe(200);
  });

  it('a day-long rate limit still counts its previous window after housekeeping (regression: windows were pruned after 24 h)', async () => {
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      limits: { credentialIp: { max: 3, window: 24 * 3600 } },
    });
    // Late in one day-long window…
    const windowStart = (Math.floor(t.clock.now() / DAY) + 1) * DAY;
    t.clock.set(windowStart + 23 * HOUR);
    const ip = '198.51.100.77';
    const signIn = () =>
      t!.request('POST', '/auth/sign-in/email', {
        body: { email: uniqueEmail('limited'), password: PASSWORD },
        ip,
      });
    for (let i = 0; i < 3; i++) expect((await signIn()).status).toBe(401);
    // …and an hour into the next: 23/24 of the previous window still counts (3 × 23/24 + 1 > 3).
    t.clock.set(windowStart + DAY + HOUR);
    await t.gatehouse.housekeeping();
    expect((await signIn()).status).toBe(429);
  });
});
