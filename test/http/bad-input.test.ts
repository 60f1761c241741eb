/**
 * Bad input and concurrency over HTTP, on SQLite and PostgreSQL: every case is a clear 4xx with a
 * stable code, never a 5xx, and nothing is half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('bad input (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const signUpRaw = (raw: string, contentType?: string) =>
    t.request('POST', '/auth/sign-up/email', contentType ? { raw, contentType } : { raw });

  it('malformed JSON → 400 VALIDATION_ERROR', async () => {
    for (const raw of ['{', '{"email":', 'null', '[]', '"text"', '42', '', '{"email":"a@b.co",}']) {
      const reply = await signUpRaw(raw);
      expect(reply.status, raw).toBe(400);
      expect(reply.body.error.code, raw).toBe('VALIDATION_ERROR');
    }
  });

  it('invalid UTF-8 → 400 VALIDATION_ERROR', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const reply = await t.request('POST', '/auth/sign-up/email', { raw: bytes });
    expect(reply.status).toBe(400);
  });

  it('a wrong or missing content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ email: uniqueEmail(), password: PASSWORD });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ]) {
      const reply = await signUpRaw(body, type);
      expect(reply.status, type).toBe(415);
      expect(reply.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const none = await t.gatehouse.handler(
      new Request('http://localhost/auth/sign-up/email', { method: 'POST', body }),
    );
    expect(none.status).toBe(415);
    expect((await signUpRaw(body, 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('missing, extra and wrong-typed fields → 400 VALIDATION_ERROR naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ password: PASSWORD }, 'email'],
      [{ email: uniqueEmail() }, 'password'],
      [{ email: uniqueEmail(), password: PASSWORD, role: 'admin' }, 'role'],
      [
        { email: uniqueEmail(), password: PASSWORD, __proto__: { admin: true }, emailVerified: true },
        'emailVerified',
      ],
      [{ email: 42, password: PASSWORD }, 'email'],
      [{ email: [uniqueEmail(), uniqueEmail()], password: PASSWORD }, 'email'],
      [{ email: uniqueEmail(), password: 12345678 }, 'password'],
      [{ email: uniqueEmail(), password: PASSWORD, name: { first: 'A' } }, 'name'],
    ];
    for (const [body, field] of cases) {
      const reply = await t.request('POST', '/auth/sign-up/email', { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it('refuses addresses that are not exactly one address', async () => {
    for (const email of [
      'a@x.com,b@y.com',
      'a@x.com\r\nBcc: b@y.com',
      'a@x.com b@y.com',
      'not-an-email',
      '@x.com',
      'a@',
      'victim＠x.com',
      `${'a'.repeat(250)}@x.com`,
      'a@x.com\u0000',
    ]) {
      const reply = await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
      expect(reply.status, email).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('SQL-looking strings are just strings: stored and compared verbatim, refused only by the address rules', async () => {
    const email = `o'brien+${Date.now()}@example.com`;
    const password = "'; DROP TABLE users; -- x";
    const name = "Robert'); DROP TABLE--";
    const up = await t.request('POST', '/auth/sign-up/email', { body: { email, password, name } });
    expect(up.status).toBe(201);
    expect(up.body.user).toMatchObject({ email, name });
    const reply = await t.request('POST', '/auth/sign-in/email', { body: { email, password } });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ id: up.body.user.id, email, name });

    // A quote-laden address that is still one valid address is an account like any other.
    const quoted = `a'or'1'='1-${Date.now()}@example.com`;
    const quotedUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: quoted, password: PASSWORD },
    });
    expect(quotedUp.status).toBe(201);
    expect(quotedUp.body.user.email).toBe(quoted);
    expect((await t.store.users.findByEmail(quoted))?.email).toBe(quoted);

    // Injection-shaped credentials sign nobody in: the right user with a tautology for a password,
    // or an address that would comment out the password check.
    for (const body of [
      { email, password: "' OR '1'='1" },
      { email: quoted, password: "' OR '1'='1" },
      { email: "admin'--@example.com", password: PASSWORD },
      { email: `${email.slice(0, email.indexOf('@'))}'--@example.com`, password },
    ]) {
      const refused = await t.request('POST', '/auth/sign-in/email', { body });
      expect(refused.status, JSON.stringify(body)).toBe(401);
      expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    // Not one address (spaces, semicolons, parentheses): refused as input, on both routes.
    for (const bad of [
      "' OR '1'='1@x.com",
      "x'; DROP TABLE users; --@example.com",
      "robert');drop--@example.com",
    ]) {
      for (const path of ['/auth/sign-in/email', '/auth/sign-up/email']) {
        const refused = await t.request('POST', path, { body: { email: bad, password: PASSWORD } });
        expect(refused.status, `${path} ${bad}`).toBe(400);
        expect(refused.body.error.code).toBe('VALIDATION_ERROR');
      }
    }
    // A session id that is SQL is just an id that does not exist.
    const probe = await t.request('DELETE', `/auth/sessions/${encodeURIComponent("' OR '1'='1")}`, {
      token: reply.body.accessToken,
    });
    expect(probe.status).toBe(404);
    expect(probe.body.error.code).toBe('NOT_FOUND');

    // Everything is still there: both accounts sign in, and the session listing is intact.
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password } })).status).toBe(200);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email: quoted, password: PASSWORD } }))
        .status,
    ).toBe(200);
    const sessions = await t.request('GET', '/auth/sessions', { token: reply.body.accessToken });
    expect(sessions.status).toBe(200);
    expect(sessions.body.sessions).toHaveLength(3);
    expect(await t.db.count(`${t.tablePrefix}users`)).toBeGreaterThanOrEqual(2);
  });

  it('unknown paths are 404, wrong methods 405 with Allow', async () => {
    expect((await t.request('GET', '/auth/nope')).body.error.code).toBe('NOT_FOUND');
    const wrong = await t.request('GET', '/auth/sign-in/email');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('a malformed Authorization header → 401 INVALID_TOKEN', async () => {
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer a b', 'bearer', 'Token x']) {
      const reply = await t.request('GET', '/auth/session', { headers: { authorization } });
      expect(reply.status, authorization).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_TOKEN');
    }
    expect((await t.request('GET', '/auth/session')).headers.get('www-authenticate')).toBe('Bearer');
  });

  it('another Authorization scheme (a proxy’s Basic auth) does not break public routes', async () => {
    const headers = { authorization: 'Basic dXNlcjpwYXNz' };
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('basic'), password: 'correct horse battery staple' },
      headers,
    });
    expect(reply.status).toBe(201);
    expect((await t.request('GET', '/healthz', { headers })).status).toBe(200);
  });

  it('fifty concurrent sign-ups with one email: exactly one 201, the rest 409, one user with one credential', async () => {
    const email = uniqueEmail('race');
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.request('POST', '/auth/sign-up/email', {
          body: { email: i % 2 ? email.toUpperCase() : email, password: PASSWORD },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const user = await t.store.users.findByEmail(email);
    expect(user).not.toBeNull();
    expect(await t.store.credentials.findActivePassword(user!.id)).not.toBeNull();
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('a failed sign-up leaves nothing behind', async () => {
    const email = uniqueEmail('weak');
    await t.request('POST', '/auth/sign-up/email', { body: { email, password: 'short' } });
    expect(await t.store.users.findByEmail(email)).toBeNull();
  });
});
