/**
 * Addresses over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL (SECURITY.md
 * EML-01, EML-02, and ENUM-03 for the address-change and sign-up sides): verification links are
 * single-use, expire and die with the address; an address changes only through the new
 * address's link, the old one is told and can undo it. EML-03 (pre-hijacking through OIDC
 * linking) does not apply yet; EML-04 is in enumeration.test.ts. Each test title names its
 * checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import {
  observable,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import {
  mailedLink,
  mailsTo,
  type SmtpReceiver,
  startSmtpReceiver,
  verificationLink,
  waitForMail,
} from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { timingsEqual } from '../support/timing.js';
import { outboxDelivered } from '../support/wait.js';

describe.each(storeKinds)('email addresses (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const linkFor = (email: string, count = 1) => verificationLink(smtp, email, count);
  const { verify, change, confirm, cancel, signIn, sessionStatus } = accountRequests(() => t);

  it('EML-01: tampered, unknown and expired links each get their own 400 code', async () => {
    expect((await verify('A'.repeat(43))).body.error.code).toBe('LINK_INVALID');
    expect((await verify('')).status).toBe(400);
    const email = uniqueEmail('late');
    await t.signUp(email);
    const token = (await linkFor(email)).searchParams.get('token')!;
    expect((await verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).body.error.code).toBe(
      'LINK_INVALID',
    );
    t.clock.advance(24 * 3600 * 1000 + 1);
    const late = await verify(token);
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('LINK_EXPIRED');
  });

  it('EML-01: a double-clicked link applies once', async () => {
    const email = uniqueEmail('double');
    await t.signUp(email);
    const token = (await linkFor(email)).searchParams.get('token')!;
    const replies = await Promise.all([verify(token), verify(token), verify(token)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400]);
  });

  it('EML-01: a used link stays used, and the old address’s verification link dies with an address change', async () => {
    const used = uniqueEmail('used');
    await t.signUp(used);
    const first = (await linkFor(used)).searchParams.get('token')!;
    expect((await verify(first)).status).toBe(200);
    expect((await verify(first)).body.error.code).toBe('LINK_USED');

    const email = uniqueEmail('moving');
    const next = uniqueEmail('moved');
    const a = await t.signUp(email);
    const stale = (await linkFor(email)).searchParams.get('token')!;
    await change(a.accessToken, next);
    expect((await confirm((await mailedLink(smtp, next, 'confirm-email-change')).token)).status).toBe(200);
    const late = await verify(stale);
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('LINK_USED');
  });

  it('EML-01 / RST-03: links of the old address die with it; tokens of another purpose and expired ones are refused', async () => {
    const email = uniqueEmail('links');
    const next = uniqueEmail('links-new');
    const a = await t.signUp(email);
    await t.request('POST', '/auth/forgot-password', { body: { email } });
    const reset = await mailedLink(smtp, email, 'reset-password');
    await change(a.accessToken, next);
    const confirmation = await mailedLink(smtp, next, 'confirm-email-change');
    const cancellation = await mailedLink(smtp, email, 'cancel-email-change');
    expect((await confirm(cancellation.token)).body.error.code).toBe('LINK_INVALID');
    expect((await cancel(confirmation.token)).body.error.code).toBe('LINK_INVALID');
    expect((await confirm('x'.repeat(43))).body.error.code).toBe('LINK_INVALID');
    expect((await confirm(confirmation.token)).status).toBe(200);
    const used = await t.request('POST', '/auth/reset-password', {
      body: { token: reset.token, password: 'a fresh passphrase 77' },
    });
    expect(used.status).toBe(400);

    const later = uniqueEmail('later');
    const b = (await signIn(next)).body;
    await change(b.accessToken, later);
    const expiring = await mailedLink(smtp, later, 'confirm-email-change');
    t.clock.advance(24 * 3600 * 1000 + 1);
    expect((await confirm(expiring.token)).body.error.code).toBe('LINK_EXPIRED');
  });

  it('EML-02: changes only through the new address’s link; the old address is told; other sessions end', async () => {
    const oldEmail = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    const a = await t.signUp(oldEmail);
    const b = (await signIn(oldEmail)).body;
    const asked = await change(a.accessToken, newEmail.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true });

    const confirmation = await mailedLink(smtp, newEmail, 'confirm-email-change');
    expect(confirmation.url.origin).toBe('https://app.example');
    const notice = await mailedLink(smtp, oldEmail, 'cancel-email-change');
    expect(notice.url.origin).toBe('https://app.example');
    // Found by its link: mails to one address may arrive in any order.
    const notices = () => mailsTo(smtp, oldEmail).filter((m) => /cancel-email-change/.test(m.text ?? ''));
    expect(notices()[0]?.text).toContain(newEmail);

    // Nothing changed yet.
    expect((await signIn(newEmail)).status).toBe(401);
    expect((await signIn(oldEmail)).status).toBe(200);

    const done = await confirm(confirmation.token, a.accessToken);
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ email: newEmail, emailVerified: true });
    expect(await sessionStatus(a.accessToken)).toBe(200);
    expect(await sessionStatus(b.accessToken)).toBe(401);
    expect((await signIn(newEmail)).status).toBe(200);
    expect((await signIn(oldEmail)).status).toBe(401);

    // The old address is told it happened, with a link that would undo it.
    await mailedLink(smtp, oldEmail, 'cancel-email-change', 2);
    expect(notices()[1]?.subject).toBe('Your email address was changed');

    const types = (await t.gatehouse.listAuditEvents({ userId: a.user.id })).items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['email.change_requested', 'email.changed']));
  });

  it('EML-02: needs the current password, a different and valid single address; refusals mail nothing', async () => {
    const email = uniqueEmail('refuse');
    const a = await t.signUp(email);
    const target = uniqueEmail('target');
    expect((await change(a.accessToken, target, 'not my password at all')).body.error.code).toBe(
      'WRONG_PASSWORD',
    );
    expect((await change(a.accessToken, email.toUpperCase())).status).toBe(400);
    for (const bad of [
      `${target},attacker@evil.example`,
      `${target}\r\nBcc: attacker@evil.example`,
      [target, 'attacker@evil.example'],
      `${target.replace('@', '＠')}`,
    ]) {
      const reply = await change(a.accessToken, bad);
      expect(reply.status, JSON.stringify(bad)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await change('', target)).status).toBe(401);
    // Each refusal was answered before anything could be queued; what was queued has gone out.
    await outboxDelivered(t);
    expect(mailsTo(smtp, target)).toHaveLength(0);
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes('evil.example'))).toBe(false);
  });

  it('EML-02: the old address can cancel a pending change', async () => {
    const email = uniqueEmail('cancel');
    const next = uniqueEmail('cancel-new');
    const a = await t.signUp(email);
    await change(a.accessToken, next);
    const confirmation = await mailedLink(smtp, next, 'confirm-email-change');
    const cancellation = await mailedLink(smtp, email, 'cancel-email-change');
    const cancelled = await cancel(cancellation.token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ reverted: false, email });
    expect((await confirm(confirmation.token)).body.error.code).toBe('LINK_USED');
    expect((await signIn(email)).status).toBe(200);
    expect(await sessionStatus(a.accessToken)).toBe(200);
  });

  it('EML-02: the old address can undo a completed change (a takeover): back to the old address, every session ends', async () => {
    const email = uniqueEmail('victim');
    const attacker = uniqueEmail('attacker');
    const a = await t.signUp(email);
    await change(a.accessToken, attacker);
    const firstNotice = await mailedLink(smtp, email, 'cancel-email-change');
    const { token } = await mailedLink(smtp, attacker, 'confirm-email-change');
    t.clock.advance(60_000);
    const attackerSession = (await confirm(token, a.accessToken)).body;
    expect(attackerSession.user.email).toBe(attacker);
    const undo = await mailedLink(smtp, email, 'cancel-email-change', 2);
    expect(undo.token).not.toBe(firstNotice.token);

    const reverted = await cancel(undo.token);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toEqual({ reverted: true, email });
    expect(await sessionStatus(a.accessToken)).toBe(401);
    expect((await signIn(email)).status).toBe(200);
    expect((await signIn(attacker)).status).toBe(401);
    expect((await cancel(undo.token)).body.error.code).toBe('LINK_USED');
    // The first notice (sent before the undo link) still works, and finds nothing left to undo.
    expect((await cancel(firstNotice.token)).body).toEqual({ reverted: false, email });
  });

  it('EML-02: the confirmation link is bound to the account that asked: another user’s session cannot redirect it or keep itself alive', async () => {
    const email = uniqueEmail('asker');
    const next = uniqueEmail('asker-new');
    const a = await t.signUp(email);
    const stranger = await t.signUp();
    await change(a.accessToken, next);
    const { token } = await mailedLink(smtp, next, 'confirm-email-change');
    const done = await confirm(token, stranger.accessToken);
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: a.user.id, email: next });
    // The asker's account moved and all its sessions ended; the stranger's account is untouched.
    expect(await sessionStatus(a.accessToken)).toBe(401);
    const me = await t.request('GET', '/auth/me', { token: stranger.accessToken });
    expect(me.body.email).toBe(stranger.user.email);
  });

  it('ENUM-03: an address change to an address another account holds gets the same answer; the holder gets a notice, never a link', async () => {
    const taken = uniqueEmail('taken');
    await t.signUp(taken);
    await mailedLink(smtp, taken, 'verify-email');
    const email = uniqueEmail('wants');
    const a = await t.signUp(email);
    const reply = await change(a.accessToken, taken);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ accepted: true });
    const notice = await waitForMail(smtp, taken, /already belongs to an account/);
    expect(notice.subject).toBe('Someone tried to move an account to your address');
    expect(notice.text).not.toMatch(/token=/);
    expect(mailsTo(smtp, taken).some((m) => /confirm-email-change/.test(m.text ?? ''))).toBe(false);
    // The requester's own mailbox gets the usual notice with its cancel link, as for a free address.
    await mailedLink(smtp, email, 'cancel-email-change');
  });
});

describe('sign-up with a registered address (ENUM-03, documented deviation)', () => {
  let t: TestGatehouse;
  const PER_ROUTE = 5;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', {
      rateLimits: 'on',
      limits: {
        ip: { max: 1000, window: 60 },
        credentialIp: { max: PER_ROUTE, window: 60 },
        mailPerAccount: { max: 5, window: 3600 },
      },
    });
  });
  afterAll(() => t.close());

  it('ENUM-03: sign-up answers 409 USER_EXISTS for a registered address (it signs new users in at once); probing is bounded by the per-address limit', async () => {
    const taken = uniqueEmail('registered');
    const ip = '198.51.100.77';
    const up = (email: string) =>
      t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD }, ip });
    expect((await up(taken)).status).toBe(201);
    const again = await up(taken.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USER_EXISTS');
    const statuses = [];
    for (let i = 0; i < PER_ROUTE; i++) statuses.push((await up(uniqueEmail('probe'))).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(PER_ROUTE - 2);
  });
});

describe.each(storeKinds)('sign-up when addresses must be verified first (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', requireEmailVerified: true },
      { mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>') },
    );
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const up = (email: string, password = PASSWORD) =>
    t.request('POST', '/auth/sign-up/email', { body: { email, password } });

  it('ENUM-03: a new and a registered address get the same 202 and no session; the owner gets a notice, not a second account', async () => {
    const owner = uniqueEmail('owner');
    const first = await up(owner);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: true });
    await mailedLink(smtp, owner, 'verify-email');
    const attacker = 'the attackers own passphrase';
    const again = await up(owner.toUpperCase(), attacker);
    const fresh = await up(uniqueEmail('fresh'));
    expect(observable(again)).toEqual(observable(fresh));
    expect(again.headers.get('set-cookie')).toBeNull();
    const notice = await waitForMail(smtp, owner, /already has one/);
    expect(notice.subject).toBe('Someone tried to sign up with your address');
    expect(notice.text).toContain('https://app.example/forgot-password');
    // The attempt changed nothing: the owner's password still works after verifying, the attacker's never.
    const { token } = await mailedLink(smtp, owner, 'verify-email');
    expect((await t.request('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
    const signIn = (password: string) =>
      t.request('POST', '/auth/sign-in/email', { body: { email: owner, password } });
    expect((await signIn(attacker)).status).toBe(401);
    expect((await signIn(PASSWORD)).status).toBe(200);
  });

  it.runIf(kind === 'sqlite')(
    'ENUM-03: and in the same time (timing method of SECURITY.md)',
    async () => {
      const owner = uniqueEmail('timed-owner');
      await up(owner);
      const result = await timingsEqual(
        () => up(uniqueEmail('timed-new')),
        () => up(owner),
      );
      expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
      // Many hashed sign-ups in a row: under a full parallel run it needs more than the default 30 s.
    },
    120_000,
  );
});
