/**
 * The `/sign-up` page on SQLite and PostgreSQL: the password rules are on the page (for the
 * script to mark as you type) and enforced by the operation — a short or common password answers
 * 400 with the message at the field and makes no account; a good sign-up is signed in and sent
 * to `returnTo`; a username works when the app allows it. With `requireEmailVerified`, a new
 * address and a taken one get the same answer (ENUM-03): a 303 to "check your mail", no cookie —
 * and the mail says which it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import {
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../../support/gatehouse.js';
import { mailsTo, type SmtpReceiver, verificationLink, waitForMail } from '../../support/smtp.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, submit } from '../pages.js';
import { expectSignedInRedirect, fieldError, sessionOf, tokenCookies } from './support.js';

const s = signInStrings.en.signUp;
const PATH = '/sign-up';

describe.each(storeKinds)('the sign-up page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passwordMinLength: 10 });
  });
  afterAll(() => t.close());

  const signUp = (fields: Record<string, string>) => {
    clearBrowser(t);
    return submit(t, PATH, fields);
  };

  it('shows the form with the password rules the script marks as you type', async () => {
    clearBrowser(t);
    const reply = await open(t, PATH);
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(s.title);
    expect(body).toContain(
      '<ul class="gh-rules" id="password-rules" data-password-rules="password" data-min="10" data-max="256">',
    );
    expect(body).toContain(`${s.ruleMin(10)}</li>`);
    expect(body).toContain(`${s.ruleMax(256)}</li>`);
    expect(body).toContain(`<li>${s.ruleCommon}</li>`);
    expect(body).toContain('aria-live="polite" data-password-rules-status');
    expect(body).toContain('aria-describedby="password-rules-title password-rules"');
    expect(body).toContain('autocomplete="new-password"');
    // Usernames are allowed: an optional field, and the address optional beside it.
    expect(body).toContain(`<label for="username">${s.usernameLabel}</label>`);
    expect(body).toContain(s.emailHintWithUsername);
  });

  it('a short or common password: 400, the message at the field, no account', async () => {
    const email = uniqueEmail('page-weak');
    const short = await signUp({ email, password: 'short' });
    const body = expectSafePage(short, 400);
    expect(fieldError(body, 'password')).toBe(s.passwordTooShort(10));
    expect(body).toContain(`<li><a href="#password">${s.passwordTooShort(10)}</a></li>`);
    expect(body).toContain(`value="${email}"`);
    const common = await signUp({ email, password: 'password1234567' });
    expect(fieldError(expectSafePage(common, 400), 'password')).toBe(s.passwordCommon);
    expect(tokenCookies(common).size).toBe(0);
    expect(await t.store.users.findByEmail(email)).toBeNull();
  });

  it('a good sign-up is signed in and sent to returnTo', async () => {
    const email = uniqueEmail('page-up');
    clearBrowser(t);
    await open(t, `${PATH}?returnTo=${encodeURIComponent('/account/security')}`);
    const reply = await submit(t, PATH, { email, password: PASSWORD, returnTo: '/account/security' });
    const cookies = expectSignedInRedirect(reply, '/account/security');
    const session = await sessionOf(t, cookies);
    expect(session.body.user).toMatchObject({ email, emailVerified: false });
    // Someone signed in who opens the page is sent on.
    const again = await open(t, PATH);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/account');
  });

  it('a username, with no address; a taken one is said at its field', async () => {
    const username = `pg_${Date.now().toString(36)}`;
    const cookies = expectSignedInRedirect(await signUp({ username, password: PASSWORD }), '/account');
    expect((await sessionOf(t, cookies)).body.user).toMatchObject({ username, email: null });
    const taken = await signUp({ username: username.toUpperCase(), password: PASSWORD });
    expect(fieldError(expectSafePage(taken, 409), 'username')).toBe(s.usernameTaken);
    const bad = await signUp({ username: 'a!', password: PASSWORD });
    expect(fieldError(expectSafePage(bad, 400), 'username')).toBe(s.usernameInvalid);
  });

  it('missing or malformed fields are said at each field', async () => {
    const empty = await signUp({ email: '', password: '' });
    const body = expectSafePage(empty, 400);
    expect(fieldError(body, 'email')).toBe(s.emailMissing);
    expect(fieldError(body, 'password')).toBe(s.passwordTooShort(10));
    const malformed = await signUp({ email: 'nobody@', password: PASSWORD });
    expect(fieldError(String(malformed.body), 'email')).toBe(s.emailInvalid);
  });

  it('without verification first, a taken address is refused as the API refuses it (409), in neutral words', async () => {
    const email = uniqueEmail('page-taken');
    await t.signUp(email);
    const taken = await signUp({ email, password: PASSWORD });
    const body = expectSafePage(taken, 409);
    expect(fieldError(body, 'email')).toBe(s.userExists);
    expect(tokenCookies(taken).size).toBe(0);
  });

  it('in German, the rules and their refusals', async () => {
    clearBrowser(t);
    const de = signInStrings.de.signUp;
    const reply = await open(t, PATH, { 'accept-language': 'de' });
    expect(String(reply.body)).toContain(`${de.ruleMin(10)}</li>`);
    const short = await submit(
      t,
      PATH,
      { email: uniqueEmail('de'), password: 'kurz' },
      { ...SAME_ORIGIN, 'accept-language': 'de' },
    );
    expect(fieldError(String(short.body), 'password')).toBe(de.passwordTooShort(10));
  });
});

describe.each(storeKinds)('the sign-up page when addresses must be verified first (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind, { requireEmailVerified: true }));
  });
  afterAll(() => close());

  it('ENUM-03: a new address and a taken one get the same 303 to "check your mail", no cookie; the mail tells them apart', async () => {
    const taken = uniqueEmail('page-enum-taken');
    await t.signUp(taken);
    await verificationLink(smtp, taken);
    const fresh = uniqueEmail('page-enum-new');
    const answers = [];
    for (const email of [fresh, taken]) {
      clearBrowser(t);
      await open(t, PATH);
      const reply = await submit(t, PATH, { email, password: PASSWORD });
      expect(reply.status).toBe(303);
      expect(tokenCookies(reply).size).toBe(0);
      answers.push({ location: reply.headers.get('location'), body: reply.body });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.location).toBe('/sign-up?result=check-mail');
    const result = await open(t, answers[0]!.location!);
    expect(heading(result)).toBe(s.checkMail.title);
    expectSafePage(result, 200);
    // The new address gets its link; the taken one a notice, and no second account exists.
    await verificationLink(smtp, fresh);
    await waitForMail(smtp, taken, /./, 2);
    expect(mailsTo(smtp, taken)).toHaveLength(2);
    expect(mailsTo(smtp, taken)[1]!.text).not.toMatch(/verify-email\?token=/);
  });
});
