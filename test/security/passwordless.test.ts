/**
 * Passwordless sign-in by mail against SECURITY.md, on SQLite and PostgreSQL (timing on SQLite
 * only, as for ENUM-04): asking answers alike for every address (ENUM-04), addresses cannot be
 * smuggled (RST-07), a token of one purpose works nowhere else — reset and verification links,
 * an `mfaToken`, a refresh token, an OAuth `state` (RST-04), an attacker's unverified account at
 * the victim's address dies when the victim signs in by mail (EML-03), nothing grants access
 * before a second factor (MFA-04), and the raw link token and code reach no database file (SEC-01)
 * and no log line, event or audit record (LOG-01).
 */
import { existsSync, readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatehouseEvent } from '../../src/core/events.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import {
  ORIGIN,
  observable,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';
import { timingsEqual } from '../support/timing.js';
import { waitUntil } from '../support/wait.js';

const COOKIE = { 'gatehouse-transport': 'cookie', origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
const CODE_MAIL = /sign-in code is (\d{6})/;
const LINK = '/auth/sign-in/magic-link';
const CODE = '/auth/sign-in/email-code';
/** A number standing alone: not a piece of a longer number, id or digest. */
const standalone = (code: string) => new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);

describe.each(everyStoreKind)('passwordless security (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request('POST', path, { body, headers });
  const linkFor = async (email: string, count = 1) =>
    (await mailedLink(smtp, email, 'sign-in/magic-link', count)).token;
  const codeFor = async (email: string, count = 1) =>
    CODE_MAIL.exec((await waitForMail(smtp, email, CODE_MAIL, count)).text ?? '')![1]!;
  const verifiedAccount = async (email = uniqueEmail('verified')) => {
    const up = await t.signUp(email);
    await t.gatehouse.updateUser(up.user.id, { emailVerified: true });
    return { email, userId: up.user.id as string, refreshToken: up.refreshToken as string };
  };

  it('ENUM-04: asking for a link or a code answers an active, unverified, suspended and unknown address with one body', async () => {
    const active = (await verifiedAccount()).email;
    const unverified = uniqueEmail('unverified');
    await t.signUp(unverified);
    const suspended = await verifiedAccount(uniqueEmail('suspended'));
    await t.gatehouse.suspendUser(suspended.userId);
    for (const path of [LINK, CODE]) {
      const reference = observable(await post(path, { email: uniqueEmail('nobody') }));
      expect(reference.status).toBe(202);
      expect(reference.body).toEqual({ accepted: true });
      for (const email of [active, unverified, suspended.email]) {
        expect(observable(await post(path, { email })), `${path} ${email}`).toEqual(reference);
      }
    }
  });

  it('RST-07: lists, arrays, header injection and padding never reach a second address', async () => {
    const victim = (await verifiedAccount(uniqueEmail('victim'))).email;
    const attacker = uniqueEmail('attacker');
    for (const path of [LINK, CODE]) {
      for (const email of [
        [victim, attacker],
        `${victim},${attacker}`,
        `${victim};${attacker}`,
        `${victim}\r\nBcc: ${attacker}`,
        `${victim}\nCc:${attacker}`,
        `"${victim}" <${attacker}>`,
        { email: victim },
      ]) {
        const reply = await post(path, { email });
        expect(reply.status, JSON.stringify(email)).toBe(400);
        expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      }
      expect((await post(path, { email: ` ${victim.toUpperCase()} ` })).status).toBe(202);
    }
    // The verify route reads its address the same way.
    const smuggled = await post(`${CODE}/verify`, { email: [victim, attacker], code: '123456' });
    expect(smuggled.status).toBe(400);
    await t.gatehouse.settled();
    await linkFor(victim);
    await codeFor(victim);
    expect(mailsTo(smtp, attacker)).toEqual([]);
    for (const mail of mailsTo(smtp, victim)) {
      expect((mail.to as { text: string }).text).toBe(victim);
      expect(mail.cc).toBeUndefined();
      expect(mail.bcc).toBeUndefined();
    }
  });

  it('RST-04: a token of one purpose works nowhere else — reset, verification, mfaToken, refresh token, OAuth state, code', async () => {
    // An account with a second factor gives an mfaToken; its sign-up a verification link.
    const email = uniqueEmail('purposes');
    const up = await t.signUp(email);
    const verifyToken = (await mailedLink(smtp, email, 'verify-email')).token;
    await t.gatehouse.updateUser(up.user.id, { emailVerified: true });
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: up.accessToken });
    const secret = base32Decode(enrol.body.secret);
    const step = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
    expect(
      (await t.request('POST', '/auth/mfa/totp/activate', { token: up.accessToken, body: { code: step() } }))
        .status,
    ).toBe(200);
    const mfaToken = (await post('/auth/sign-in/email', { email, password: PASSWORD })).body
      .mfaToken as string;
    expect(mfaToken).toMatch(/^gh_mfa_/);
    await post('/auth/forgot-password', { email });
    const resetToken = (await mailedLink(smtp, email, 'reset-password')).token;
    await post(LINK, { email });
    const magic = await linkFor(email);
    await post(CODE, { email });
    const code = await codeFor(email);
    // An OAuth `state` is, like a link token, 43 base64url characters of randomness.
    const oauthState = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

    for (const other of [resetToken, verifyToken, mfaToken, up.refreshToken, oauthState, code]) {
      const reply = await post(`${LINK}/verify`, { token: other });
      expect(reply.status, other).toBe(400);
      expect(reply.body.error.code, other).toBe('LINK_INVALID');
    }
    // The magic link where other tokens go.
    for (const [path, body] of [
      ['/auth/verify-email', { token: magic }],
      ['/auth/reset-password', { token: magic, password: 'a fresh passphrase for nobody' }],
      ['/auth/confirm-email-change', { token: magic }],
      ['/auth/cancel-email-change', { token: magic }],
    ] as const) {
      const reply = await post(path, body);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code, path).toBe('LINK_INVALID');
    }
    expect((await post('/auth/refresh', { refreshToken: magic })).status).toBe(401);
    const asMfa = await post('/auth/mfa/verify', { mfaToken: magic, method: 'totp', code: step() });
    expect(asMfa.body.error.code).toBe('INVALID_MFA_TOKEN');
    expect((await t.request('GET', '/auth/session', { token: magic })).status).toBe(401);
    // A link token is no code either.
    expect((await post(`${CODE}/verify`, { email, code: magic })).status).toBe(400);

    // None of that spent anything: the right tokens still work where they belong.
    expect((await post(`${LINK}/verify`, { token: magic })).body.mfaRequired).toBe(true);
    expect((await post(`${CODE}/verify`, { email, code })).body.mfaRequired).toBe(true);
    expect((await post('/auth/verify-email', { token: verifyToken })).status).toBe(200);
  });

  it('EML-03: an attacker’s unverified account at the victim’s address loses it and its sessions when the victim signs in by link', async () => {
    const victim = uniqueEmail('prehijack');
    const attacker = await t.signUp(victim, PASSWORD);
    expect(attacker.user.emailVerified).toBe(false);

    await post(LINK, { email: victim });
    const signedIn = await post(`${LINK}/verify`, { token: await linkFor(victim) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: victim, emailVerified: true });
    expect(signedIn.body.user.id).not.toBe(attacker.user.id);

    const withPassword = await post('/auth/sign-in/email', { email: victim, password: PASSWORD });
    expect(withPassword.status).toBe(401);
    expect(withPassword.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await post('/auth/refresh', { refreshToken: attacker.refreshToken })).status).toBe(401);
    expect((await t.request('GET', '/auth/session', { token: attacker.accessToken })).status).toBe(401);
    // The first account keeps nothing of the address; the victim's fresh one nothing of it.
    expect(await t.store.users.findById(attacker.user.id)).toMatchObject({ email: null });
    expect(await t.store.credentials.findActivePassword(signedIn.body.user.id)).toBeNull();
    const released = await t.gatehouse.listAuditEvents({ userId: attacker.user.id, type: 'user.updated' });
    expect(released.items.map((e) => e.data)).toEqual([
      { emailReleased: true, reason: 'address_proven_by_mail' },
    ]);
  });

  it('EML-03: a username account that gave someone else’s address keeps its username and password; only the address goes', async () => {
    const owner = uniqueEmail('mistyped');
    const username = `typo${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
    const made = await post('/auth/sign-up/username', { username, password: PASSWORD, email: owner });
    expect(made.status).toBe(201);
    await post(LINK, { email: owner });
    const signedIn = await post(`${LINK}/verify`, { token: await linkFor(owner) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).not.toBe(made.body.user.id);
    // The username account lost the address (and its sessions), nothing else.
    expect((await post('/auth/refresh', { refreshToken: made.body.refreshToken })).status).toBe(401);
    const byName = await post('/auth/sign-in/username', { username, password: PASSWORD });
    expect(byName.status).toBe(200);
    expect(byName.body.user).toMatchObject({ id: made.body.user.id, email: null, username });
  });

  it('EML-03: the same with an email code', async () => {
    const victim = uniqueEmail('prehijack-code');
    const attacker = await t.signUp(victim, PASSWORD);
    await post(CODE, { email: victim });
    const signedIn = await post(`${CODE}/verify`, { email: victim, code: await codeFor(victim) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).not.toBe(attacker.user.id);
    expect((await post('/auth/sign-in/email', { email: victim, password: PASSWORD })).status).toBe(401);
    expect((await post('/auth/refresh', { refreshToken: attacker.refreshToken })).status).toBe(401);
  });

  it('MFA-04: a link or code for an account with a second factor grants nothing before it: no session, no cookie, no user.signed_in', async () => {
    const { email, userId } = await verifiedAccount();
    const session = await post('/auth/sign-in/email', { email, password: PASSWORD });
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: session.body.accessToken });
    const secret = base32Decode(enrol.body.secret);
    await t.request('POST', '/auth/mfa/totp/activate', {
      token: session.body.accessToken,
      body: { code: totpAt(secret, Math.floor(t.clock.now() / 1000)) },
    });
    const live = async () => (await t.store.sessions.listLive(userId as never, t.clock.now())).length;
    const signedIn = async () =>
      (await t.gatehouse.listAuditEvents({ userId, type: 'user.signed_in' })).items.length;
    const sessionsBefore = await live();
    const signInsBefore = await signedIn();

    await post(LINK, { email });
    const byLink = await post(`${LINK}/verify`, { token: await linkFor(email) }, COOKIE);
    await post(CODE, { email });
    const byCode = await post(`${CODE}/verify`, { email, code: await codeFor(email) }, COOKIE);
    for (const reply of [byLink, byCode]) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        mfaRequired: true,
        mfaToken: expect.any(String),
        methods: expect.any(Array),
        expiresIn: 300,
      });
      expect(reply.headers.getSetCookie()).toEqual([]);
      expect((await t.request('GET', '/auth/session', { token: reply.body.mfaToken })).status).toBe(401);
    }
    expect(await live()).toBe(sessionsBefore);
    expect(await signedIn()).toBe(signInsBefore);
  });
});

describe('passwordless enumeration timing (sqlite)', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    // Sign-up closed: a known address gets mail and an unknown one nothing — the widest gap.
    t = await openGatehouse('sqlite', { openSignUp: false, baseUrl: 'https://app.example' });
  });
  afterAll(() => t?.close());

  it('ENUM-04: asking for a link or a code takes the same time for a known and an unknown address', async () => {
    const email = uniqueEmail('timed');
    await t.gatehouse.createUser({ email, emailVerified: true });
    for (const path of [LINK, CODE]) {
      const result = await timingsEqual(
        () => t.request('POST', path, { body: { email } }),
        () => t.request('POST', path, { body: { email: uniqueEmail('none') } }),
      );
      expect(result, `${path} ${JSON.stringify(result)}`).toMatchObject({ equal: true });
    }
  });
});

describe.each(everyStoreKind)('passwordless secrets at rest and in logs (%s)', (kind) => {
  let t: TestGatehouse;
  /** While false, each mail is held at the mail server's door: its outbox row stays queued. */
  let open = false;
  const gates: Array<() => void> = [];
  const letThrough = () => {
    for (const pass of gates.splice(0)) pass();
  };
  const mails: OutgoingMail[] = [];
  const lines: string[] = [];
  const events: GatehouseEvent[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'trace', base: null }, { write: (line: string) => lines.push(line) });
    t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example' },
      {
        logger,
        mailer: {
          send: async (mail) => {
            mails.push(mail);
            if (!open) await new Promise<void>((pass) => gates.push(pass));
          },
        },
      },
    );
    t.gatehouse.on('*', (event) => {
      events.push(event);
    });
  });
  afterAll(async () => {
    open = true;
    letThrough();
    await t.close();
  });

  const post = (path: string, body: unknown) => t.request('POST', path, { body });
  const mailTo = async (to: string, pattern: RegExp) => {
    await waitUntil(() => mails.some((m) => m.to === to && pattern.test(m.text)), `a mail to ${to}`);
    return pattern.exec(mails.find((m) => m.to === to && pattern.test(m.text))!.text)![1]!;
  };
  /** The rows that could hold a secret, as text, while the mail carrying it is still queued. */
  const storedText = async () => {
    const outbox = await t.db.rows(`${t.tablePrefix}outbox`);
    expect(outbox.some((r) => r.state === 'pending')).toBe(true);
    return JSON.stringify([...(await t.db.rows(`${t.tablePrefix}email_sign_ins`)), ...outbox]);
  };
  const sqliteFiles = () => {
    const file = t.db.url.slice('sqlite:'.length);
    return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
  };

  it('SEC-01: neither the link token nor the code is stored: not in its row, not in the queued mail, not in the SQLite files', async () => {
    const email = uniqueEmail('at-rest');
    await post(LINK, { email });
    const token = await mailTo(email, /sign-in\/magic-link\?token=([\w-]+)/);
    expect(await storedText()).not.toContain(token);
    if (kind === 'sqlite') for (const bytes of sqliteFiles()) expect(bytes.includes(token)).toBe(false);
    letThrough();

    await post(CODE, { email });
    const code = await mailTo(email, CODE_MAIL);
    const text = await storedText();
    expect(text).not.toMatch(standalone(code));
    expect(text).not.toContain('sign-in code is');
    if (kind === 'sqlite')
      for (const bytes of sqliteFiles()) expect(standalone(code).test(bytes)).toBe(false);
    open = true;
    letThrough();

    // They were the live ones all along.
    expect((await post(`${LINK}/verify`, { token })).status).toBe(200);
    expect((await post(`${CODE}/verify`, { email, code })).status).toBe(200);
  });

  it('LOG-01: no link token, code or session token reaches a log line, an event or the audit log; each outcome emits an event', async () => {
    open = true;
    letThrough();
    const email = uniqueEmail('logged');
    const secrets: string[] = [];
    await post(LINK, { email });
    const token = await mailTo(email, /sign-in\/magic-link\?token=([\w-]+)/);
    const byLink = await post(`${LINK}/verify`, { token });
    await post(`${LINK}/verify`, { token });
    await post(CODE, { email });
    const code = await mailTo(email, CODE_MAIL);
    const wrong = code === '000000' ? '000001' : '000000';
    await post(`${CODE}/verify`, { email, code: wrong });
    const byCode = await post(`${CODE}/verify`, { email, code });
    secrets.push(token, byLink.body.accessToken, byLink.body.refreshToken);
    secrets.push(byCode.body.accessToken, byCode.body.refreshToken);
    await t.gatehouse.settled();

    const userId = byLink.body.user.id;
    const audit = (await t.gatehouse.listAuditEvents({ userId })).items;
    const all = [...lines, ...events.map((e) => JSON.stringify(e)), ...audit.map((e) => JSON.stringify(e))];
    for (const secret of secrets) {
      expect(all.filter((line) => line.includes(secret))).toEqual([]);
    }
    expect(all.filter((line) => standalone(code).test(line))).toEqual([]);
    expect(all.filter((line) => standalone(wrong).test(line))).toEqual([]);

    const seen = (type: string, outcome: string, method: string) =>
      events.some((e) => e.type === type && e.outcome === outcome && e.data.method === method);
    expect(seen('user.created', 'success', 'magic_link')).toBe(true);
    expect(seen('user.signed_in', 'success', 'magic_link')).toBe(true);
    expect(seen('user.signed_in', 'success', 'email_code')).toBe(true);
    expect(seen('user.sign_in_failed', 'failure', 'magic_link')).toBe(true);
    expect(seen('user.sign_in_failed', 'failure', 'email_code')).toBe(true);
    expect(events.some((e) => e.type === 'passwordless.requested' && e.userId === userId)).toBe(true);
  });
});
