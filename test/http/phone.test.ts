/**
 * Phones and text-message codes over HTTP and embedded, on SQLite and PostgreSQL: setting up a
 * phone (start, confirm), SMS as the second step of a sign-in and for reauthentication, removing
 * the phone, and the answers for what does not fit (a malformed or refused number, a second
 * phone, no setup, no phone). Messages reach a capturing sender through the default outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingSms } from '../../src/delivery/sms/sms-sender.js';
import { PermanentSmsError } from '../../src/delivery/sms/sms-sender.js';
import { isMfaChallenge } from '../../src/services/mfa/pending-sign-in.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

/** A number the provider stand-in refuses as a recipient. */
const UNREACHABLE = '+15005550009';
let numbers = 0;
/** A number no other test texts, so each test reads only its own messages. */
const aPhone = () =>
  `+1415${String(Date.now() % 1000).padStart(3, '0')}${String(++numbers).padStart(4, '0')}`;

describe.each(everyStoreKind)('phones and SMS codes (%s)', (kind) => {
  let t: TestGatehouse;
  const sent: OutgoingSms[] = [];

  beforeAll(async () => {
    t = await openGatehouse(
      kind,
      {},
      {
        smsSender: {
          send: async (m) => {
            if (m.to === UNREACHABLE) throw new PermanentSmsError('not a mobile number', { recipient: true });
            sent.push(m);
          },
        },
      },
    );
  });
  afterAll(() => t.close());

  /** The code in the latest message to `phone`, once everything queued has been delivered. */
  async function codeSentTo(phone: string): Promise<string> {
    await t.gatehouse.settled();
    const message = sent.filter((m) => m.to === phone).at(-1);
    expect(message, `a message to ${phone}`).toBeDefined();
    return /\b(\d{6})\b/.exec(message!.body)![1]!;
  }
  const messagesTo = async (phone: string) => {
    await t.gatehouse.settled();
    return sent.filter((m) => m.to === phone);
  };
  /** Lets the given seconds pass (the resend interval, a code's lifetime). */
  const elapse = (seconds: number) => t.clock.advance(seconds * 1000);

  async function withPhone(phone = aPhone(), email = uniqueEmail('phone')) {
    const signUp = await t.signUp(email);
    const started = await t.request('POST', '/auth/phone/start', {
      token: signUp.accessToken,
      body: { phone },
    });
    expect(started.status).toBe(202);
    const confirmed = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: await codeSentTo(phone) },
    });
    expect(confirmed.status).toBe(200);
    return {
      email,
      phone,
      userId: signUp.user.id as string,
      accessToken: confirmed.body.accessToken as string,
      recoveryCodes: confirmed.body.recoveryCodes as string[],
    };
  }
  const signIn = (email: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });

  it('setting up a phone: the code goes to the number typed, the answer names it masked; the code turns SMS on and the session to aal2', async () => {
    const phone = aPhone();
    const signUp = await t.signUp(uniqueEmail('setup'));
    const typed = `${phone.slice(0, 2)} (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    const started = await t.request('POST', '/auth/phone/start', {
      token: signUp.accessToken,
      body: { phone: typed },
    });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ expiresIn: 300, phone: `+${'•'.repeat(9)}${phone.slice(-2)}` });
    const [message, ...more] = await messagesTo(phone);
    expect(more).toEqual([]);
    expect(message!.body).toMatch(/^Your Gatehouse code is \d{6}\. It expires in 5 minutes\.$/);

    const listed = async () =>
      (await t.request('GET', '/auth/mfa', { token: signUp.accessToken })).body as {
        methods: string[];
        factors: Record<string, unknown>;
      };
    expect((await listed()).methods).toEqual([]);
    expect((await listed()).factors.sms).toBeNull();

    const confirmed = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: await codeSentTo(phone) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.session).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    const session = await t.request('GET', '/auth/session', { token: confirmed.body.accessToken });
    expect(session.body.session).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });
    const listing = await listed();
    expect(listing.methods).toEqual(['sms', 'recovery_code']);
    expect(listing.factors.sms).toEqual({
      phone: started.body.phone,
      verifiedAt: new Date(t.clock.now()).toISOString(),
    });
  });

  it('start refuses a malformed number without echoing it, a second phone, and a missing session', async () => {
    const signUp = await t.signUp(uniqueEmail('bad-number'));
    for (const phone of ['0171 1234567', '+0123456789', '+1415555010x', '12345', `+1${'2'.repeat(40)}`]) {
      const reply = await t.request('POST', '/auth/phone/start', {
        token: signUp.accessToken,
        body: { phone },
      });
      expect(reply.status, phone).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      expect(reply.body.error.issues[0].path).toBe('phone');
      expect(JSON.stringify(reply.body)).not.toContain(phone);
    }
    const missing = await t.request('POST', '/auth/phone/start', { token: signUp.accessToken, body: {} });
    expect(missing.status).toBe(400);
    expect((await t.request('POST', '/auth/phone/start', { body: { phone: aPhone() } })).status).toBe(401);

    const { accessToken } = await withPhone();
    const second = await t.request('POST', '/auth/phone/start', {
      token: accessToken,
      body: { phone: aPhone() },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('FACTOR_EXISTS');
  });

  it('confirm: no setup started is 404, a wrong code 401, and a code for another session does not confirm this one', async () => {
    const email = uniqueEmail('confirm');
    const signUp = await t.signUp(email);
    const none = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: '123456' },
    });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NOT_FOUND');

    const phone = aPhone();
    await t.request('POST', '/auth/phone/start', { token: signUp.accessToken, body: { phone } });
    const code = await codeSentTo(phone);
    const wrong = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: code === '000000' ? '000001' : '000000' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CODE');

    const otherSession = (await signIn(email)).body.accessToken as string;
    const elsewhere = await t.request('POST', '/auth/phone/confirm', { token: otherSession, body: { code } });
    expect(elsewhere.status).toBe(404);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const right = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: spaced },
    });
    expect(right.status).toBe(200);
    const again = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FACTOR_EXISTS');
  });

  it('starting again with another number voids the first code; the phone set up is the second number', async () => {
    const signUp = await t.signUp(uniqueEmail('renumber'));
    const first = aPhone();
    const second = aPhone();
    await t.request('POST', '/auth/phone/start', { token: signUp.accessToken, body: { phone: first } });
    const firstCode = await codeSentTo(first);
    elapse(30);
    const again = await t.request('POST', '/auth/phone/start', {
      token: signUp.accessToken,
      body: { phone: second },
    });
    expect(again.status).toBe(202);
    const secondCode = await codeSentTo(second);
    if (firstCode !== secondCode) {
      const stale = await t.request('POST', '/auth/phone/confirm', {
        token: signUp.accessToken,
        body: { code: firstCode },
      });
      expect(stale.status).toBe(401);
    }
    const confirmed = await t.request('POST', '/auth/phone/confirm', {
      token: signUp.accessToken,
      body: { code: secondCode },
    });
    expect(confirmed.status).toBe(200);
    expect((await t.store.phones.find(signUp.user.id))?.phone).toBe(second);
  });

  it('a number the provider refuses is a 400 on phone, and asking again at once works (direct sending)', async () => {
    const direct = await openGatehouse(
      kind,
      { sms: { outbox: false } },
      {
        smsSender: {
          send: async (m) => {
            if (m.to === UNREACHABLE) throw new PermanentSmsError('not a mobile number', { recipient: true });
            sent.push(m);
          },
        },
      },
    );
    try {
      const signUp = await direct.signUp(uniqueEmail('refused'));
      const refused = await direct.request('POST', '/auth/phone/start', {
        token: signUp.accessToken,
        body: { phone: UNREACHABLE },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(refused.body.error.issues[0].path).toBe('phone');
      const phone = aPhone();
      const retried = await direct.request('POST', '/auth/phone/start', {
        token: signUp.accessToken,
        body: { phone },
      });
      expect(retried.status).toBe(202);
      expect(sent.filter((m) => m.to === phone)).toHaveLength(1);
    } finally {
      await direct.close();
    }
  });

  it('sign-in with a phone: the password asks for sms, /mfa/sms/send texts the phone, the code finishes it at aal2 with amr pwd and sms', async () => {
    const { email, phone, userId } = await withPhone();
    const challenge = await signIn(email);
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ mfaRequired: true, methods: ['sms', 'recovery_code'] });
    expect(challenge.body.accessToken).toBeUndefined();
    const before = (await messagesTo(phone)).length;

    const send = await t.request('POST', '/auth/mfa/sms/send', {
      body: { mfaToken: challenge.body.mfaToken },
    });
    expect(send.status).toBe(202);
    expect(send.body).toEqual({ expiresIn: 300, phone: `+${'•'.repeat(9)}${phone.slice(-2)}` });
    expect(await messagesTo(phone)).toHaveLength(before + 1);

    const verified = await t.request('POST', '/auth/mfa/verify', {
      body: { mfaToken: challenge.body.mfaToken, method: 'sms', code: await codeSentTo(phone) },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.user.id).toBe(userId);
    expect(verified.body.session).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });
    const claims = await t.gatehouse.verifyAccessToken(verified.body.accessToken);
    expect(claims).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });
  });

  it('/mfa/sms/send refuses a malformed, unknown or other-client mfaToken and a session token', async () => {
    const { email, accessToken } = await withPhone();
    const challenge = await signIn(email);
    for (const mfaToken of ['nope', `gh_mfa_${'A'.repeat(43)}`, accessToken.slice(0, 128)]) {
      const reply = await t.request('POST', '/auth/mfa/sms/send', { body: { mfaToken } });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_MFA_TOKEN');
    }
    const whole = await t.request('POST', '/auth/mfa/sms/send', { body: { mfaToken: accessToken } });
    expect(whole.status).toBe(400);
    const moved = await t.request('POST', '/auth/mfa/sms/send', {
      body: { mfaToken: challenge.body.mfaToken },
      headers: { 'user-agent': 'another browser' },
    });
    expect(moved.status).toBe(401);
    expect((await t.request('POST', '/auth/mfa/sms/send', { body: {} })).status).toBe(400);
  });

  it('reauthentication by SMS: /reauthenticate/sms texts a code that /reauthenticate takes with method sms; without a phone it is 400', async () => {
    const { phone, accessToken } = await withPhone();
    elapse(601);
    const stale = await t.request('POST', '/auth/mfa/recovery-codes', { token: accessToken });
    expect(stale.body.error.code).toBe('REAUTH_REQUIRED');
    const send = await t.request('POST', '/auth/reauthenticate/sms', { token: accessToken });
    expect(send.status).toBe(202);
    expect(send.body.phone).toMatch(/^\+•+\d\d$/);
    const stepped = await t.request('POST', '/auth/reauthenticate', {
      token: accessToken,
      body: { method: 'sms', code: await codeSentTo(phone) },
    });
    expect(stepped.status).toBe(200);
    expect(stepped.body.session).toMatchObject({ aal: 'aal2' });
    expect(stepped.body.session.amr).toContain('sms');
    const fresh = await t.request('POST', '/auth/mfa/recovery-codes', { token: stepped.body.accessToken });
    expect(fresh.status).toBe(200);

    const plain = await t.signUp(uniqueEmail('no-phone'));
    const none = await t.request('POST', '/auth/reauthenticate/sms', { token: plain.accessToken });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
    expect((await t.request('POST', '/auth/reauthenticate/sms')).status).toBe(401);
  });

  it('removing the phone: the password alone signs in again, the recovery codes go with it, and a second removal is 404', async () => {
    const { email, userId, accessToken } = await withPhone();
    expect(await t.store.recoveryCodes.countUnused(userId as never)).toBe(10);
    const removed = await t.request('DELETE', '/auth/phone', { token: accessToken });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ success: true });
    expect(await t.store.phones.find(userId as never)).toBeNull();
    expect(await t.store.recoveryCodes.countUnused(userId as never)).toBe(0);
    const signedIn = await signIn(email);
    expect(signedIn.body.mfaRequired).toBeUndefined();
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    const again = await t.request('DELETE', '/auth/phone', { token: accessToken });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
  });

  it('an operator reset removes the phone and its codes', async () => {
    const { email, userId } = await withPhone();
    const challenge = await signIn(email);
    await t.request('POST', '/auth/mfa/sms/send', { body: { mfaToken: challenge.body.mfaToken } });
    const codesOf = async () =>
      (await t.db.rows(`${t.tablePrefix}sms_codes`)).filter((r) => r.user_id === userId);
    expect(await codesOf()).toHaveLength(2);
    await t.gatehouse.resetMfa(userId);
    expect(await t.store.phones.find(userId as never)).toBeNull();
    expect(await codesOf()).toEqual([]);
    expect((await signIn(email)).body.mfaRequired).toBeUndefined();
  });

  it('embedded: the facade sets up a phone, texts sign-in and reauthentication codes, and removes it', async () => {
    const g = t.gatehouse;
    const phone = aPhone();
    const email = uniqueEmail('embedded');
    const signUp = await g.signUp({ email, password: PASSWORD });
    expect(await g.startPhoneSetup(signUp.accessToken, phone)).toEqual({
      expiresIn: 300,
      phone: expect.stringMatching(/^\+•{9}\d\d$/),
    });
    const added = await g.confirmPhone(signUp.accessToken, await codeSentTo(phone));
    expect(added.session).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });

    const challenge = await g.signIn({ email, password: PASSWORD });
    if (!isMfaChallenge(challenge)) throw new Error('expected an MFA challenge');
    await g.sendSignInSmsCode(challenge.mfaToken);
    const session = await g.verifyMfa({
      mfaToken: challenge.mfaToken,
      method: 'sms',
      code: await codeSentTo(phone),
    });
    expect(session.session).toMatchObject({ amr: ['pwd', 'sms'], aal: 'aal2' });

    elapse(30);
    await g.sendReauthSmsCode(added.accessToken);
    const stepped = await g.reauthenticate(added.accessToken, {
      method: 'sms',
      code: await codeSentTo(phone),
    });
    await g.removePhone(stepped.accessToken);
    await expect(g.removePhone(stepped.accessToken)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
