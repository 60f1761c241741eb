/**
 * Operators sign in to the console through the sign-in pages, on SQLite and PostgreSQL: a
 * `returnTo` under `/console` makes `/sign-in` the console's sign-in — every way in, and the
 * second step, happen at the console app, so the session is one the console admits. A browser
 * holding another app's session is shown the form rather than sent round in a loop, and the
 * console's refusal links there; a non-operator is refused plainly; an operator without a second
 * factor is told how to add one. `/sign-out` follows a local `returnTo` only (RED-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { type SmtpReceiver, waitForMail } from '../../support/smtp.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { accountWithTotp, expectSignedInRedirect, fieldError, hidden, tokenCookies } from './support.js';

const s = signInStrings.en;

describe.each(storeKinds)('signing in to the console through the pages (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  async function operatorWithTotp() {
    const account = await accountWithTotp(t, uniqueEmail('page-operator'));
    await t.gatehouse.addMember(account.userId, CONSOLE_APP_ID, { role: 'admin' });
    return account;
  }
  /** The session the access cookie names, read through the facade (`/auth/session` is the default app's). */
  async function sessionIn(cookies: Map<string, string>) {
    const access = [...cookies].find(([name]) => name.includes('gh_access'))![1];
    return (await t.gatehouse.getSession(access)).session;
  }
  const password = (login: string, returnTo: string) =>
    submit(t, '/sign-in', { intent: 'password', login, password: PASSWORD, returnTo });

  it('an operator with TOTP signs in at the console app and lands on the console', async () => {
    const operator = await operatorWithTotp();
    clearBrowser(t);
    const form = await open(t, '/sign-in?returnTo=%2Fconsole');
    const body = expectSafePage(form, 200);
    expect(heading(form)).toBe(s.signIn.consoleTitle);
    expect(body).toContain(s.signIn.consoleIntro);
    // The console is invite-only: no sign-up link. No mailed link either (it could not come back
    // here for its second step); the mailed code is offered.
    expect(body).not.toContain('href="/sign-up');
    expect(body).not.toContain('value="magic-link"');
    expect(body).toContain('value="email-code"');
    const step = await password(operator.email, '/console');
    const stepBody = expectSafePage(step, 200);
    expect(heading(step)).toBe(s.mfa.title);
    expect(hidden(stepBody, 'returnTo')).toBe('/console');
    const done = await submit(t, '/sign-in/mfa', {
      intent: 'verify',
      mfaToken: hidden(stepBody, 'mfaToken')!,
      methods: hidden(stepBody, 'methods')!,
      method: 'totp',
      code: operator.code(),
      returnTo: '/console',
    });
    const cookies = expectSignedInRedirect(done, '/console');
    expect(await sessionIn(cookies)).toMatchObject({ appId: CONSOLE_APP_ID, aal: 'aal2' });
    // The cookies are the browser's now: the console admits it.
    const consolePage = expectSafePage(await open(t, '/console/users'), 200);
    // Its header's sign-out leads back to the console's sign-in.
    expect(consolePage).toContain(
      '<input type="hidden" name="returnTo" value="/sign-in?returnTo=%2Fconsole">',
    );
    const out = await submit(t, '/sign-out', { returnTo: '/sign-in?returnTo=%2Fconsole' });
    expect(out.headers.get('location')).toBe('/sign-in?returnTo=%2Fconsole&result=signed-out');
  });

  it('a browser signed in at the default app is shown the console’s form, not sent round; the console’s refusal links there', async () => {
    const operator = await operatorWithTotp();
    const user = await t.gatehouse.signIn({ email: operator.email, password: PASSWORD });
    expect('mfaRequired' in user).toBe(true);
    const plain = await t.signUp(uniqueEmail('page-plain'));
    clearBrowser(t);
    signInBrowser(t, { accessToken: plain.accessToken });
    const refused = await open(t, '/console/users?q=ann');
    const refusal = expectSafePage(refused, 403);
    expect(refusal).toContain(`href="/sign-in?returnTo=${encodeURIComponent('/console/users?q=ann')}"`);
    // The same session is enough for any other page: sent straight on.
    const elsewhere = await open(t, '/sign-in?returnTo=%2Faccount%2Fsessions');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/account/sessions');
    const form = await open(t, `/sign-in?returnTo=${encodeURIComponent('/console/users?q=ann')}`);
    expectSafePage(form, 200);
    expect(heading(form)).toBe(s.signIn.consoleTitle);
  });

  it('a non-operator is refused at the form (403, no cookie); NOT_A_MEMBER in the person’s words', async () => {
    const email = uniqueEmail('page-not-operator');
    await t.signUp(email);
    clearBrowser(t);
    await open(t, '/sign-in?returnTo=%2Fconsole');
    const refused = await password(email, '/console');
    const body = expectSafePage(refused, 403);
    expect(fieldError(body, 'password')).toBe(s.errors.notOperator);
    expect(tokenCookies(refused).size).toBe(0);
    expect(heading(refused)).toBe(s.signIn.consoleTitle);
  });

  it('an operator without a second factor is signed in, then the console asks for one and links to add it', async () => {
    const email = uniqueEmail('page-operator-aal1');
    const up = await t.signUp(email);
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    clearBrowser(t);
    await open(t, '/sign-in?returnTo=%2Fconsole');
    const cookies = expectSignedInRedirect(await password(email, '/console'), '/console');
    expect((await sessionIn(cookies)).appId).toBe(CONSOLE_APP_ID);
    const refused = await open(t, '/console/users');
    const body = expectSafePage(refused, 403);
    expect(body).toContain('href="/account/security"');
    // A console session signs out first to sign in again, and comes back to the console's sign-in.
    expect(body).toContain(
      `name="returnTo" value="/sign-in?returnTo=${encodeURIComponent('/console/users')}"`,
    );
    // The way forward works with this session: the account's security page.
    expectSafePage(await open(t, '/account/security'), 200);
  });

  it('the emailed code signs in at the console too', async () => {
    const email = uniqueEmail('page-operator-code');
    const up = await t.signUp(email);
    await t.gatehouse.updateUser(up.user.id, { emailVerified: true });
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    clearBrowser(t);
    await open(t, '/sign-in?returnTo=%2Fconsole');
    const asked = await submit(t, '/sign-in', { intent: 'email-code', email, returnTo: '/console' });
    expect(hidden(expectSafePage(asked, 200), 'returnTo')).toBe('/console');
    const mail = await waitForMail(smtp, email, /\b\d{6}\b/);
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
    const done = await submit(t, '/sign-in/code', { email, code, returnTo: '/console' });
    const cookies = expectSignedInRedirect(done, '/console');
    expect((await sessionIn(cookies)).appId).toBe(CONSOLE_APP_ID);
  });

  it('/sign-out follows a local returnTo only; the sign-in page there says it is signed out', async () => {
    const { accessToken } = await t.signUp(uniqueEmail('page-sign-out'));
    clearBrowser(t);
    signInBrowser(t, { accessToken });
    const asked = expectSafePage(
      await open(t, `/sign-out?returnTo=${encodeURIComponent('/sign-in?returnTo=/console')}`),
      200,
    );
    expect(asked).toContain('name="returnTo" value="/sign-in?returnTo=/console"');
    const out = await submit(t, '/sign-out', { returnTo: '/sign-in?returnTo=/console' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in?returnTo=%2Fconsole&result=signed-out');
    const after = await open(t, out.headers.get('location')!);
    expect(expectSafePage(after, 200)).toContain(s.signIn.signedOut);
    expect(heading(after)).toBe(s.signIn.consoleTitle);
    for (const elsewhere of ['https://evil.tld', '//evil.tld', '/\\evil.tld']) {
      signInBrowser(t, { accessToken: (await t.signUp(uniqueEmail('page-sign-out'))).accessToken });
      await open(t, '/sign-out');
      const reply = await submit(t, '/sign-out', { returnTo: elsewhere });
      expect(reply.headers.get('location')).toBe('/sign-in?result=signed-out');
    }
  });
});
