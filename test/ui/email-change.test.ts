/**
 * The `/confirm-email-change` and `/cancel-email-change` pages, on SQLite and PostgreSQL, with
 * mail really delivered over SMTP: the new address's link moves the account (every session
 * ends: the page sends none); the old address's link cancels a pending change or undoes a done
 * one, and the result page says which; used links get a 400 page; GETs change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { expectSafePage, follow, heading, open, submit } from './pages.js';

describe.each(storeKinds)('the email change pages (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const { change, signIn, sessionStatus } = accountRequests(() => t);

  /** Signs up at one address and asks to move to another. */
  async function changing(tag: string) {
    const email = uniqueEmail(tag);
    const next = uniqueEmail(`${tag}-new`);
    const { accessToken } = await t.signUp(email);
    expect((await change(accessToken, next)).status).toBe(202);
    return { email, next, accessToken };
  }

  it('confirm: the mailed link opens a form; posting it moves the account and ends every session', async () => {
    const { email, next, accessToken } = await changing('page-confirm');
    const { url, token } = await mailedLink(smtp, next, 'confirm-email-change');
    expect(url.pathname).toBe('/confirm-email-change');
    for (let i = 0; i < 3; i++) expectSafePage(await open(t, url), 200, token);
    expect(heading(await open(t, url))).toBe('Confirm your new email address');
    expect((await signIn(email)).status).toBe(200); // GETs moved nothing

    const posted = await submit(t, '/confirm-email-change', { token });
    expect(posted.headers.get('location')).toBe('confirm-email-change?result=confirmed');
    const done = await follow(t, '/confirm-email-change', posted, token);
    expectSafePage(done, 200);
    expect(heading(done)).toBe('Your email address is changed');
    expect((await signIn(next)).status).toBe(200);
    expect((await signIn(email)).status).toBe(401);
    expect(await sessionStatus(accessToken)).toBe(401);

    const again = await submit(t, '/confirm-email-change', { token });
    expectSafePage(again, 400);
    expect(heading(again)).toBe('This link was already used');
  });

  it('cancel while pending: the change is cancelled and the confirmation link dies', async () => {
    const { email, next } = await changing('page-cancel');
    const { url, token } = await mailedLink(smtp, email, 'cancel-email-change');
    expectSafePage(await open(t, url), 200, token);
    const posted = await submit(t, '/cancel-email-change', { token });
    expect(posted.headers.get('location')).toBe('cancel-email-change?result=cancelled');
    const result = await follow(t, '/cancel-email-change', posted, token);
    expectSafePage(result, 200);
    expect(heading(result)).toBe('The change is cancelled');
    expect(String(result.body)).toContain('<a href="forgot-password">Choose a new password</a>');

    const confirm = (await mailedLink(smtp, next, 'confirm-email-change')).token;
    const dead = await submit(t, '/confirm-email-change', { token: confirm });
    expectSafePage(dead, 400);
    expect((await signIn(email)).status).toBe(200);
    expect((await signIn(next)).status).toBe(401);
  });

  it('cancel after the change: it is undone, every session ends, and the page says so', async () => {
    const { email, next } = await changing('page-undo');
    const confirm = await mailedLink(smtp, next, 'confirm-email-change');
    expect((await submit(t, '/confirm-email-change', { token: confirm.token })).status).toBe(303);
    const attacker = (await signIn(next)).body.accessToken as string;
    expect(await sessionStatus(attacker)).toBe(200);

    // The "your address was changed" notice's undo link opens the same page.
    const undo = await mailedLink(smtp, email, 'cancel-email-change', 2);
    expectSafePage(await open(t, undo.url), 200, undo.token);
    const posted = await submit(t, '/cancel-email-change', { token: undo.token });
    expect(posted.headers.get('location')).toBe('cancel-email-change?result=undone');
    const result = await follow(t, '/cancel-email-change', posted, undo.token);
    expectSafePage(result, 200);
    expect(heading(result)).toBe('Your email address is restored');
    expect(String(result.body)).toContain('every device that was signed in to it is signed out');
    expect(await sessionStatus(attacker)).toBe(401);
    expect((await signIn(email)).status).toBe(200);
    expect((await signIn(next)).status).toBe(401);

    const reused = await submit(t, '/cancel-email-change', { token: undo.token });
    expectSafePage(reused, 400);
    expect(heading(reused)).toBe('This link was already used');
  });
});
