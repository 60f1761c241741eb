/**
 * The phone through the security pages, on SQLite and PostgreSQL, with text messages caught by a
 * capturing sender: the number (a malformed one comes back on its field), a 303 to the code page
 * (nothing in its URL), a wrong code on its field, the right one turns SMS on and shows the
 * recovery codes once; asking again at once is "too soon"; removing needs the box ticked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingSms } from '../../../src/delivery/sms/sms-sender.js';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { alertText, fieldError, signedInUser, statusText } from '../account/account.js';
import { expectSafePage, heading, open, submit } from '../pages.js';
import { en, shownCodes } from './security.js';

let numbers = 0;
/** A number no other test texts. */
const aPhone = () =>
  `+1415${String(Date.now() % 1000).padStart(3, '0')}${String(++numbers).padStart(4, '0')}`;

describe.each(storeKinds)('the phone pages (%s)', (kind) => {
  let t: TestGatehouse;
  const sent: OutgoingSms[] = [];
  beforeAll(async () => {
    t = await openGatehouse(kind, {}, { smsSender: { send: async (m) => void sent.push(m) } });
  });
  afterAll(() => t?.close());

  /** The code in the latest message to `phone`, once the outbox has delivered it. */
  async function codeSentTo(phone: string): Promise<string> {
    await t.gatehouse.settled();
    const message = sent.filter((m) => m.to === phone).at(-1);
    expect(message, `a message to ${phone}`).toBeDefined();
    return /\b(\d{6})\b/.exec(message!.body)![1]!;
  }

  it('number, code, on: the recovery codes shown once; then a password alone asks for a second factor', async () => {
    const { email } = await signedInUser(t, 'phone-add');
    const phone = aPhone();
    const form = await open(t, '/account/security/phone');
    expectSafePage(form, 200);
    expect(heading(form)).toBe(en.phone.title);

    const bad = await submit(t, '/account/security/phone', { phone: '0171 1234567' });
    expectSafePage(bad, 400);
    expect(fieldError(bad, 'phone-number')).toBe(en.phone.numberInvalid);
    expect(String(bad.body)).toContain('value="0171 1234567"');

    const started = await submit(t, '/account/security/phone', {
      phone: phone.replace(/^(\+1)(415)/, '$1 ($2) '),
    });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/account/security/phone/confirm');
    const code = await codeSentTo(phone);

    const tooSoon = await submit(t, '/account/security/phone', { phone });
    expectSafePage(tooSoon, 429);
    expect(fieldError(tooSoon, 'phone-number')).toBe(en.phone.tooSoon);

    const codePage = await open(t, '/account/security/phone/confirm');
    expectSafePage(codePage, 200);
    expect(heading(codePage)).toBe(en.phone.confirmTitle);
    const wrong = await submit(t, '/account/security/phone/confirm', {
      code: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
    });
    expectSafePage(wrong, 400);
    expect(fieldError(wrong, 'phone-code')).toBe(en.phone.codeWrong);
    const empty = await submit(t, '/account/security/phone/confirm', { code: ' ' });
    expect(fieldError(empty, 'phone-code')).toBe(en.phone.codeMissing);

    const done = await submit(t, '/account/security/phone/confirm', { code });
    expectSafePage(done, 200);
    expect(statusText(done)).toBe(en.overview.done.phoneAdded);
    expect(shownCodes(done)).toHaveLength(10);
    for (const c of shownCodes(done))
      expect(String((await open(t, '/account/security')).body)).not.toContain(c);

    const overview = String((await open(t, '/account/security')).body);
    expect(overview).toContain(`+${'•'.repeat(phone.length - 3)}${phone.slice(-2)}`);
    expect(overview).toContain('<a href="/account/security/phone/remove">');
    expect(overview).not.toContain(phone);
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(signIn.body.mfaRequired).toBe(true);
    expect(signIn.body.methods).toContain('sms');

    // With a phone set up, the number page says so and sends nothing.
    const before = sent.length;
    expectSafePage(await open(t, '/account/security/phone'), 409);
    expectSafePage(await submit(t, '/account/security/phone', { phone: aPhone() }), 409);
    await t.gatehouse.settled();
    expect(sent.length).toBe(before);
  });

  it('a code page with no code waiting says to ask for one', async () => {
    await signedInUser(t, 'phone-nocode');
    const reply = await submit(t, '/account/security/phone/confirm', { code: '123456' });
    expectSafePage(reply, 409);
    expect(alertText(reply)).toBe(en.phone.notStarted);
  });

  it('removing the phone needs the box ticked; afterwards a password alone signs in', async () => {
    const { email } = await signedInUser(t, 'phone-remove');
    const phone = aPhone();
    expect((await submit(t, '/account/security/phone', { phone })).status).toBe(303);
    expectSafePage(
      await submit(t, '/account/security/phone/confirm', { code: await codeSentTo(phone) }),
      200,
    );

    const confirm = await open(t, '/account/security/phone/remove');
    expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(en.phone.remove.title);
    const unticked = await submit(t, '/account/security/phone/remove', {});
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'confirm-remove')).toBe(en.common.confirmMissing);

    const removed = await submit(t, '/account/security/phone/remove', { confirm: 'yes' });
    expect(removed.headers.get('location')).toBe('/account/security?done=phone-removed');
    const overview = await open(t, '/account/security?done=phone-removed');
    expect(statusText(overview)).toBe(en.overview.done.phoneRemoved);
    expect(String(overview.body)).toContain(en.overview.phoneOff);
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(signIn.body.accessToken).toBeDefined();
    // Nothing to remove any more: a 404 page.
    expectSafePage(await submit(t, '/account/security/phone/remove', { confirm: 'yes' }), 404);
  });
});
