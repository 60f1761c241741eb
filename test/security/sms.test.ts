/**
 * Text-message codes under attack, on SQLite and PostgreSQL (SECURITY.md MFA-06, MFA-07): six
 * random digits stored as keyed digests, a short life, single use (also by 20 requests at once),
 * bound to the one sign-in, reauthentication or setup they were sent for, five tries and dead,
 * resends held back and voiding the old code, a budget per account, codes only to a confirmed
 * number, and never a code in a response, an event, the audit log or a log line. Adding and
 * removing a phone needs a recent sign-in and sends a notice. Each test title names its id.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/core/config.js';
import type { GatehouseEvent } from '../../src/core/events.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { en } from '../../src/delivery/locales/en.js';
import type { OutgoingSms } from '../../src/delivery/sms/sms-sender.js';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import {
  openGatehouse,
  PASSWORD,
  type Reply,
  type RequestOptions,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailsTo, type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { outboxDelivered } from '../support/wait.js';

let numbers = 0;
/** A number no other test texts, so each test reads only its own messages. */
const aPhone = () =>
  `+1628${String(Date.now() % 1000).padStart(3, '0')}${String(++numbers).padStart(4, '0')}`;
/** `value` standing alone (not inside a longer run of letters or digits), as a leak would. */
const standingAlone = (value: string) =>
  new RegExp(`(?<![0-9A-Za-z])${value.replace('+', '\\+')}(?![0-9A-Za-z])`);

/** One instance with everything it says captured: texts, mails, replies, events, log lines. */
function smsRig(kind: (typeof storeKinds)[number], settings: Parameters<typeof openGatehouse>[1] = {}) {
  const rig = {
    t: undefined as unknown as TestGatehouse,
    smtp: undefined as unknown as SmtpReceiver,
    sent: [] as OutgoingSms[],
    replies: [] as Reply[],
    events: [] as GatehouseEvent[],
    lines: [] as string[],
    /** Numbers whose messages the provider stand-in fails (after keeping them, like a timeout would). */
    failing: new Set<string>(),
  };
  beforeAll(async () => {
    rig.smtp = await startSmtpReceiver();
    const logger = pino(
      { level: 'trace', base: null },
      { write: (line: string) => void rig.lines.push(line) },
    );
    rig.t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', ...settings },
      {
        logger,
        mailer: smtpMailer(rig.smtp.url, 'Gatehouse <no-reply@app.example>'),
        smsSender: {
          send: async (m) => {
            rig.sent.push(m);
            if (rig.failing.has(m.to)) throw new Error('provider timed out');
          },
        },
      },
    );
    rig.t.gatehouse.on('*', (event) => {
      rig.events.push(event);
    });
  });
  afterAll(async () => {
    await rig.t.close();
    await rig.smtp.stop();
  });

  const call = async (method: string, path: string, options: RequestOptions = {}) => {
    const reply = await rig.t.request(method, path, options);
    rig.replies.push(reply);
    return reply;
  };
  const post = (path: string, body?: unknown, token?: string) =>
    call('POST', path, { ...(body === undefined ? {} : { body }), ...(token ? { token } : {}) });
  /** Every message to `phone` so far, once everything queued has been handed to the sender. */
  const messagesTo = async (phone: string) => {
    await rig.t.gatehouse.settled();
    return rig.sent.filter((m) => m.to === phone);
  };
  const codeIn = (message: OutgoingSms) => /\b(\d{6})\b/.exec(message.body)![1]!;
  const lastCode = async (phone: string) => {
    const message = (await messagesTo(phone)).at(-1);
    expect(message, `a message to ${phone}`).toBeDefined();
    return codeIn(message!);
  };
  /** A six-digit code that is not `code`. */
  const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const elapse = (seconds: number) => rig.t.clock.advance(seconds * 1000);

  const signUp = async (email = uniqueEmail('sms')) => {
    const reply = await post('/auth/sign-up/email', { email, password: PASSWORD });
    expect(reply.status).toBe(201);
    return { email, userId: reply.body.user.id as string, accessToken: reply.body.accessToken as string };
  };
  async function withPhone(phone = aPhone()) {
    const user = await signUp();
    expect((await post('/auth/phone/start', { phone }, user.accessToken)).status).toBe(202);
    const confirmed = await post('/auth/phone/confirm', { code: await lastCode(phone) }, user.accessToken);
    expect(confirmed.status).toBe(200);
    return { ...user, phone, accessToken: confirmed.body.accessToken as string };
  }
  /** A pending sign-in of `email` and the code texted for it. */
  async function pendingWithCode(email: string, phone: string) {
    const challenge = await post('/auth/sign-in/email', { email, password: PASSWORD });
    expect(challenge.body.mfaRequired).toBe(true);
    const mfaToken = challenge.body.mfaToken as string;
    expect((await post('/auth/mfa/sms/send', { mfaToken })).status).toBe(202);
    return { mfaToken, code: await lastCode(phone) };
  }
  const verify = (mfaToken: string, code: string) =>
    post('/auth/mfa/verify', { mfaToken, method: 'sms', code });
  const reauthBySms = (accessToken: string, code: string) =>
    post('/auth/reauthenticate', { method: 'sms', code }, accessToken);

  return {
    rig,
    call,
    post,
    messagesTo,
    codeIn,
    lastCode,
    otherThan,
    elapse,
    signUp,
    withPhone,
    pendingWithCode,
    verify,
    reauthBySms,
  };
}

describe.each(storeKinds)('SMS codes (%s)', (kind) => {
  // The account-wide second-factor lockout and the pending sign-in's own limit (both default 5)
  // are raised here, so what these tests see is the code's own limit.
  const {
    rig,
    call,
    post,
    messagesTo,
    codeIn,
    lastCode,
    otherThan,
    elapse,
    signUp,
    withPhone,
    pendingWithCode,
    verify,
    reauthBySms,
  } = smsRig(kind, { mfa: { maxAttempts: 50 } });

  it('MFA-06: codes are six random digits, stored only as a keyed digest (neither the code nor its SHA-256 is in the row)', async () => {
    const { email, phone, userId } = await withPhone();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { code } = await pendingWithCode(email, phone);
      codes.push(code);
    }
    for (const message of await messagesTo(phone)) expect(message.body).toMatch(/ code is \d{6}\. /);
    expect(new Set(codes).size).toBeGreaterThan(1);
    const rows = (await rig.t.db.rows(`${rig.t.tablePrefix}sms_codes`)).filter((r) => r.user_id === userId);
    expect(rows).toHaveLength(6);
    const dump = JSON.stringify(rows);
    for (const code of codes) {
      expect(dump).not.toMatch(standingAlone(code));
      expect(dump).not.toContain(createHash('sha256').update(code).digest('base64url'));
      expect(dump).not.toContain(createHash('sha256').update(code).digest('hex'));
    }
  });

  it('MFA-06: a code lives 5 minutes by default and never more than 10: a reauthentication or setup code past its life is refused with 401', async () => {
    expect(() => resolveSettings({ sms: { codeTtl: 601 } })).toThrow(/sms\.codeTtl/);
    expect(resolveSettings({}).sms.codeTtl).toBe(300);

    const { phone, accessToken } = await withPhone();
    expect((await post('/auth/reauthenticate/sms', undefined, accessToken)).body.expiresIn).toBe(300);
    elapse(299);
    expect((await reauthBySms(accessToken, await lastCode(phone))).status).toBe(200);
    expect((await post('/auth/reauthenticate/sms', undefined, accessToken)).status).toBe(202);
    const code = await lastCode(phone);
    elapse(300);
    const late = await reauthBySms(accessToken, code);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('INVALID_CODE');

    const user = await signUp();
    const number = aPhone();
    await post('/auth/phone/start', { phone: number }, user.accessToken);
    const setupCode = await lastCode(number);
    elapse(300);
    const expired = await post('/auth/phone/confirm', { code: setupCode }, user.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('INVALID_CODE');
  });

  it('MFA-06: a sign-in code past a shorter sms.codeTtl is refused while the sign-in itself is still live', async () => {
    const short = await openGatehouse(
      kind,
      { sms: { codeTtl: 60 } },
      {
        smsSender: { send: async (m) => void rig.sent.push(m) },
      },
    );
    try {
      const phone = aPhone();
      const up = await short.signUp(uniqueEmail('short'));
      await short.request('POST', '/auth/phone/start', { token: up.accessToken, body: { phone } });
      await short.gatehouse.settled();
      const setup = codeIn(rig.sent.filter((m) => m.to === phone).at(-1)!);
      expect(
        (await short.request('POST', '/auth/phone/confirm', { token: up.accessToken, body: { code: setup } }))
          .status,
      ).toBe(200);
      const challenge = await short.request('POST', '/auth/sign-in/email', {
        body: { email: up.user.email, password: PASSWORD },
      });
      const mfaToken = challenge.body.mfaToken as string;
      const sent = await short.request('POST', '/auth/mfa/sms/send', { body: { mfaToken } });
      expect(sent.body.expiresIn).toBe(60);
      await short.gatehouse.settled();
      const code = codeIn(rig.sent.filter((m) => m.to === phone).at(-1)!);
      expect(rig.sent.filter((m) => m.to === phone).at(-1)!.body).toContain('It expires in 1 minute.');
      short.clock.advance(60_000);
      const late = await short.request('POST', '/auth/mfa/verify', {
        body: { mfaToken, method: 'sms', code },
      });
      expect(late.status).toBe(401);
      expect(late.body.error.code).toBe('INVALID_CODE');
    } finally {
      await short.close();
    }
  });

  it('MFA-06: a code works once: used for a reauthentication, it is refused the second time', async () => {
    const { phone, accessToken } = await withPhone();
    await post('/auth/reauthenticate/sms', undefined, accessToken);
    const code = await lastCode(phone);
    expect((await reauthBySms(accessToken, code)).status).toBe(200);
    const again = await reauthBySms(accessToken, code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CODE');
  });

  it("MFA-06: a code is bound to its sign-in attempt: A's code is refused on pending sign-in B and B's on A, neither works for a reauthentication, and each works on its own", async () => {
    const { email, phone } = await withPhone();
    const a = await pendingWithCode(email, phone);
    const b = await pendingWithCode(email, phone);
    expect(a.code).not.toBe(b.code);
    expect((await verify(b.mfaToken, a.code)).status).toBe(401);
    expect((await verify(a.mfaToken, b.code)).status).toBe(401);

    const signedIn = await verify(a.mfaToken, a.code);
    expect(signedIn.status).toBe(200);
    const refused = await reauthBySms(signedIn.body.accessToken, b.code);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_CODE');
    expect((await verify(b.mfaToken, b.code)).status).toBe(200);

    // A later sign-in takes neither of the earlier codes.
    const c = await pendingWithCode(email, phone);
    for (const old of [a.code, b.code].filter((x) => x !== c.code)) {
      expect((await verify(c.mfaToken, old)).status).toBe(401);
    }
    expect((await verify(c.mfaToken, c.code)).status).toBe(200);
  });

  it('MFA-06: at most 5 tries per code: after 5 wrong ones the right code is refused too, and only a new code helps', async () => {
    const { email, phone } = await withPhone();
    const { mfaToken, code } = await pendingWithCode(email, phone);
    for (let i = 0; i < 5; i++) {
      const wrong = await verify(mfaToken, otherThan(code));
      expect(wrong.status).toBe(401);
    }
    const dead = await verify(mfaToken, code);
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('INVALID_CODE');

    elapse(30);
    expect((await post('/auth/mfa/sms/send', { mfaToken })).status).toBe(202);
    expect((await verify(mfaToken, await lastCode(phone))).status).toBe(200);
  });

  it('MFA-06: a resend within sms.resendInterval is 429 with Retry-After and texts nothing; a resend after it voids the previous code', async () => {
    const { email, phone } = await withPhone();
    const { mfaToken, code: first } = await pendingWithCode(email, phone);
    const count = (await messagesTo(phone)).length;
    elapse(10);
    const early = await post('/auth/mfa/sms/send', { mfaToken });
    expect(early.status).toBe(429);
    expect(early.body.error.code).toBe('RATE_LIMITED');
    expect(early.headers.get('retry-after')).toBe('20');
    expect(await messagesTo(phone)).toHaveLength(count);

    elapse(20);
    expect((await post('/auth/mfa/sms/send', { mfaToken })).status).toBe(202);
    const second = await lastCode(phone);
    expect(await messagesTo(phone)).toHaveLength(count + 1);
    if (second !== first) {
      const voided = await verify(mfaToken, first);
      expect(voided.status).toBe(401);
    }
    expect((await verify(mfaToken, second)).status).toBe(200);

    // The same holds for a phone being set up and for reauthentication.
    const user = await signUp();
    const number = aPhone();
    expect((await post('/auth/phone/start', { phone: number }, user.accessToken)).status).toBe(202);
    const again = await post('/auth/phone/start', { phone: aPhone() }, user.accessToken);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    const { accessToken } = await withPhone();
    expect((await post('/auth/reauthenticate/sms', undefined, accessToken)).status).toBe(202);
    expect((await post('/auth/reauthenticate/sms', undefined, accessToken)).status).toBe(429);
  });

  it('MFA-06: codes go only to a verified number: before the phone is confirmed sign-in does not offer sms, and /mfa/sms/send, /reauthenticate/sms and verify with sms are 400 MFA_METHOD_UNAVAILABLE', async () => {
    const user = await signUp();
    const enrol = await post('/auth/mfa/totp/enroll', undefined, user.accessToken);
    const secret = base32Decode(enrol.body.secret);
    const totp = () => totpAt(secret, Math.floor(rig.t.clock.now() / 1000));
    expect((await post('/auth/mfa/totp/activate', { code: totp() }, user.accessToken)).status).toBe(200);
    const phone = aPhone();
    expect((await post('/auth/phone/start', { phone }, user.accessToken)).status).toBe(202);
    expect(await messagesTo(phone)).toHaveLength(1);

    const challenge = await post('/auth/sign-in/email', { email: user.email, password: PASSWORD });
    expect(challenge.body.methods).not.toContain('sms');
    const send = await post('/auth/mfa/sms/send', { mfaToken: challenge.body.mfaToken });
    expect(send.status).toBe(400);
    expect(send.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
    const setupCode = await lastCode(phone);
    const viaSms = await verify(challenge.body.mfaToken, setupCode);
    expect(viaSms.status).toBe(400);
    expect(viaSms.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
    const reauth = await post('/auth/reauthenticate/sms', undefined, user.accessToken);
    expect(reauth.status).toBe(400);
    expect(reauth.body.error.code).toBe('MFA_METHOD_UNAVAILABLE');
    expect(await messagesTo(phone)).toHaveLength(1);

    // And a phone-only account with its setup unconfirmed signs in with the password alone.
    const plain = await signUp();
    await post('/auth/phone/start', { phone: aPhone() }, plain.accessToken);
    const direct = await post('/auth/sign-in/email', { email: plain.email, password: PASSWORD });
    expect(direct.body.mfaRequired).toBeUndefined();
    expect(direct.body.session.aal).toBe('aal1');
  });

  it('MFA-06: a code is spent once also when 20 requests bring it at the same moment', async () => {
    const { phone, accessToken } = await withPhone();
    await post('/auth/reauthenticate/sms', undefined, accessToken);
    const code = await lastCode(phone);
    const replies = await Promise.all(Array.from({ length: 20 }, () => reauthBySms(accessToken, code)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(401)]);
  });

  it('MFA-06: a sign-in finished by 20 parallel verifications of one right code gives exactly one session', async () => {
    const { email, phone, userId } = await withPhone();
    const { mfaToken, code } = await pendingWithCode(email, phone);
    const before = (await rig.t.store.sessions.listLive(userId as never, rig.t.clock.now())).length;
    const replies = await Promise.all(Array.from({ length: 20 }, () => verify(mfaToken, code)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect((await rig.t.store.sessions.listLive(userId as never, rig.t.clock.now())).length).toBe(before + 1);
  });

  it('MFA-07: adding and removing a phone need a recent sign-in (403 REAUTH_REQUIRED); reauthenticating, also by SMS, lifts it', async () => {
    const user = await signUp();
    // Reauthentication and confirming hand out a new access token; the latest one is used.
    let access = user.accessToken;
    const refused = async (method: string, path: string, body?: unknown) => {
      const reply = await call(method, path, { token: access, ...(body ? { body } : {}) });
      expect(reply.status, path).toBe(403);
      expect(reply.body.error.code, path).toBe('REAUTH_REQUIRED');
    };
    const reauthenticate = async (body: unknown) => {
      const reply = await post('/auth/reauthenticate', body, access);
      expect(reply.status).toBe(200);
      access = reply.body.accessToken;
    };
    const phone = aPhone();
    elapse(601);
    await refused('POST', '/auth/phone/start', { phone });
    expect(await messagesTo(phone)).toEqual([]);
    await reauthenticate({ password: PASSWORD });
    elapse(590);
    expect((await post('/auth/phone/start', { phone }, access)).status).toBe(202);
    const code = await lastCode(phone);

    // The code is still good; the sign-in behind the session is not.
    elapse(11);
    await refused('POST', '/auth/phone/confirm', { code });
    await reauthenticate({ password: PASSWORD });
    const confirmed = await post('/auth/phone/confirm', { code }, access);
    expect(confirmed.status).toBe(200);
    access = confirmed.body.accessToken;

    elapse(601);
    await refused('DELETE', '/auth/phone');
    expect((await post('/auth/reauthenticate/sms', undefined, access)).status).toBe(202);
    await reauthenticate({ method: 'sms', code: await lastCode(phone) });
    expect((await call('DELETE', '/auth/phone', { token: access })).status).toBe(200);
  });

  it('MFA-07: a notice mail follows adding and removing a phone; starting a setup sends none', async () => {
    const user = await signUp();
    const subjects = () => mailsTo(rig.smtp, user.email).map((m) => m.subject);
    const added = en['mfa-factor-added'].subject;
    const removed = en['mfa-factor-removed'].subject;
    const phone = aPhone();
    await post('/auth/phone/start', { phone }, user.accessToken);
    await outboxDelivered(rig.t);
    expect(subjects().filter((s) => s === added || s === removed)).toEqual([]);

    const confirmed = await post('/auth/phone/confirm', { code: await lastCode(phone) }, user.accessToken);
    const addedMail = await waitForMail(
      rig.smtp,
      user.email,
      /A phone number for text-message codes was added/,
    );
    expect(addedMail.subject).toBe(added);
    await call('DELETE', '/auth/phone', { token: confirmed.body.accessToken });
    const removedMail = await waitForMail(
      rig.smtp,
      user.email,
      /A phone number for text-message codes was removed/,
    );
    expect(removedMail.subject).toBe(removed);
    for (const mail of [addedMail, removedMail]) expect(mail.text).not.toContain(phone.slice(1));
  });

  // Last: besides its own round of every flow, it looks at everything the tests above made the
  // instance say.
  it('MFA-06: a code is never echoed: no response body or header, event, audit record or log line holds a code or a full number', async () => {
    const { email, phone, accessToken } = await withPhone();
    const { mfaToken, code } = await pendingWithCode(email, phone);
    expect((await post('/auth/mfa/sms/send', { mfaToken })).status).toBe(429);
    expect((await verify(mfaToken, otherThan(code))).status).toBe(401);
    expect((await verify(mfaToken, code)).status).toBe(200);
    expect((await post('/auth/reauthenticate/sms', undefined, accessToken)).status).toBe(202);
    const reauthCode = await lastCode(phone);
    expect((await reauthBySms(accessToken, otherThan(reauthCode))).status).toBe(401);
    expect((await reauthBySms(accessToken, reauthCode)).status).toBe(200);
    expect((await call('DELETE', '/auth/phone', { token: accessToken })).status).toBe(200);

    // A provider failure is what makes the outbox log about a message.
    const user = await signUp();
    const failing = aPhone();
    rig.failing.add(failing);
    expect((await post('/auth/phone/start', { phone: failing }, user.accessToken)).status).toBe(202);
    await rig.t.gatehouse.settled();
    expect(rig.lines.some((line) => line.includes('sms delivery failed'))).toBe(true);

    const codes = [...new Set(rig.sent.map(codeIn))];
    const phones = [...new Set(rig.sent.map((m) => m.to))];
    expect(codes.length).toBeGreaterThanOrEqual(4);
    const audit = await rig.t.db.rows(`${rig.t.tablePrefix}audit_events`);
    const places = {
      responses: rig.replies.map(
        (r) => `${JSON.stringify(r.body)}\n${JSON.stringify([...r.headers.entries()])}`,
      ),
      events: rig.events.map((e) => JSON.stringify(e)),
      audit: audit.map((row) => JSON.stringify(row)),
      logs: rig.lines,
    };
    expect(places.responses.length).toBeGreaterThanOrEqual(14);
    expect(places.events.some((e) => e.includes('phone.verified') && /\+•+\d\d/.test(e))).toBe(true);
    for (const [where, texts] of Object.entries(places)) {
      const all = texts.join('\n');
      for (const code of codes) expect(standingAlone(code).test(all), `a code in ${where}`).toBe(false);
      for (const phone of phones) {
        expect(standingAlone(phone).test(all), `a number in ${where}`).toBe(false);
        expect(standingAlone(phone.slice(1)).test(all), `a number in ${where}`).toBe(false);
      }
    }
    // The search finds what it looks for: every code is in the message it was sent in.
    for (const message of rig.sent) expect(standingAlone(codeIn(message)).test(message.body)).toBe(true);
  });
});

describe.each(storeKinds)('SMS budget per account (%s)', (kind) => {
  const { post, messagesTo, elapse, withPhone, pendingWithCode } = smsRig(kind, {
    rateLimits: 'on',
    sms: { perAccount: { max: 4, window: 3600 } },
    limits: {
      ip: { max: 100_000, window: 60 },
      credentialIp: { max: 100_000, window: 60 },
    },
  });

  it('MFA-06: each account gets at most sms.perAccount codes per window, across sign-ins and purposes (429 with Retry-After)', async () => {
    // One code went to the setup; three sign-ins take the rest of the budget of four.
    const { email, phone, accessToken } = await withPhone();
    for (let i = 0; i < 3; i++) await pendingWithCode(email, phone);
    const challenge = await post('/auth/sign-in/email', { email, password: PASSWORD });
    const over = await post('/auth/mfa/sms/send', { mfaToken: challenge.body.mfaToken });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    const reauth = await post('/auth/reauthenticate/sms', undefined, accessToken);
    expect(reauth.status).toBe(429);
    expect(await messagesTo(phone)).toHaveLength(4);

    // Another account is not held back by this one's budget.
    const other = await withPhone();
    expect((await post('/auth/reauthenticate/sms', undefined, other.accessToken)).status).toBe(202);

    elapse(2 * 3600);
    const later = await post('/auth/sign-in/email', { email, password: PASSWORD });
    expect((await post('/auth/mfa/sms/send', { mfaToken: later.body.mfaToken })).status).toBe(202);
  });
});
