/** Sign-up and sign-in over HTTP, on SQLite and PostgreSQL. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('accounts over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('signs up: 201 with user, session and tokens', async () => {
    const email = uniqueEmail();
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD, name: 'Ada' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toEqual({
      id: expect.stringMatching(/^usr_[0-9a-f]{32}$/),
      email,
      username: null,
      emailVerified: false,
      name: 'Ada',
      status: 'active',
      createdAt: expect.any(String),
    });
    expect(reply.body.session).toEqual({
      id: expect.stringMatching(/^ses_[0-9a-f]{32}$/),
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
      amr: ['pwd'],
      aal: 'aal1',
      authenticatedAt: reply.body.session.createdAt,
      appId: DEFAULT_APP_ID,
    });
    expect(reply.body.accessToken.split('.')).toHaveLength(3);
    expect(reply.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.body.expiresIn).toBe(900);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in with the same password, and the session check knows the user', async () => {
    const email = uniqueEmail();
    await t.signUp(email);
    const reply = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(reply.status).toBe(200);
    const session = await t.request('GET', '/auth/session', { token: reply.body.accessToken });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(email);
    expect(session.body.session.id).toBe(reply.body.session.id);
  });

  it('treats case and Unicode composition variants of an address as one account', async () => {
    const local = `alice-${Date.now()}`;
    await t.signUp(`${local}@example.com`);
    const upper = await t.request('POST', '/auth/sign-up/email', {
      body: { email: `  ${local.toUpperCase()}@Example.COM `, password: PASSWORD },
    });
    expect(upper.status).toBe(409);
    expect(upper.body.error.code).toBe('USER_EXISTS');
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email: `${local.toUpperCase()}@EXAMPLE.com`, password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
    // "é" precomposed (NFC) and decomposed (NFD) are one address.
    await t.signUp(`jos\u00e9-${local}@example.com`);
    const nfd = await t.request('POST', '/auth/sign-in/email', {
      body: { email: `jose\u0301-${local}@example.com`, password: PASSWORD },
    });
    expect(nfd.status).toBe(200);
  });

  it('keeps look-alike addresses apart (dotless ı is another address)', async () => {
    const local = `victim-${Date.now()}`;
    await t.signUp(`${local}@example.com`);
    const lookalike = `${local.replace('i', '\u0131')}@example.com`;
    const reply = await t.request('POST', '/auth/sign-in/email', {
      body: { email: lookalike, password: PASSWORD },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('gives an unknown address and a wrong password the same status and body', async () => {
    const email = uniqueEmail();
    await t.signUp(email);
    const wrong = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: 'not the password at all' },
    });
    const unknown = await t.request('POST', '/auth/sign-in/email', {
      body: { email: uniqueEmail('nobody'), password: 'not the password at all' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
    });
  });

  it('refuses short and common passwords with WEAK_PASSWORD, accepts long Unicode ones', async () => {
    const short = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: 'abc123' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('WEAK_PASSWORD');
    const common = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: 'Password123' },
    });
    expect(common.status).toBe(400);
    expect(common.body.error.code).toBe('WEAK_PASSWORD');
    const unicode = '🔐パスワードは長くて安全です'.repeat(4);
    const email = uniqueEmail();
    expect(
      (await t.request('POST', '/auth/sign-up/email', { body: { email, password: unicode } })).status,
    ).toBe(201);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: unicode } })).status,
    ).toBe(200);
  });

  it('tells a suspended user so only after the right password', async () => {
    const email = uniqueEmail();
    const { user } = await t.signUp(email);
    await t.gatehouse.suspendUser(user.id);
    const wrong = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: 'wrong password here' },
    });
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const right = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('USER_SUSPENDED');
  });

  it('a revoked user cannot sign in, and looks like any failed sign-in', async () => {
    const email = uniqueEmail();
    const { user } = await t.signUp(email);
    await t.gatehouse.revokeUser(user.id);
    const reply = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});
