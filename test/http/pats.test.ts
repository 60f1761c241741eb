/**
 * Personal access tokens over HTTP on SQLite and PostgreSQL: create (shown once, stored as a
 * digest), list, revoke one, revoke all; `lastUsedAt` at most once a minute on the injected
 * clock; expiry and the lifetime limit; the per-user cap (also under concurrent requests); the
 * validation answers. Ownership and the threats by id are in test/security/pats.test.ts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import type { GatehouseEvent } from '../../src/core/events.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const TOKEN = /^pat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/;

/** The error code of a refused call of the instance's methods. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'resolved';
}

describe.each(everyStoreKind)('personal access tokens (%s)', (kind) => {
  let t: TestGatehouse;
  const events: GatehouseEvent[] = [];
  beforeAll(async () => {
    t = await openGatehouse(kind);
    t.gatehouse.on('*', (event) => {
      if (event.type.startsWith('pat.')) events.push(event);
    });
  });
  afterAll(() => t.close());

  const create = (token: string, body: unknown) => t.request('POST', '/auth/tokens', { token, body });
  const list = (token: string) => t.request('GET', '/auth/tokens', { token });
  const rows = async () => t.db.rows(`${t.tablePrefix}personal_access_tokens`);

  it('creates a token shown once: 201 with the token and its view; lists never show it; the row holds its SHA-256 only', async () => {
    const { accessToken, user } = await t.signUp();
    const before = t.clock.now();
    const created = await create(accessToken, { name: '  CI deploys ', scopes: ['invoices:read', 'ci/*'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toContain('no-store');
    const { token, pat } = created.body;
    expect(token).toMatch(TOKEN);
    expect(pat).toEqual({
      id: token.slice(0, 36),
      name: 'CI deploys',
      scopes: ['invoices:read', 'ci/*'],
      appId: DEFAULT_APP_ID,
      createdAt: new Date(before).toISOString(),
      expiresAt: null,
      lastUsedAt: null,
    });
    const secret = token.slice(37);

    const listed = await list(accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ tokens: [pat] });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const [row, ...others] = (await rows()).filter((r) => r.id === pat.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ user_id: user.id, app_id: DEFAULT_APP_ID, revoked_at: null });
    expect(row!.secret_hash).toBe(createHash('sha256').update(secret).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(secret);

    // The embedded check accepts it, and gives the user and the view (no secret there either).
    const verified = await t.gatehouse.verifyPat(token);
    expect(verified.user.id).toBe(user.id);
    expect(verified.pat).toMatchObject({ id: pat.id, scopes: pat.scopes, appId: DEFAULT_APP_ID });
    expect(JSON.stringify(verified)).not.toContain(secret);

    // The event says which token, app and scopes — never the secret.
    const event = events.find((e) => e.type === 'pat.created' && e.data.patId === pat.id);
    expect(event).toMatchObject({
      userId: user.id,
      data: { patId: pat.id, appId: DEFAULT_APP_ID, scopes: 'invoices:read ci/*' },
    });
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('the token is for the app of the session that made it', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('app');
    await t.signUp(email);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'gatehouse-app': app.id },
    });
    expect(signIn.status).toBe(200);
    const created = await t.request('POST', '/auth/tokens', {
      token: signIn.body.accessToken,
      body: { name: 'app token', scopes: ['read'] },
      headers: { 'gatehouse-app': app.id },
    });
    expect(created.status).toBe(201);
    expect(created.body.pat.appId).toBe(app.id);
    expect((await t.gatehouse.verifyPat(created.body.token)).pat.appId).toBe(app.id);
  });

  it('revokes one (204, then 404) and then all (200 with the count); revoked tokens stop working at once', async () => {
    const { accessToken } = await t.signUp();
    const made: Array<{ token: string; pat: { id: string } }> = [];
    for (const name of ['one', 'two', 'three']) {
      made.push((await create(accessToken, { name, scopes: ['s'] })).body);
      // Ids order by creation time to the millisecond.
      t.clock.advance(1);
    }
    expect((await list(accessToken)).body.tokens.map((p: { name: string }) => p.name)).toEqual([
      'three',
      'two',
      'one',
    ]);

    const revoked = await t.request('DELETE', `/auth/tokens/${made[0]!.pat.id}`, { token: accessToken });
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBe('');
    expect(await codeOf(t.gatehouse.verifyPat(made[0]!.token))).toBe('INVALID_TOKEN');
    expect((await t.gatehouse.verifyPat(made[1]!.token)).pat.id).toBe(made[1]!.pat.id);
    const again = await t.request('DELETE', `/auth/tokens/${made[0]!.pat.id}`, { token: accessToken });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
    expect((await list(accessToken)).body.tokens.map((p: { name: string }) => p.name)).toEqual([
      'three',
      'two',
    ]);

    const all = await t.request('DELETE', '/auth/tokens', { token: accessToken });
    expect(all).toMatchObject({ status: 200, body: { revoked: 2 } });
    for (const { token } of made) expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await list(accessToken)).body).toEqual({ tokens: [] });
    expect((await t.request('DELETE', '/auth/tokens', { token: accessToken })).body).toEqual({ revoked: 0 });
    const revokedEvents = events.filter((e) => e.type === 'pat.revoked');
    expect(revokedEvents.some((e) => e.data.patId === made[0]!.pat.id)).toBe(true);
    expect(revokedEvents.some((e) => e.data.all === true && e.data.count === 2)).toBe(true);
  });

  it('records lastUsedAt at most once a minute', async () => {
    const { accessToken } = await t.signUp();
    const { token, pat } = (await create(accessToken, { name: 'ci', scopes: ['s'] })).body;
    const lastUsed = async () =>
      (await list(accessToken)).body.tokens.find((p: { id: string }) => p.id === pat.id).lastUsedAt;
    const first = t.clock.now();
    await t.gatehouse.verifyPat(token);
    expect(await lastUsed()).toBe(new Date(first).toISOString());
    t.clock.advance(30_000);
    await t.gatehouse.verifyPat(token);
    t.clock.advance(30_000);
    await t.gatehouse.verifyPat(token);
    expect(await lastUsed()).toBe(new Date(first).toISOString());
    t.clock.advance(1);
    await t.gatehouse.verifyPat(token);
    expect(await lastUsed()).toBe(new Date(first + MINUTE + 1).toISOString());
    const row = (await rows()).find((r) => r.id === pat.id);
    expect(Number(row!.last_used_at)).toBe(first + MINUTE + 1);
  });

  it('an expiring token works until its expiry and not from then on; the expiry must be in the future', async () => {
    const email = uniqueEmail('expiry');
    const { accessToken } = await t.signUp(email);
    const now = t.clock.now();
    const created = await create(accessToken, { name: 'short', scopes: ['s'], expiresAt: now + 3_600_000 });
    expect(created.status).toBe(201);
    expect(created.body.pat.expiresAt).toBe(new Date(now + 3_600_000).toISOString());
    t.clock.advance(3_600_000 - 1);
    expect((await t.gatehouse.verifyPat(created.body.token)).pat.id).toBe(created.body.pat.id);
    t.clock.advance(1);
    expect(await codeOf(t.gatehouse.verifyPat(created.body.token))).toBe('INVALID_TOKEN');
    // The access token has expired meanwhile: a new sign-in lists and creates.
    const fresh = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } }))
      .body.accessToken;
    // Expired tokens stay listed (with their expiry) until revoked.
    expect((await list(fresh)).body.tokens.map((p: { id: string }) => p.id)).toEqual([created.body.pat.id]);
    for (const expiresAt of [t.clock.now(), t.clock.now() - 1]) {
      const refused = await create(fresh, { name: 'past', scopes: ['s'], expiresAt });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        issues: [{ path: 'expiresAt', message: 'must be in the future' }],
      });
    }
  });

  it('refuses bad input with 400 VALIDATION_ERROR naming the field, and stores nothing', async () => {
    const { accessToken, user } = await t.signUp();
    const cases: Array<[unknown, string]> = [
      [{ scopes: ['s'] }, 'name'],
      [{ name: '', scopes: ['s'] }, 'name'],
      [{ name: '   ', scopes: ['s'] }, 'name'],
      [{ name: 'x'.repeat(101), scopes: ['s'] }, 'name'],
      [{ name: 42, scopes: ['s'] }, 'name'],
      [{ name: 'n' }, 'scopes'],
      [{ name: 'n', scopes: [] }, 'scopes'],
      [{ name: 'n', scopes: 'read' }, 'scopes'],
      [{ name: 'n', scopes: Array.from({ length: 33 }, (_, i) => `s${i}`) }, 'scopes'],
      [{ name: 'n', scopes: ['read', 'read'] }, 'scopes'],
      [{ name: 'n', scopes: ['has space'] }, 'scopes.0'],
      [{ name: 'n', scopes: ['ok', 'a,b'] }, 'scopes.1'],
      [{ name: 'n', scopes: ['-leading'] }, 'scopes.0'],
      [{ name: 'n', scopes: ['x'.repeat(65)] }, 'scopes.0'],
      [{ name: 'n', scopes: [7] }, 'scopes.0'],
      [{ name: 'n', scopes: ['s'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'n', scopes: ['s'], expiresAt: t.clock.now() + 1.5 }, 'expiresAt'],
    ];
    for (const [body, path] of cases) {
      const reply = await create(accessToken, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const notJson = await t.request('POST', '/auth/tokens', { token: accessToken, raw: '{"name":' });
    expect(notJson.status).toBe(400);
    // The limits themselves are accepted.
    const widest = await create(accessToken, {
      name: 'x'.repeat(100),
      scopes: Array.from({ length: 32 }, (_, i) => `scope:${i}`),
    });
    expect(widest.status).toBe(201);
    expect((await rows()).filter((r) => r.user_id === user.id)).toHaveLength(1);
  });

  it('every route needs a session: 401 without a token or with a wrong one', async () => {
    for (const [method, path] of [
      ['POST', '/auth/tokens'],
      ['GET', '/auth/tokens'],
      ['DELETE', '/auth/tokens'],
      ['DELETE', '/auth/tokens/pat_0190f2a81b3c7abc8123456789abcdef'],
    ] as const) {
      const body = method === 'POST' ? { name: 'n', scopes: ['s'] } : undefined;
      const bare = await t.request(method, path, { body });
      expect(bare.status, `${method} ${path}`).toBe(401);
      const wrong = await t.request(method, path, { body, token: 'not-a-token' });
      expect(wrong.status, `${method} ${path}`).toBe(401);
    }
  });

  it('verifyPat refuses malformed, unknown and wrong-secret tokens alike', async () => {
    const { accessToken } = await t.signUp();
    const { token } = (await create(accessToken, { name: 'n', scopes: ['s'] })).body;
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `pat_0190f2a81b3c7abc8123456789abcdef_${token.slice(37)}`;
    for (const bad of [flipped, unknown, token.slice(0, 36), `${token}=`, '', 'pat_', accessToken]) {
      expect(await codeOf(t.gatehouse.verifyPat(bad)), bad.slice(0, 40)).toBe('INVALID_TOKEN');
    }
    expect((await t.gatehouse.verifyPat(token)).pat.name).toBe('n');
  });
});

describe.each(everyStoreKind)('personal access token settings (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { pats: { maxPerUser: 3, maxLifetimeDays: 30 } });
  });
  afterAll(() => t.close());

  const create = (token: string, body: unknown) => t.request('POST', '/auth/tokens', { token, body });

  it('caps live tokens per user: the next is 409 TOKEN_LIMIT_REACHED until one is revoked; other users are apart', async () => {
    const { accessToken } = await t.signUp();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await create(accessToken, { name: `t${i}`, scopes: ['s'] });
      expect(reply.status).toBe(201);
      made.push(reply.body.pat.id);
    }
    const over = await create(accessToken, { name: 'over', scopes: ['s'] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('TOKEN_LIMIT_REACHED');
    expect((await create((await t.signUp()).accessToken, { name: 'other', scopes: ['s'] })).status).toBe(201);
    await t.request('DELETE', `/auth/tokens/${made[0]!}`, { token: accessToken });
    expect((await create(accessToken, { name: 'again', scopes: ['s'] })).status).toBe(201);
    expect((await create(accessToken, { name: 'over', scopes: ['s'] })).status).toBe(409);
  });

  it('holds the cap under 12 concurrent creations: exactly 3 answered 201, the rest 409', async () => {
    const { accessToken } = await t.signUp();
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create(accessToken, { name: `c${i}`, scopes: ['s'] })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, ...Array(9).fill(409)]);
    expect((await t.request('GET', '/auth/tokens', { token: accessToken })).body.tokens).toHaveLength(3);
  });

  it('limits the lifetime: at most maxLifetimeDays ahead, and a token without an expiry gets the longest', async () => {
    const { accessToken } = await t.signUp();
    const now = t.clock.now();
    const longest = await create(accessToken, { name: 'max', scopes: ['s'], expiresAt: now + 30 * DAY });
    expect(longest.status).toBe(201);
    const over = await create(accessToken, { name: 'over', scopes: ['s'], expiresAt: now + 30 * DAY + 1 });
    expect(over.status).toBe(400);
    expect(over.body.error.issues).toEqual([{ path: 'expiresAt', message: 'must be at most 30 days ahead' }]);
    const unset = await create(accessToken, { name: 'default', scopes: ['s'] });
    expect(unset.status).toBe(201);
    expect(unset.body.pat.expiresAt).toBe(new Date(now + 30 * DAY).toISOString());
  });
});
