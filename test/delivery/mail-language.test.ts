/**
 * Mail in the recipient's language, delivered over real SMTP, on SQLite and PostgreSQL: an
 * account whose profile says `de-AT` gets its verification, reset and address-change mails in
 * German; `fr-CH` (a language Gatehouse lacks) and no locale get English; a notice to another
 * account's address is in that account's language, not the asker's; and the client's language
 * (`ClientInfo.locale`) counts for an address without an account, never over a profile's.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../src/delivery/locales/de.js';
import { en, type MailTexts } from '../../src/delivery/locales/en.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

/** The mail is the shipped `template` of `texts`: subject, button and the HTML's language. */
function expectMail(mail: ParsedMail, texts: MailTexts, template: keyof MailTexts, lang: 'en' | 'de') {
  const strings = texts[template] as { subject: string; heading: string; action?: string };
  expect(mail.subject).toBe(strings.subject);
  if (strings.action) expect(mail.text).toContain(`${strings.action}: https://app.example/`);
  expect(mail.html).toContain(`<html lang="${lang}">`);
}

describe.each(storeKinds)('mail language (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const { change, confirm } = accountRequests(() => t);

  /** A signed-up account (its sign-up verification mail is the first to it), its profile locale set. */
  async function account(tag: string, locale: string | null) {
    const email = uniqueEmail(tag);
    const { accessToken } = await t.signUp(email);
    if (locale !== null) {
      const reply = await t.request('PATCH', '/auth/me', { token: accessToken, body: { locale } });
      expect(reply.status).toBe(200);
    }
    return { email, accessToken };
  }

  /** Resend verification, forgot password, change the address and confirm: the mails, in order. */
  async function mailsOfEveryFlow(email: string, accessToken: string, tag: string) {
    // Past the resend interval since the sign-up's mail.
    t.clock.advance(61_000);
    expect((await t.request('POST', '/auth/resend-verification', { body: { email } })).status).toBe(202);
    const verify = (await mailedLink(smtp, email, 'verify-email', 2)).mail;
    expect((await t.request('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    const reset = (await mailedLink(smtp, email, 'reset-password')).mail;
    const next = uniqueEmail(`${tag}-new`);
    expect((await change(accessToken, next)).status).toBe(202);
    const confirmation = await mailedLink(smtp, next, 'confirm-email-change');
    const requested = (await mailedLink(smtp, email, 'cancel-email-change', 1)).mail;
    expect((await confirm(confirmation.token)).status).toBe(200);
    const changed = (await mailedLink(smtp, email, 'cancel-email-change', 2)).mail;
    return { verify, reset, confirmation: confirmation.mail, requested, changed };
  }

  it('an account whose profile says de-AT gets its mails in German', async () => {
    const { email, accessToken } = await account('de', 'de-AT');
    // The sign-up came before the locale: English.
    expectMail((await mailedLink(smtp, email, 'verify-email', 1)).mail, en, 'verify-email', 'en');

    const mails = await mailsOfEveryFlow(email, accessToken, 'de');
    expectMail(mails.verify, de, 'verify-email', 'de');
    expect(mails.verify.text).toContain(`Jemand (hoffentlich Sie) hat ein Konto für ${email} angelegt.`);
    expectMail(mails.reset, de, 'reset-password', 'de');
    expectMail(mails.confirmation, de, 'confirm-email-change', 'de');
    expect(mails.confirmation.text).toContain(`möchte das Konto für ${email} auf diese Adresse umstellen`);
    expectMail(mails.requested, de, 'email-change-requested', 'de');
    expectMail(mails.changed, de, 'email-changed', 'de');
  });

  it('an account with a locale Gatehouse lacks, or none, gets them in English', async () => {
    for (const [tag, locale] of [
      ['fr', 'fr-CH'],
      ['none', null],
    ] as const) {
      const { email, accessToken } = await account(tag, locale);
      const mails = await mailsOfEveryFlow(email, accessToken, tag);
      expectMail(mails.verify, en, 'verify-email', 'en');
      expectMail(mails.reset, en, 'reset-password', 'en');
      expectMail(mails.confirmation, en, 'confirm-email-change', 'en');
      expectMail(mails.requested, en, 'email-change-requested', 'en');
      expectMail(mails.changed, en, 'email-changed', 'en');
    }
  });

  it('the notice to an address another account holds is in that account’s language', async () => {
    const holder = await account('holder', 'de-DE');
    const asker = await account('asker', 'en-GB');
    expect((await change(asker.accessToken, holder.email)).status).toBe(202);
    const notice = await waitForMail(smtp, holder.email, /forgot-password/);
    expectMail(notice, de, 'email-change-address-taken', 'de');
    expectMail(
      (await mailedLink(smtp, asker.email, 'cancel-email-change')).mail,
      en,
      'email-change-requested',
      'en',
    );
  });

  it('the client’s language counts where no profile names one, never over a profile', async () => {
    // A sign-up waiting for its address: no profile locale yet, so the page's language.
    const fresh = uniqueEmail('fresh');
    await t.gatehouse.signUpPendingVerification({ email: fresh, password: PASSWORD }, { locale: 'de-CH' });
    expectMail((await mailedLink(smtp, fresh, 'verify-email')).mail, de, 'verify-email', 'de');

    const plain = await account('plain', null);
    await t.gatehouse.requestPasswordReset(plain.email, { locale: 'de' });
    expectMail((await mailedLink(smtp, plain.email, 'reset-password')).mail, de, 'reset-password', 'de');

    const english = await account('english', 'en-US');
    await t.gatehouse.requestPasswordReset(english.email, { locale: 'de' });
    expectMail((await mailedLink(smtp, english.email, 'reset-password')).mail, en, 'reset-password', 'en');
  });

  it('the deletion notice says in German until when the account can be restored', async () => {
    const { email, accessToken } = await account('deleted', 'de');
    const reply = await t.request('DELETE', '/auth/me', { token: accessToken, body: { password: PASSWORD } });
    expect(reply.status).toBe(200);
    const notice = await waitForMail(smtp, email, /gelöscht/);
    expect(notice.subject).toBe(de['account-deleted'].subject);
    expect(notice.text).toMatch(
      /Wenn Sie sich bei uns melden, kann es bis \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) wiederhergestellt werden/,
    );
    expect(notice.text).not.toMatch(/\{\w+\}|restorable/);
  });

  it('a hard deletion’s notice is in German too, though the profile went with the account', async () => {
    const hard = await openGatehouseWithSmtp(kind, { accountDeletion: 'hard' });
    try {
      const email = uniqueEmail('erased');
      const { accessToken } = await hard.t.signUp(email);
      await hard.t.request('PATCH', '/auth/me', { token: accessToken, body: { locale: 'de' } });
      const reply = await hard.t.request('DELETE', '/auth/me', {
        token: accessToken,
        body: { password: PASSWORD },
      });
      expect(reply.body.mode).toBe('hard');
      const notice = await waitForMail(hard.smtp, email, /gelöscht/);
      expect(notice.subject).toBe(de['account-deleted'].subject);
      expect(notice.text).toContain('gelöscht. Alles, was es enthielt, wurde gelöscht.');
    } finally {
      await hard.close();
    }
  });
});
