/**
 * `/account/sessions` on SQLite and PostgreSQL: the list shows every signed-in device with its
 * IP address and times, this browser's marked "This device" and without an end button; ending
 * another session ends exactly that one; "end all other sessions" ends every one but this
 * browser's; another user's session id is answered as not found, and theirs lives on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, follow, open, submit } from '../pages.js';
import { alertText, otherDevice, sessionStatus, signedInUser, statusText } from './account.js';

const s = accountStrings.en.sessions;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** The sessions listed: device, IP address, marked "This device", the session its end button ends. */
function rows(body: string) {
  const list = /<ul class="gh-sessions"[^>]*>([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...list.matchAll(/<li class="gh-session">([\s\S]*?)<\/li>/g)].map((m) => ({
    device: /<p class="gh-session-device"><strong>([^<]*)<\/strong>/.exec(m[1]!)?.[1],
    ip: new RegExp(`<dt>${s.ip}</dt><dd>([^<]*)</dd>`).exec(m[1]!)?.[1],
    thisDevice: m[1]!.includes(`<span class="gh-badge">${s.thisDevice}</span>`),
    endsSession: /name="session" value="([^"]+)"/.exec(m[1]!)?.[1],
  }));
}

describe.each(storeKinds)('the sessions page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const sessionIdOf = async (token: string) =>
    (await t.request('GET', '/auth/session', { token })).body.session.id as string;

  it('lists every device, marks this one, and ends another one alone', async () => {
    const user = await signedInUser(t, 'sessions-one');
    const laptop = await otherDevice(t, user.email, FIREFOX);
    const phone = await otherDevice(t, user.email, IPHONE);
    const page = await open(t, '/account/sessions');
    const listed = rows(expectSafePage(page, 200));
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatchObject({ thisDevice: true, endsSession: undefined });
    expect(listed.filter((r) => r.thisDevice)).toHaveLength(1);
    expect(listed.filter((r) => !r.thisDevice).every((r) => r.endsSession?.startsWith('ses_'))).toBe(true);
    expect(listed.map((r) => r.device)).toContain('Firefox on Linux');
    expect(listed.filter((r) => !r.thisDevice).map((r) => r.ip)).toEqual(['203.0.113.7', '203.0.113.7']);

    const laptopId = await sessionIdOf(laptop);
    expect(listed.map((r) => r.endsSession)).toContain(laptopId);
    const posted = await submit(t, '/account/sessions', { action: 'end', session: laptopId });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/sessions?result=ended');
    const after = await follow(t, '/account/sessions', posted);
    expect(statusText(after)).toBe(s.ended);
    expect(rows(String(after.body))).toHaveLength(2);
    expect(await sessionStatus(t, laptop)).toBe(401);
    expect(await sessionStatus(t, phone)).toBe(200);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
  });

  it('ends every other session and keeps this one', async () => {
    const user = await signedInUser(t, 'sessions-others');
    const others = [
      await otherDevice(t, user.email, FIREFOX),
      await otherDevice(t, user.email, IPHONE),
      await otherDevice(t, user.email, 'curl/8.5.0'),
    ];
    await open(t, '/account/sessions');
    const posted = await submit(t, '/account/sessions', { action: 'end-others' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/sessions?result=others-ended&count=3');
    const after = await follow(t, '/account/sessions', posted);
    const body = expectSafePage(after, 200);
    expect(statusText(after)).toBe(s.othersEnded(3));
    expect(body).toContain(s.onlyThis);
    expect(rows(body)).toEqual([expect.objectContaining({ thisDevice: true })]);
    for (const token of others) expect(await sessionStatus(t, token)).toBe(401);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
  });

  it('ending every other session voids a pending address change, as signing out everywhere does', async () => {
    const user = await signedInUser(t, 'sessions-takeover');
    const intruder = await otherDevice(t, user.email, FIREFOX);
    const moved = await t.request('POST', '/auth/change-email', {
      token: intruder,
      body: { newEmail: uniqueEmail('intruder'), password: PASSWORD },
    });
    expect(moved.status).toBe(202);
    const pending = async () =>
      (await t.request('GET', '/auth/me', { token: user.accessToken })).body.pendingEmail as unknown;
    expect(await pending()).not.toBeNull();
    await open(t, '/account/sessions');
    const posted = await submit(t, '/account/sessions', { action: 'end-others' });
    expect(posted.status).toBe(303);
    expect(await sessionStatus(t, intruder)).toBe(401);
    expect(await sessionStatus(t, user.accessToken)).toBe(200);
    const live = await t.store.verificationTokens.listLive(user.userId as never, t.clock.now());
    expect(live.filter((link) => link.purpose === 'change_email')).toEqual([]);
    expect(await pending()).toBeNull();
  });

  it("another user's session id is not found, and that session lives on", async () => {
    const stranger = await t.signUp();
    await signedInUser(t, 'sessions-foreign');
    await open(t, '/account/sessions');
    const refused = await submit(t, '/account/sessions', { action: 'end', session: stranger.session.id });
    expectSafePage(refused, 404);
    expect(alertText(refused)).toBe(s.notFound);
    expect(await sessionStatus(t, stranger.accessToken)).toBe(200);
    const bogus = await submit(t, '/account/sessions', { action: 'end', session: 'not-a-session' });
    expectSafePage(bogus, 404);
  });

  it("ending this browser's own session signs it out", async () => {
    const user = await signedInUser(t, 'sessions-self');
    await open(t, '/account/sessions');
    const posted = await submit(t, '/account/sessions', { action: 'end', session: user.sessionId });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/sign-in');
    expect(posted.headers.getSetCookie().some((c) => /gh_access=;.*Max-Age=0/i.test(c))).toBe(true);
    expect(await sessionStatus(t, user.accessToken)).toBe(401);
  });
});
