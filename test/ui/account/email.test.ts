/**
 * `/account/email` on SQLite and PostgreSQL, with mail over real SMTP: the page shows the
 * address and whether it is verified; asking to move answers 303 to a page that says what
 * happens next, mails the confirmation link to the new address and the cancel link to the old
 * one, and changes nothing yet. An address another account holds gets the very same answer (its
 * owner gets a notice instead of a link). A bad address, the current address, a missing or wrong
 * password come back next to their fields. A change waiting for confirmation is shown (address and
 * expiry, never the link); an account without a password is sent to set one first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateTime } from '../../../src/ui/account/account-page.js';
import { escapeHtml } from '../../../src/ui/html.js';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../../support/smtp.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, follow, open, submit } from '../pages.js';
import { fieldError, signedInUser, statusText } from './account.js';
import { passwordlessUser } from './passwordless-user.js';

const s = accountStrings.en.email;

describe.each(storeKinds)('the email page (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close?.());

  const me = async (token: string) => (await t.request('GET', '/auth/me', { token })).body;

  it('asks to move: links to both addresses, the address unchanged until confirmed', async () => {
    const user = await signedInUser(t, 'mail-move');
    const next = uniqueEmail('mail-move-new');
    const form = expectSafePage(await open(t, '/account/email'), 200);
    expect(form).toContain(`${s.current(user.email)} ${s.unverified}`);

    const posted = await submit(t, '/account/email', { newEmail: next, password: PASSWORD });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/email?result=sent');
    const sent = await follow(t, '/account/email', posted);
    expectSafePage(sent, 200);
    expect(statusText(sent)).toBe(`${s.sent.title} ${s.sent.body}`);

    const confirm = await mailedLink(smtp, next, 'confirm-email-change');
    expect(confirm.url.pathname).toBe('/confirm-email-change');
    const cancel = await mailedLink(smtp, user.email, 'cancel-email-change');
    expect(cancel.url.pathname).toBe('/cancel-email-change');
    expect((await me(user.accessToken)).email).toBe(user.email);
  });

  it('an address another account holds gets the same answer; its owner is told, no link is sent', async () => {
    const holder = uniqueEmail('mail-holder');
    await t.signUp(holder);
    const free = uniqueEmail('mail-free');

    await signedInUser(t, 'mail-free-asker');
    await open(t, '/account/email');
    const toFree = await submit(t, '/account/email', { newEmail: free, password: PASSWORD });

    const asker = await signedInUser(t, 'mail-taken-asker');
    await open(t, '/account/email');
    const toTaken = await submit(t, '/account/email', { newEmail: holder, password: PASSWORD });

    expect(toTaken.status).toBe(toFree.status);
    expect(toTaken.headers.get('location')).toBe(toFree.headers.get('location'));
    const page = await follow(t, '/account/email', toTaken);
    expect(statusText(page)).toBe(`${s.sent.title} ${s.sent.body}`);

    await waitForMail(smtp, holder, /reset|password/i, 1);
    await mailedLink(smtp, asker.email, 'cancel-email-change');
    expect(mailsTo(smtp, holder).some((m) => /confirm-email-change\?token=/.test(m.text ?? ''))).toBe(false);
    expect((await me(asker.accessToken)).email).toBe(asker.email);
  });

  it('a bad address, the current one, a missing or wrong password come back next to their fields', async () => {
    const user = await signedInUser(t, 'mail-refused');
    await open(t, '/account/email');

    const bad = await submit(t, '/account/email', { newEmail: 'not an address', password: PASSWORD });
    const badBody = expectSafePage(bad, 400);
    expect(fieldError(bad, 'new-email')).toBe(s.emailInvalid);
    expect(badBody).toContain('value="not an address"');

    const same = await submit(t, '/account/email', {
      newEmail: user.email.toUpperCase(),
      password: PASSWORD,
    });
    expectSafePage(same, 400);
    expect(fieldError(same, 'new-email')).toBe(s.sameAddress);

    const next = uniqueEmail('mail-refused-new');
    const missing = await submit(t, '/account/email', { newEmail: next, password: '' });
    expectSafePage(missing, 400);
    expect(fieldError(missing, 'email-password')).toBe(s.passwordMissing);
    expect(fieldError(missing, 'new-email')).toBe('');

    const wrong = await submit(t, '/account/email', { newEmail: next, password: 'not the password' });
    expectSafePage(wrong, 403);
    expect(fieldError(wrong, 'email-password')).toBe(s.passwordWrong);
    // Nothing was mailed to the new address for any of these.
    expect(mailsTo(smtp, next)).toHaveLength(0);
    expect((await me(user.accessToken)).email).toBe(user.email);
  });

  it('shows a change waiting for confirmation — the new address and until when — and not once it is voided', async () => {
    const user = await signedInUser(t, 'mail-pending');
    const next = uniqueEmail('mail-pending-new');
    expect(expectSafePage(await open(t, '/account/email'), 200)).not.toContain(s.pendingTitle);
    const asked = t.clock.now();
    await open(t, '/account/email');
    expect((await submit(t, '/account/email', { newEmail: next, password: PASSWORD })).status).toBe(303);
    const until = dateTime(
      { locale: 'en' },
      new Date(asked + t.gatehouse.settings.emailChangeTtl * 1000).toISOString(),
    );
    const body = expectSafePage(await open(t, '/account/email'), 200);
    expect(body).toContain(s.pendingTitle);
    expect(body).toContain(escapeHtml(s.pending(next, until)));
    expect(body).toContain(escapeHtml(s.pendingCancel));
    // The page never carries the link itself.
    const confirm = await mailedLink(smtp, next, 'confirm-email-change');
    expect(body).not.toContain(confirm.token);

    await t.gatehouse.signOut(user.accessToken, { others: true });
    expect(expectSafePage(await open(t, '/account/email'), 200)).not.toContain(s.pendingTitle);
  });

  it('an account without a password is sent to set one first, without a form that could only fail', async () => {
    await passwordlessUser(t, 'mail-nopass');
    const body = expectSafePage(await open(t, '/account/email'), 200);
    expect(body).toContain(escapeHtml(s.noPassword));
    expect(body).toContain('<a href="/account/password">');
    expect(body).not.toContain('name="newEmail"');
  });
});
