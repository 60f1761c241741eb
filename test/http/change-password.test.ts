/** Change password over HTTP, on SQLite and PostgreSQL (SECURITY.md PWD-07, PWD-08, RST-03). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenHash } from '../../src/core/secrets.js';
import { hashToken } from '../../src/crypto/opaque-token.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const NEW = 'a completely new passphrase 7';

describe.each(storeKinds)('change password (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const change = (token: string, body: unknown) =>
    t.request('POST', '/auth/change-password', { token, body });

  it('needs the current password; other sessions end, the caller gets working new tokens', async () => {
    const email = uniqueEmail('change');
    const a = await t.signUp(email);
    const b = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
    const reply = await change(a.accessToken, { currentPassword: PASSWORD, newPassword: NEW });
    expect(reply.status).toBe(200);
    expect(reply.body.accessToken).not.toBe(a.accessToken);
    expect(reply.body.session.id).not.toBe(a.session.id);
    // The other session is gone: access token and refresh token alike.
    expect((await t.request('GET', '/auth/session', { token: b.accessToken })).status).toBe(401);
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: b.refreshToken } })).status,
    ).toBe(401);
    // The caller's old tokens are replaced by the new ones.
    expect((await t.request('GET', '/auth/session', { token: a.accessToken })).status).toBe(401);
    expect((await t.request('GET', '/auth/session', { token: reply.body.accessToken })).status).toBe(200);
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: reply.body.refreshToken } })).status,
    ).toBe(200);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(401);
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password: NEW } })).status).toBe(
      200,
    );
  });

  it('a wrong current password is 403 WRONG_PASSWORD and changes nothing; a session alone is not enough', async () => {
    const email = uniqueEmail('wrong');
    const a = await t.signUp(email);
    const reply = await change(a.accessToken, { currentPassword: 'not my password', newPassword: NEW });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('WRONG_PASSWORD');
    expect((await change(a.accessToken, { newPassword: NEW })).status).toBe(400);
    expect((await t.request('GET', '/auth/session', { token: a.accessToken })).status).toBe(200);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
    expect(
      (
        await t.request('POST', '/auth/change-password', {
          body: { currentPassword: PASSWORD, newPassword: NEW },
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a weak new password', async () => {
    const a = await t.signUp();
    const reply = await change(a.accessToken, { currentPassword: PASSWORD, newPassword: 'password1' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('WEAK_PASSWORD');
  });

  it('voids outstanding password-reset links', async () => {
    const a = await t.signUp();
    const resetHash = hashToken('a-pending-reset-token') as TokenHash;
    const now = t.clock.now();
    await t.store.verificationTokens.issue(
      {
        hash: resetHash,
        userId: a.user.id,
        purpose: 'reset_password',
        email: a.user.email,
        createdAt: now,
        expiresAt: now + 3_600_000,
      },
      now,
    );
    expect((await change(a.accessToken, { currentPassword: PASSWORD, newPassword: NEW })).status).toBe(200);
    expect(await t.store.verificationTokens.consume(resetHash, 'reset_password', now + 1)).toEqual({
      ok: false,
      reason: 'used',
    });
  });
});
