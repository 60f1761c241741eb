/**
 * Change password over HTTP, on SQLite and PostgreSQL: the new password meets the same policy as
 * at sign-up. Re-authentication, other sessions ending and reset links being voided are in
 * test/security/ (PWD-07, PWD-08, RST-03).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('change password (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const change = (token: string, body: unknown) =>
    t.request('POST', '/auth/change-password', { token, body });

  it('refuses a weak new password', async () => {
    const a = await t.signUp();
    const reply = await change(a.accessToken, { currentPassword: PASSWORD, newPassword: 'password1' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('WEAK_PASSWORD');
  });
});
