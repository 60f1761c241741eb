/**
 * Impersonation over HTTP, on SQLite and PostgreSQL: an operator starts a session as a user
 * (`POST /auth/admin/users/:id/impersonate`); its access token carries `act` (RFC 8693), it ends
 * at `admin.impersonationTtl` and nothing refreshes it; everything done with it is audited with
 * the operator and the user; it never reaches the admin API; and operators, inactive users and
 * non-members cannot be impersonated.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { systemRandom } from '../../src/core/random.js';
import { signJwt } from '../../src/crypto/jwt.js';
import { keySeal } from '../../src/crypto/key-seal.js';
import { hashToken } from '../../src/crypto/opaque-token.js';
import { aSession } from '../support/entities.js';
import { openGatehouse, PASSWORD, TEST_SECRET, type TestGatehouse } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const TTL_MS = 900_000;

/** The JWT's payload as it travels (not as we verify it). */
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A token signed with the instance's own key (unsealed with the test secret): only a claim can fail it. */
async function signedByUs(t: TestGatehouse, claims: Record<string, unknown>): Promise<string> {
  const current = (await t.store.signingKeys.list()).find((k) => k.retiredAt === null)!;
  const privateKey = createPrivateKey(keySeal(TEST_SECRET, systemRandom).open(current.sealedPrivateKey));
  return signJwt({ alg: 'ES256', typ: 'at+jwt', kid: current.kid }, claims, privateKey);
}

describe.each(storeKinds)('impersonation (%s)', (kind) => {
  let t: TestGatehouse;

  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const impersonate = (
    operator: SignedInOperator,
    userId: string,
    body: unknown = { reason: 'ticket 4711' },
  ) => t.request('POST', `/auth/admin/users/${userId}/impersonate`, { token: operator.accessToken, body });

  /** A fresh operator (its console token lives 15 minutes of the manual clock) and a fresh user. */
  async function operatorAndUser() {
    const operator = await signInOperator(t);
    const user = await t.signUp();
    return { operator, user, userId: user.user.id as string };
  }

  const auditOf = async (userId: string, type: string) =>
    (await t.gatehouse.listAuditEvents({ userId, type: type as never, limit: 100 })).items;

  it('starts a session as the user: 201, an access token carrying act, no refresh token, no cookie', async () => {
    const { operator, user, userId } = await operatorAndUser();
    const reply = await impersonate(operator, userId, { reason: '  ticket 4711: cannot see invoices  ' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(Object.keys(reply.body).sort()).toEqual([
      'accessToken',
      'expiresAt',
      'expiresIn',
      'session',
      'user',
    ]);
    expect(reply.body.refreshToken).toBeUndefined();
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.body.user).toMatchObject({ id: userId, email: user.user.email });
    expect(reply.body.expiresIn).toBe(900);
    expect(reply.body.expiresAt).toBe(new Date(t.clock.now() + TTL_MS).toISOString());
    expect(reply.body.session).toMatchObject({
      appId: 'app_00000000000070008000000000000000',
      aal: 'aal1',
      amr: [],
      expiresAt: reply.body.expiresAt,
    });

    // On the wire: RFC 8693 §4.1 `act` naming the operator; the subject is the user.
    const claims = payloadOf(reply.body.accessToken);
    expect(claims.sub).toBe(userId);
    expect(claims.act).toEqual({ sub: operator.userId });
    expect(claims.sid).toBe(reply.body.session.id);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    // And as verifyAccessToken returns it; a token of the user's own has none.
    expect((await t.gatehouse.verifyAccessToken(reply.body.accessToken)).act).toEqual({
      sub: operator.userId,
    });
    expect((await t.gatehouse.verifyAccessToken(user.accessToken)).act).toBeUndefined();

    // The token works as the user.
    const me = await t.request('GET', '/auth/me', { token: reply.body.accessToken });
    expect([me.status, me.body.id]).toEqual([200, userId]);
    const session = await t.request('GET', '/auth/session', { token: reply.body.accessToken });
    expect(session.body.user.id).toBe(userId);
    // The session says whose it is; the user's own sessions do not carry the field at all.
    expect(reply.body.session.impersonatorId).toBe(operator.userId);
    expect(session.body.session.impersonatorId).toBe(operator.userId);
    const own = await t.request('GET', '/auth/session', { token: user.accessToken });
    expect(Object.keys(own.body.session)).not.toContain('impersonatorId');

    // The session row names the operator.
    const row = await t.store.sessions.findWithUser(reply.body.session.id);
    expect(row?.session.impersonatorId).toBe(operator.userId);
  });

  it('audits the start as impersonation.started: actor the operator, target the user, the reason', async () => {
    const { operator, userId } = await operatorAndUser();
    const reply = await impersonate(operator, userId, { reason: 'ticket 4712' });
    expect(reply.status).toBe(201);
    const [started, ...more] = await auditOf(userId, 'impersonation.started');
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      actorId: operator.userId,
      userId,
      targetId: userId,
      sessionId: reply.body.session.id,
      outcome: 'success',
      data: {
        sessionId: reply.body.session.id,
        appId: 'app_00000000000070008000000000000000',
        reason: 'ticket 4712',
        via: 'admin_api',
      },
    });
    expect(JSON.stringify(started)).not.toContain(reply.body.accessToken);
  });

  it('audits every action taken with the token with both ids (via impersonation); the user’s own are not', async () => {
    const { operator, user, userId } = await operatorAndUser();
    const { accessToken } = (await impersonate(operator, userId)).body;

    const edit = await t.request('PATCH', '/auth/me', {
      token: accessToken,
      body: { name: 'Changed by support' },
    });
    expect([edit.status, edit.body.name]).toEqual([200, 'Changed by support']);
    const own = await t.request('PATCH', '/auth/me', {
      token: user.accessToken,
      body: { name: 'Mine again' },
    });
    expect(own.status).toBe(200);

    const [mine, theirs] = await auditOf(userId, 'user.updated');
    expect(theirs).toMatchObject({
      userId,
      actorId: operator.userId,
      data: { fields: 'name', via: 'impersonation' },
    });
    expect(mine).toMatchObject({ userId, actorId: null });
    expect(mine?.data.via).toBeUndefined();

    // Signing out ends the impersonation, audited the same way; the token stops working.
    const out = await t.request('POST', '/auth/sign-out', { token: accessToken });
    expect(out.status).toBe(200);
    const [revoked] = await auditOf(userId, 'session.revoked');
    expect(revoked).toMatchObject({
      actorId: operator.userId,
      data: { reason: 'sign_out', via: 'impersonation' },
    });
    expect((await t.request('GET', '/auth/me', { token: accessToken })).status).toBe(401);
    // The user's own session is untouched.
    expect((await t.request('GET', '/auth/me', { token: user.accessToken })).status).toBe(200);
  });

  it('the user sees the session among theirs and can end it', async () => {
    const { operator, user, userId } = await operatorAndUser();
    const { accessToken, session } = (await impersonate(operator, userId)).body;
    const listed = await t.request('GET', '/auth/sessions', { token: user.accessToken });
    expect(listed.body.sessions.map((s: { id: string }) => s.id)).toContain(session.id);
    // Marked as the operator's in the user's own list.
    const theirs = listed.body.sessions.find((s: { id: string }) => s.id === session.id);
    expect(theirs.impersonatorId).toBe(operator.userId);
    const end = await t.request('DELETE', `/auth/sessions/${session.id}`, { token: user.accessToken });
    expect(end.status).toBe(200);
    expect((await t.request('GET', '/auth/me', { token: accessToken })).status).toBe(401);
  });

  it('SES-04: ends at admin.impersonationTtl (900 s) however much it is used', async () => {
    const { operator, userId } = await operatorAndUser();
    const { accessToken } = (await impersonate(operator, userId)).body;
    t.clock.advance(TTL_MS - 60_000);
    // Used a minute before the end (sliding the idle expiry, which never passes the absolute one).
    expect((await t.request('GET', '/auth/me', { token: accessToken })).status).toBe(200);
    t.clock.advance(59_000);
    expect((await t.request('GET', '/auth/me', { token: accessToken })).status).toBe(200);
    t.clock.advance(1_000);
    const ended = await t.request('GET', '/auth/me', { token: accessToken });
    expect([ended.status, ended.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
    t.clock.advance(10_000);
    const expired = await t.request('GET', '/auth/me', { token: accessToken });
    expect([expired.status, expired.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('has no refresh: nothing to present, and a refresh token of such a session is refused', async () => {
    const { operator, userId } = await operatorAndUser();
    const reply = await impersonate(operator, userId);
    expect(reply.body.refreshToken).toBeUndefined();
    // No body and no cookie: nothing to refresh with.
    expect((await t.request('POST', '/auth/refresh')).status).toBe(401);

    // Even a refresh token that did exist (written straight to the store here) extends nothing.
    const now = t.clock.now();
    const forged = async (impersonatorId: string | null) => {
      const refreshToken = randomBytes(32).toString('base64url');
      const session = aSession(userId as never, null, {
        createdAt: now,
        lastUsedAt: now,
        authenticatedAt: now,
        idleExpiresAt: now + TTL_MS,
        expiresAt: now + TTL_MS,
        amr: [],
        impersonatorId: impersonatorId as never,
      });
      await t.store.sessions.create(session, hashToken(refreshToken));
      return { refreshToken, session };
    };
    const impersonated = await forged(operator.userId);
    const refused = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: impersonated.refreshToken },
    });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'IMPERSONATION_RESTRICTED']);
    expect(refused.body.accessToken).toBeUndefined();
    const row = await t.store.sessions.findWithUser(impersonated.session.id);
    expect(row?.session.expiresAt).toBe(now + TTL_MS);
    // The same session without an impersonator refreshes: the refusal is the impersonator's.
    const own = await forged(null);
    const refreshed = await t.request('POST', '/auth/refresh', { body: { refreshToken: own.refreshToken } });
    expect(refreshed.status).toBe(200);
  });

  it('a token signed by us with a malformed act, or an act token living longer than the TTL, is 401 INVALID_TOKEN', async () => {
    const { operator, userId } = await operatorAndUser();
    const { accessToken } = (await impersonate(operator, userId)).body;
    const genuine = payloadOf(accessToken);
    const now = Math.floor(t.clock.now() / 1000);
    const variants: Array<Record<string, unknown>> = [
      { ...genuine, act: operator.userId },
      { ...genuine, act: { sub: 'not-a-user' } },
      { ...genuine, act: {} },
      { ...genuine, act: null },
      { ...genuine, iat: now, exp: now + 901 + 5 },
    ];
    for (const claims of variants) {
      const reply = await t.request('GET', '/auth/session', { token: await signedByUs(t, claims) });
      expect([JSON.stringify(claims.act), reply.status, reply.body.error?.code]).toEqual([
        JSON.stringify(claims.act),
        401,
        'INVALID_TOKEN',
      ]);
    }
    // The same key and claims as issued pass: the refusals above are the claims'.
    expect((await t.request('GET', '/auth/session', { token: await signedByUs(t, genuine) })).status).toBe(
      200,
    );
  });

  it('AZ-05: an impersonated session never reaches the admin API (403 IMPERSONATION_RESTRICTED)', async () => {
    const { operator, userId } = await operatorAndUser();
    const { accessToken } = (await impersonate(operator, userId)).body;
    const me = await t.request('GET', '/auth/admin/me', { token: accessToken });
    expect([me.status, me.body.error?.code]).toEqual([403, 'IMPERSONATION_RESTRICTED']);
    const other = await t.signUp();
    const again = await t.request('POST', `/auth/admin/users/${other.user.id}/impersonate`, {
      token: accessToken,
      body: { reason: 'chained' },
    });
    expect([again.status, again.body.error?.code]).toEqual([403, 'IMPERSONATION_RESTRICTED']);
  });

  it('refuses to impersonate an operator (403 CANNOT_IMPERSONATE_OPERATOR), the caller included', async () => {
    const operator = await signInOperator(t);
    const colleague = await signInOperator(t, { role: 'support' });
    for (const target of [colleague.userId, operator.userId]) {
      const reply = await impersonate(operator, target);
      expect([reply.status, reply.body.error?.code]).toEqual([403, 'CANNOT_IMPERSONATE_OPERATOR']);
    }
    // Any console membership counts, whatever the role.
    const user = await t.signUp();
    await t.gatehouse.addMember(user.user.id, CONSOLE_APP_ID, { role: 'support' });
    const reply = await impersonate(operator, user.user.id);
    expect([reply.status, reply.body.error?.code]).toEqual([403, 'CANNOT_IMPERSONATE_OPERATOR']);
    expect(await auditOf(user.user.id, 'impersonation.started')).toEqual([]);
  });

  it('refuses users who are not active: suspended 403 USER_SUSPENDED, revoked 409 USER_REVOKED, deleted 404', async () => {
    const operator = await signInOperator(t);
    const suspended = await t.signUp();
    await t.gatehouse.suspendUser(suspended.user.id);
    const revoked = await t.signUp();
    await t.gatehouse.revokeUser(revoked.user.id);
    const deleted = await t.signUp();
    await t.gatehouse.deleteAccount(deleted.accessToken, PASSWORD);
    const answers = [];
    for (const user of [suspended, revoked, deleted]) {
      const reply = await impersonate(operator, user.user.id);
      answers.push([reply.status, reply.body.error?.code]);
    }
    expect(answers).toEqual([
      [403, 'USER_SUSPENDED'],
      [409, 'USER_REVOKED'],
      [404, 'NOT_FOUND'],
    ]);
  });

  it('refuses unknown users (404) and bad input (400) with nothing started', async () => {
    const operator = await signInOperator(t);
    for (const id of ['usr_0190f2a81b3c7abc8123456789abcdef', 'nope']) {
      const reply = await impersonate(operator, id);
      expect([reply.status, reply.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    }
    const user = await t.signUp();
    for (const body of [
      {},
      { reason: '   ' },
      { reason: 'x'.repeat(501) },
      { reason: 42 },
      { reason: 'ok', appId: 7 },
    ]) {
      const reply = await impersonate(operator, user.user.id, body);
      expect([JSON.stringify(body), reply.status, reply.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        'VALIDATION_ERROR',
      ]);
    }
    expect((await impersonate(operator, user.user.id, { reason: 'x'.repeat(500) })).status).toBe(201);
  });

  it('acts at the app named (a member there), refuses a non-member with 403 NOT_A_MEMBER and makes no membership', async () => {
    const { operator, userId } = await operatorAndUser();
    const { app } = await t.gatehouse.createApp({ name: 'Billing' });
    const refused = await impersonate(operator, userId, { reason: 'billing ticket', appId: app.id });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'NOT_A_MEMBER']);
    expect(await t.store.memberships.find(app.id as never, userId as never)).toBeNull();
    const unknown = await impersonate(operator, userId, {
      reason: 'x',
      appId: 'app_0190f2a81b3c7abc8123456789abcdef',
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'APP_NOT_FOUND']);

    await t.gatehouse.addMember(userId, app.id);
    const started = await impersonate(operator, userId, { reason: 'billing ticket', appId: app.id });
    expect(started.status).toBe(201);
    expect(started.body.session.appId).toBe(app.id);
    expect(payloadOf(started.body.accessToken).app).toBe(app.id);
    // Its token works at that app only, like any other.
    const there = await t.request('GET', '/auth/me', {
      token: started.body.accessToken,
      headers: { 'gatehouse-app': app.id },
    });
    expect(there.status).toBe(200);
    expect((await t.request('GET', '/auth/me', { token: started.body.accessToken })).status).toBe(401);
  });
});

describe('impersonation with another admin.impersonationTtl', () => {
  it('a TTL longer than accessTokenTtl: the one token lives the whole session, and not a second longer', async () => {
    const t = await openGatehouse('sqlite', { admin: { impersonationTtl: 1800 } });
    try {
      const operator = await signInOperator(t);
      const user = await t.signUp();
      const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
        token: operator.accessToken,
        body: { reason: 'long one' },
      });
      expect(reply.body.expiresIn).toBe(1800);
      const claims = payloadOf(reply.body.accessToken);
      expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
      // Past the ordinary 900 s access-token lifetime, still good.
      t.clock.advance(1_200_000);
      expect((await t.request('GET', '/auth/me', { token: reply.body.accessToken })).status).toBe(200);
      t.clock.advance(600_000);
      expect((await t.request('GET', '/auth/me', { token: reply.body.accessToken })).status).toBe(401);
      // A token without `act` claiming that lifetime is not one we sign.
      const now = Math.floor(t.clock.now() / 1000);
      const own = await t.signUp();
      const plain = await signedByUs(t, { ...payloadOf(own.accessToken), iat: now, exp: now + 1800 });
      expect((await t.request('GET', '/auth/session', { token: plain })).body.error?.code).toBe(
        'INVALID_TOKEN',
      );
      // An ordinary token is still held to accessTokenTtl.
      const fresh = await t.signUp();
      t.clock.advance(906_000);
      expect((await t.request('GET', '/auth/me', { token: fresh.accessToken })).body.error?.code).toBe(
        'TOKEN_EXPIRED',
      );
    } finally {
      await t.close();
    }
  });

  it('a short TTL ends the session sooner', async () => {
    const t = await openGatehouse('sqlite', { admin: { impersonationTtl: 120 } });
    try {
      const operator = await signInOperator(t);
      const user = await t.signUp();
      const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
        token: operator.accessToken,
        body: { reason: 'quick look' },
      });
      expect([reply.body.expiresIn, reply.body.expiresAt]).toEqual([
        120,
        new Date(t.clock.now() + 120_000).toISOString(),
      ]);
      t.clock.advance(119_000);
      expect((await t.request('GET', '/auth/me', { token: reply.body.accessToken })).status).toBe(200);
      t.clock.advance(1_000);
      expect((await t.request('GET', '/auth/me', { token: reply.body.accessToken })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
