/**
 * Mail: the transport answers (SMTP: connect and EHLO, and the login when the URL has one), an
 * optional real test mail through the configured transport, and no mail printed to the log in
 * production (serve's rule, see production.ts).
 */
import nodemailer from 'nodemailer';
import type { ResolvedSettings } from '../../core/config.js';
import { mailerFromSettings } from '../../delivery/from-settings.js';
import { type CheckResult, fail, pass, reason, warn } from './check.js';
import { isHttps, mailTransportOf, printsMailedLinks } from './production.js';
import { shownUrl } from './shown.js';

// An unreachable (blackholed) server must not hold doctor for nodemailer's two minutes.
const TIMEOUT_MS = 10_000;
const SET_TRANSPORT =
  'Set GATEHOUSE_SMTP_URL in the secrets file (smtp://user:password@host:587), or mail_transport = "ses"';

export async function checkMailTransport(settings: ResolvedSettings): Promise<CheckResult> {
  const transport = mailTransportOf(settings);
  if (transport === 'console') return pass('mail', 'console: mails are printed to the log (development)');
  if (transport === 'ses') {
    const region = settings.ses.region ?? 'the region of the AWS environment';
    return pass(
      'mail',
      `Amazon SES (${region}); not probed here: --send-test-mail ADDRESS sends one through it`,
    );
  }
  if (!settings.smtpUrl)
    return fail('mail', 'mail_transport is "smtp" but smtp_url is not set', SET_TRANSPORT);
  const shown = shownUrl(settings.smtpUrl);
  const transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transporter.verify();
    return pass('mail', `the SMTP server at ${shown} answers`);
  } catch (error) {
    return fail(
      'mail',
      `the SMTP server at ${shown} does not answer: ${reason(error)}`,
      'Check that the mail server runs and accepts connections from here, and the host, port, user and password in smtp_url (GATEHOUSE_SMTP_URL); smtps:// is for port 465, smtp:// (with STARTTLS) for 587 and 25',
    );
  } finally {
    transporter.close();
  }
}

/** Sends one real mail to `to` through the configured transport (not the console). */
export async function sendTestMail(settings: ResolvedSettings, to: string): Promise<CheckResult> {
  if (!/^[^\s@]+@[^\s@]+$/.test(to))
    return fail(
      'test-mail',
      `"${to}" is not a mail address`,
      'Pass --send-test-mail with an address, e.g. you@example.com',
    );
  const transport = mailTransportOf(settings);
  if (transport === 'console')
    return warn('test-mail', `not sent to ${to}: the console transport only prints mails`, SET_TRANSPORT);
  const mailer = mailerFromSettings(settings);
  try {
    const text = `This is a test mail from gatehouse doctor, sent through ${transport} at ${new Date().toISOString()}.\nIf it arrived, mail works.\n`;
    await mailer.send({
      to,
      subject: 'Gatehouse test mail',
      text,
      html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
    });
    return pass('test-mail', `sent to ${to} through ${transport}; check that it arrived (and not as spam)`);
  } catch (error) {
    return fail(
      'test-mail',
      `sending to ${to} through ${transport} failed: ${reason(error)}`,
      'See the mail check; the server may also refuse the sender (mail_from) or the recipient',
    );
  } finally {
    await mailer.close?.().catch(() => {});
  }
}

export function checkMailInProduction(settings: ResolvedSettings): CheckResult {
  if (printsMailedLinks(settings)) {
    return fail(
      'mail-production',
      'the base URL is https (production) but no mail transport is configured: every mailed link (verification, password reset, address change) is printed to the log, where anyone who reads it can use it',
      SET_TRANSPORT,
    );
  }
  if (isHttps(settings) && mailTransportOf(settings) === 'console') {
    return warn(
      'mail-production',
      'mail_transport is "console" with an https base URL: mailed links are printed to the log instead of sent',
      SET_TRANSPORT,
    );
  }
  return pass(
    'mail-production',
    isHttps(settings)
      ? `mail leaves by ${mailTransportOf(settings)}`
      : 'not production (the base URL is not https)',
  );
}
