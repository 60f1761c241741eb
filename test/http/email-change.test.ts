/**
 * Changing the address over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL:
 * a double-clicked confirmation applies once, the first notice's link also undoes a completed
 * change, and the same flow works from code. The EML-01/EML-02 checklist items (new-address link
 * only, re-authentication, notice and undo, links dying with the old address) are in
 * test/security/email.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('email change (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const { change, confirm, cancel, signIn, sessionStatus } = accountRequests(() => t);

  it('a double-clicked confirmation applies once', async () => {
    const email = uniqueEmail('double');
    const next = uniqueEmail('double-new');
    const a = await t.signUp(email);
    await change(a.accessToken, next);
    const { token } = await mailedLink(smtp, next, 'confirm-email-change');
    const replies = await Promise.all([confirm(token), confirm(token), confirm(token)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(replies.filter((r) => r.status === 400).map((r) => r.body.error.code)).toEqual([
      'LINK_USED',
      'LINK_USED',
    ]);
    // Confirmed without a session: every session ended, the caller's included.
    expect(await sessionStatus(a.accessToken)).toBe(401);
  });

  it('the first notice’s link also undoes the change once it is done', async () => {
    const email = uniqueEmail('late-reader');
    const next = uniqueEmail('late-new');
    const a = await t.signUp(email);
    await change(a.accessToken, next);
    const firstNotice = await mailedLink(smtp, email, 'cancel-email-change');
    await confirm((await mailedLink(smtp, next, 'confirm-email-change')).token);
    expect((await cancel(firstNotice.token)).body).toEqual({ reverted: true, email });
    expect((await signIn(email)).status).toBe(200);
  });

  it('a confirmation or undo that fails midway (the database gone) leaves its link unused: the retry applies it', async () => {
    const email = uniqueEmail('midway');
    const next = uniqueEmail('midway-new');
    const a = await t.signUp(email);
    await change(a.accessToken, next);
    const undo = await mailedLink(smtp, email, 'cancel-email-change');
    const { token } = await mailedLink(smtp, next, 'confirm-email-change');
    // The write that moves the address fails as a database that went away fails it.
    async function withAddressWriteDown<T>(call: () => Promise<T>): Promise<T> {
      const changeEmail = t.store.users.changeEmail;
      Object.assign(t.store.users, {
        changeEmail: async () => {
          throw new GatehouseError('UNAVAILABLE', 'The database is unavailable');
        },
      });
      try {
        return await call();
      } finally {
        Object.assign(t.store.users, { changeEmail });
      }
    }
    const failed = await withAddressWriteDown(() => confirm(token));
    expect([failed.status, failed.body.error.code]).toEqual([503, 'UNAVAILABLE']);
    expect((await t.store.users.findByEmail(email))?.id).toBe(a.user.id);
    expect((await confirm(token)).status).toBe(200);
    expect((await t.store.users.findByEmail(next))?.id).toBe(a.user.id);

    expect((await withAddressWriteDown(() => cancel(undo.token))).status).toBe(503);
    expect((await cancel(undo.token)).body).toEqual({ reverted: true, email });
  });

  it('works the same from code', async () => {
    const email = uniqueEmail('code');
    const next = uniqueEmail('code-new');
    const a = await t.signUp(email);
    await t.gatehouse.requestEmailChange(a.accessToken, { newEmail: next, password: PASSWORD });
    const { token } = await mailedLink(smtp, next, 'confirm-email-change');
    const user = await t.gatehouse.confirmEmailChange(token, a.accessToken);
    expect(user).toMatchObject({ email: next, emailVerified: true });
    await expect(t.gatehouse.confirmEmailChange(token)).rejects.toMatchObject({ code: 'LINK_USED' });
    const undo = await mailedLink(smtp, email, 'cancel-email-change', 2);
    expect(await t.gatehouse.cancelEmailChange(undo.token)).toEqual({ reverted: true, email });
  });
});
