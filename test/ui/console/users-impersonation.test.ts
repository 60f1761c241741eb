/**
 * Impersonation from the console, on SQLite and PostgreSQL: the confirmation page asks for a
 * reason (none is refused at its field); confirmed, the browser's access cookie becomes the
 * impersonated session's and the browser lands on the user's account, every page showing the
 * impersonation banner, while the console refuses it. The start is audited as the operator
 * through the console with the reason. Ending it from the banner ends that session and brings the
 * operator's own session back from their refresh cookie, on the user's console page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../../src/crypto/totp.js';
import { isMfaChallenge } from '../../../src/services/mfa/pending-sign-in.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse } from '../../support/gatehouse.js';
import { CONSOLE, type SignedInOperator, signInOperator } from '../../support/operators.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { expectConsoleEvent, offers, redirected, someUser, userPage } from './console.js';

/** The cookie a reply sets, by name. */
function setCookie(reply: { headers: Headers }, name: string): string | undefined {
  const line = reply.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

describe.each(storeKinds)('impersonation from the console (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  /** The operator's browser with both cookies, as a sign-in at the console leaves it. */
  async function operatorWithRefresh() {
    operator = await signInOperator(t);
    const first = await t.gatehouse.signIn({ email: operator.email, password: PASSWORD }, CONSOLE);
    if (!isMfaChallenge(first)) throw new Error('expected the second step');
    t.clock.advance(30_000);
    const code = totpAt(operator.totpSecret, Math.floor(t.clock.now() / 1000));
    const session = signedIn(
      await t.gatehouse.verifyMfa({ mfaToken: first.mfaToken, method: 'totp', code }, CONSOLE),
    );
    clearBrowser(t);
    signInBrowser(t, session);
    return session;
  }

  it('asks for a reason, becomes the user with a banner, is audited, and ends back in the console', async () => {
    const own = await operatorWithRefresh();
    const user = await someUser(t);
    expect(offers(await userPage(t, user.id), 'impersonate')).toBe(true);

    const path = `/console/users/${user.id}/confirm?action=impersonate`;
    const page = await open(t, path);
    const form = expectSafePage(page, 200);
    expect(heading(page)).toBe(`Impersonate ${user.email}?`);
    expect(form).toContain('<label for="reason">Reason</label>');

    const noReason = await submit(t, path, { action: 'impersonate', confirm: 'yes', reason: '   ' });
    const refused = expectSafePage(noReason, 400);
    expect(refused).toContain('<a href="#reason">Enter the reason for the impersonation.</a>');
    expect(refused).toMatch(/<textarea id="reason"[^>]*aria-invalid="true"/);

    const started = await submit(t, path, { action: 'impersonate', confirm: 'yes', reason: 'Ticket 4711' });
    expect([started.status, started.headers.get('location')]).toEqual([303, '/account']);
    const access = setCookie(started, 'gh_access');
    expect(access).toBeTruthy();
    expect(access).not.toBe(own.accessToken);
    // No refresh token exists for it: the operator's refresh cookie is left as it was.
    expect(setCookie(started, 'gh_refresh')).toBeUndefined();
    const data = await expectConsoleEvent(t, operator, 'impersonation.started', user.id);
    expect(data.reason).toBe('Ticket 4711');
    const me = await t.request('GET', '/auth/me', { token: access! });
    expect(me.body.id).toBe(user.id);
    const session = (await t.gatehouse.getUserDetail(user.id)).sessions.find((s) => s.impersonatorId);
    expect(session?.impersonatorId).toBe(operator.userId);

    // Every page shows the banner while it lasts.
    for (const where of ['/account', '/account/sessions']) {
      const shown = expectSafePage(await open(t, where), 200);
      expect(shown, where).toContain(
        '<section class="gh-impersonation" aria-labelledby="gh-impersonation-title">',
      );
      expect(shown, where).toContain(`You are using ${user.email}’s account as an operator, until`);
      expect(shown, where).toContain('<form method="post" action="/console/impersonation/end">');
    }
    // What the pages do in the session is the operator's, as in the API: audited with both ids.
    const saved = await submit(t, '/account', { name: 'Changed by support' });
    expect(saved.status).toBe(303);
    const { items } = await t.gatehouse.listAuditEvents({ type: 'user.updated', userId: user.id });
    const edit = items.find((e) => e.actorId === operator.userId);
    expect(edit?.data).toMatchObject({ via: 'impersonation' });
    // The console does not take the session.
    const console = await open(t, '/console/users');
    expect(heading(console)).toBe('You are signed in as a user');
    expectSafePage(console, 403);

    const ended = await submit(t, '/console/impersonation/end', {});
    expect([ended.status, ended.headers.get('location')]).toEqual([303, `/console/users/${user.id}`]);
    expect((await t.request('GET', '/auth/session', { token: access! })).status).toBe(401);
    // The console page finds no live session and resumes the operator's from the refresh cookie.
    const resume = await redirected(t, ended);
    expect(resume.headers.get('location')).toBe(
      `/auth/refresh/resume?returnTo=${encodeURIComponent(`/console/users/${user.id}`)}`,
    );
    const back = await redirected(t, resume);
    expect(back.headers.get('location')).toBe(`/console/users/${user.id}`);
    const detail = await redirected(t, back);
    const body = expectSafePage(detail, 200);
    expect(heading(detail)).toBe(user.email);
    expect(body).not.toContain('<section class="gh-impersonation"');
    expect(body).toContain(operator.email);
  });

  it('without an impersonation, the end page just opens the console', async () => {
    await operatorWithRefresh();
    const reply = await open(t, '/console/impersonation/end');
    expect([reply.status, reply.headers.get('location')]).toEqual([303, '/console/users']);
  });

  it('a suspended user cannot be impersonated: a 403 message, and the browser stays the operator’s', async () => {
    await operatorWithRefresh();
    const user = await someUser(t);
    await t.gatehouse.setUserStatus(user.id, 'suspended');
    const body = await userPage(t, user.id);
    expect(offers(body, 'impersonate')).toBe(false);
    const path = `/console/users/${user.id}/confirm?action=impersonate`;
    await open(t, path);
    const refused = await submit(t, path, { action: 'impersonate', confirm: 'yes', reason: 'why not' });
    expect(expectSafePage(refused, 403)).toContain('Not done: the user is suspended. Reactivate them first.');
    expect(setCookie(refused, 'gh_access')).toBeUndefined();
  });
});
