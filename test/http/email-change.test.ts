/**
 * Changing the address over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL:
 * the change happens only through the link sent to the NEW address, the OLD address is told and
 * can cancel or undo it, other sessions end, and links sent to the old address die with it
 * (SECURITY.md EML items).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('email change (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const change = (token: string, newEmail: unknown, password: unknown = PASSWORD) =>
    t.request('POST', '/auth/change-email', { token, body: { newEmail, password } });
  const confirm = (linkToken: string, token?: string) =>
    t.request('POST', '/auth/confirm-email-change', {
      body: { token: linkToken },
      ...(token ? { token } : {}),
    });
  const cancel = (linkToken: string) =>
    t.request('POST', '/auth/cancel-email-change', { body: { token: linkToken } });
  const signIn = (email: string, password = PASSWORD) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const sessionStatus = async (accessToken: string) =>
    (await t.request('GET', '/auth/session', { token: accessToken })).status;

  it('changes only through the new address’s link; the old address is told; other sessions end', async () => {
    const oldEmail = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    const a = await t.signUp(oldEmail);
    const b = (await signIn(oldEmail)).body;
    const asked = await change(a.accessToken, newEmail.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true });

    const confirmation = await mailedLink(smtp, newEmail, 'confirm-email-change');
    expect(confirmation.url.origin).toBe('https://app.example');
    const notice = await mailedLink(smtp, oldEmail, 'cancel-email-change');
    expect(notice.url.origin).toBe('https://app.example');
    expect(mailsTo(smtp, oldEmail).at(-1)?.text).toContain(newEmail);

    // Nothing changed yet.
    expect((await signIn(newEmail)).status).toBe(401);
    expect((await signIn(oldEmail)).status).toBe(200);

    const done = await confirm(confirmation.token, a.accessToken);
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ email: newEmail, emailVerified: true });
    expect(await sessionStatus(a.accessToken)).toBe(200);
    expect(await sessionStatus(b.accessToken)).toBe(401);
    expect((await signIn(newEmail)).status).toBe(200);
    expect((await signIn(oldEmail)).status).toBe(401);

    // The old address is told it happened, with a link that would undo it.
    await mailedLink(smtp, oldEmail, 'cancel-email-change', 2);
    expect(mailsTo(smtp, oldEmail).at(-1)?.subject).toBe('Your email address was changed');

    const types = (await t.gatehouse.listAuditEvents({ userId: a.user.id })).items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['email.change_requested', 'email.changed']));
  });

  it('needs the current password, a different and valid single address; refusals mail nothing', async () => {
    const email = uniqueEmail('refuse');
    const a = await t.signUp(email);
    const target = uniqueEmail('target');
    expect((await change(a.accessToken, target, 'not my password at all')).body.error.code).toBe(
      'WRONG_PASSWORD',
    );
    expect((await change(a.accessToken, email.toUpperCase())).status).toBe(400);
    for (const bad of [
      `${target},attacker@evil.example`,
      `${target}\r\nBcc: attacker@evil.example`,
      [target, 'attacker@evil.example'],
      `${target.replace('@', '＠')}`,
    ]) {
      const reply = await change(a.accessToken, bad);
      expect(reply.status, JSON.stringify(bad)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await change('', target)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsTo(smtp, target)).toHaveLength(0);
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes('evil.example'))).toBe(false);
  });

  it('an address another account holds gets the same answer and no link', async () => {
    const taken = uniqueEmail('taken');
    await t.signUp(taken);
    await mailedLink(smtp, taken, 'verify-email');
    const email = uniqueEmail('wants');
    const a = await t.signUp(email);
    const before = mailsTo(smtp, taken).length;
    const reply = await change(a.accessToken, taken);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ accepted: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(smtp, taken)).toHaveLength(before);
    expect(mailsTo(smtp, email).some((m) => /cancel-email-change/.test(m.text ?? ''))).toBe(false);
  });

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

  it('the old address can cancel a pending change', async () => {
    const email = uniqueEmail('cancel');
    const next = uniqueEmail('cancel-new');
    const a = await t.signUp(email);
    await change(a.accessToken, next);
    const confirmation = await mailedLink(smtp, next, 'confirm-email-change');
    const cancellation = await mailedLink(smtp, email, 'cancel-email-change');
    const cancelled = await cancel(cancellation.token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ reverted: false, email });
    expect((await confirm(confirmation.token)).body.error.code).toBe('LINK_USED');
    expect((await signIn(email)).status).toBe(200);
    expect(await sessionStatus(a.accessToken)).toBe(200);
  });

  it('the old address can undo a completed change (a takeover): back to the old address, every session ends', async () => {
    const email = uniqueEmail('victim');
    const attacker = uniqueEmail('attacker');
    const a = await t.signUp(email);
    await change(a.accessToken, attacker);
    const firstNotice = await mailedLink(smtp, email, 'cancel-email-change');
    const { token } = await mailedLink(smtp, attacker, 'confirm-email-change');
    const attackerSession = (await confirm(token, a.accessToken)).body;
    expect(attackerSession.user.email).toBe(attacker);
    const undo = await mailedLink(smtp, email, 'cancel-email-change', 2);
    expect(undo.token).not.toBe(firstNotice.token);

    const reverted = await cancel(undo.token);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toEqual({ reverted: true, email });
    expect(await sessionStatus(a.accessToken)).toBe(401);
    expect((await signIn(email)).status).toBe(200);
    expect((await signIn(attacker)).status).toBe(401);
    // Undoing voids every other link of the account.
    expect((await cancel(firstNotice.token)).body.error.code).toBe('LINK_USED');
    expect((await cancel(undo.token)).body.error.code).toBe('LINK_USED');
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

  it('links of the old address die with it; tokens of another purpose and expired ones are refused', async () => {
    const email = uniqueEmail('links');
    const next = uniqueEmail('links-new');
    const a = await t.signUp(email);
    await t.request('POST', '/auth/forgot-password', { body: { email } });
    const reset = await mailedLink(smtp, email, 'reset-password');
    await change(a.accessToken, next);
    const confirmation = await mailedLink(smtp, next, 'confirm-email-change');
    const cancellation = await mailedLink(smtp, email, 'cancel-email-change');
    expect((await confirm(cancellation.token)).body.error.code).toBe('LINK_INVALID');
    expect((await cancel(confirmation.token)).body.error.code).toBe('LINK_INVALID');
    expect((await confirm('x'.repeat(43))).body.error.code).toBe('LINK_INVALID');
    expect((await confirm(confirmation.token)).status).toBe(200);
    const used = await t.request('POST', '/auth/reset-password', {
      body: { token: reset.token, password: 'a fresh passphrase 77' },
    });
    expect(used.status).toBe(400);

    const later = uniqueEmail('later');
    const b = (await signIn(next)).body;
    await change(b.accessToken, later);
    const expiring = await mailedLink(smtp, later, 'confirm-email-change');
    t.clock.advance(24 * 3600 * 1000 + 1);
    expect((await confirm(expiring.token)).body.error.code).toBe('LINK_EXPIRED');
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
