/**
 * Takeover paths through the address-change flow (SECURITY.md EML-02, ENUM-03), over HTTP with
 * mail really delivered over SMTP, on SQLite and PostgreSQL. The attacker here knows the
 * password (phished once) and holds a session; the owner holds only the old mailbox.
 *
 * Regression tests for the review of issue 8: the owner's old-address links used to die when the
 * attacker changed the address a second time; a pending change used to survive the owner's
 * recovery; a change to a taken address used to look different to the requester; nothing limited
 * mail per recipient; resend-verification looked the address up before answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  observable,
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

describe.each(everyStoreKind)('address-change takeover paths (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const { change, confirm, cancel, signIn, sessionStatus } = accountRequests(() => t);

  /** The attacker moves the account from its current address to `next` and confirms it, a minute apart. */
  async function takeOver(session: string, next: string): Promise<void> {
    t.clock.advance(60_000);
    expect((await change(session, next)).status).toBe(202);
    t.clock.advance(60_000);
    const { token } = await mailedLink(smtp, next, 'confirm-email-change');
    expect((await confirm(token, session)).status).toBe(200);
  }

  it('EML-02: two changes in a row leave the owner’s cancel and undo links working; the undo voids the attacker’s links', async () => {
    const owner = uniqueEmail('owner2');
    const [b, c] = [uniqueEmail('attacker-b'), uniqueEmail('attacker-c')];
    const victim = await t.signUp(owner);
    const attacker = (await signIn(owner)).body.accessToken as string;
    await takeOver(attacker, b);
    await takeOver(attacker, c);

    const firstNotice = await mailedLink(smtp, owner, 'cancel-email-change', 1);
    const undo = await mailedLink(smtp, owner, 'cancel-email-change', 2);
    const bLinks = [
      await mailedLink(smtp, b, 'cancel-email-change', 1),
      await mailedLink(smtp, b, 'cancel-email-change', 2),
    ];

    const reverted = await cancel(undo.token);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toEqual({ reverted: true, email: owner });
    expect(await sessionStatus(attacker)).toBe(401);
    expect(await sessionStatus(victim.accessToken)).toBe(401);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email: c, password: PASSWORD } })).status,
    ).toBe(401);
    // The links the later change sent to the attacker's address B would move the account again.
    for (const link of bLinks) expect((await cancel(link.token)).body.error.code).toBe('LINK_USED');
    // The owner's earlier link still works and leaves the account where it is.
    expect((await cancel(firstNotice.token)).body).toEqual({ reverted: false, email: owner });
    const me = await t.request('GET', '/auth/me', { token: (await signIn(owner)).body.accessToken });
    expect(me.body.email).toBe(owner);
  });

  it('EML-02: after three changes the owner’s first notice takes the account back and every link of the later changes dies', async () => {
    const owner = uniqueEmail('owner3');
    const [b, c, d] = [uniqueEmail('three-b'), uniqueEmail('three-c'), uniqueEmail('three-d')];
    await t.signUp(owner);
    const attacker = (await signIn(owner)).body.accessToken as string;
    await takeOver(attacker, b);
    await takeOver(attacker, c);
    await takeOver(attacker, d);
    const later = [
      await mailedLink(smtp, b, 'cancel-email-change', 1),
      await mailedLink(smtp, b, 'cancel-email-change', 2),
      await mailedLink(smtp, c, 'cancel-email-change', 1),
      await mailedLink(smtp, c, 'cancel-email-change', 2),
    ];
    const pending = await change(attacker, uniqueEmail('three-e'));
    expect(pending.status).toBe(202);

    const firstNotice = await mailedLink(smtp, owner, 'cancel-email-change', 1);
    expect((await cancel(firstNotice.token)).body).toEqual({ reverted: true, email: owner });
    expect(await sessionStatus(attacker)).toBe(401);
    for (const link of later) expect((await cancel(link.token)).body.error.code).toBe('LINK_USED');
    const owned = await signIn(owner);
    expect(owned.status).toBe(200);
    expect(owned.body.user.email).toBe(owner);
  });

  describe('EML-02: recovery wins over a pending change — its confirmation link dies', () => {
    async function pendingChange() {
      const owner = uniqueEmail('recover');
      const target = uniqueEmail('recover-attacker');
      const victim = await t.signUp(owner);
      const attacker = (await signIn(owner)).body.accessToken as string;
      expect((await change(attacker, target)).status).toBe(202);
      const confirmation = await mailedLink(smtp, target, 'confirm-email-change');
      return { owner, victim, attacker, confirmation };
    }

    async function expectConfirmationDead(token: string, owner: string) {
      const reply = await confirm(token);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('LINK_USED');
      const user = await t.store.users.findByEmail(owner);
      expect(user?.email).toBe(owner);
    }

    it('a password reset', async () => {
      const { owner, confirmation } = await pendingChange();
      await t.request('POST', '/auth/forgot-password', { body: { email: owner } });
      const reset = await mailedLink(smtp, owner, 'reset-password');
      const done = await t.request('POST', '/auth/reset-password', {
        body: { token: reset.token, password: 'a brand new passphrase for the owner' },
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      await expectConfirmationDead(confirmation.token, owner);
    });

    it('a password change', async () => {
      const { owner, victim, confirmation } = await pendingChange();
      const changed = await t.request('POST', '/auth/change-password', {
        token: victim.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'another new passphrase for the owner' },
      });
      expect(changed.status).toBe(200);
      await expectConfirmationDead(confirmation.token, owner);
    });

    it('signing out everywhere', async () => {
      const { owner, victim, attacker, confirmation } = await pendingChange();
      const out = await t.request('POST', '/auth/sign-out', {
        token: victim.accessToken,
        body: { everywhere: true },
      });
      expect(out.status).toBe(200);
      expect(await sessionStatus(attacker)).toBe(401);
      expect(await sessionStatus(victim.accessToken)).toBe(401);
      await expectConfirmationDead(confirmation.token, owner);
    });

    it('a suspension (still dead after reactivation)', async () => {
      const { owner, victim, confirmation } = await pendingChange();
      await t.gatehouse.suspendUser(victim.user.id);
      await t.gatehouse.reactivateUser(victim.user.id);
      await expectConfirmationDead(confirmation.token, owner);
    });

    it('the owner cancelling from the old address', async () => {
      const { owner, confirmation } = await pendingChange();
      const notice = await mailedLink(smtp, owner, 'cancel-email-change');
      expect((await cancel(notice.token)).body).toEqual({ reverted: false, email: owner });
      await expectConfirmationDead(confirmation.token, owner);
    });
  });
});

describe.each(everyStoreKind)(
  'address change to a taken address (ENUM-03, requireEmailVerified) (%s)',
  (kind) => {
    let t: TestGatehouse;
    let smtp: SmtpReceiver;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ t, smtp, close } = await openGatehouseWithSmtp(kind, { requireEmailVerified: true }));
    });
    afterAll(() => close());

    const { verify, change, signIn } = accountRequests(() => t);

    async function verifiedSession(email: string): Promise<string> {
      expect(
        (await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } })).status,
      ).toBe(202);
      expect((await verify((await mailedLink(smtp, email, 'verify-email')).token)).status).toBe(200);
      return (await signIn(email)).body.accessToken;
    }

    /** What a requester sees of its own account, with the addresses replaced by placeholders. */
    async function seenBy(token: string, own: string, target: string) {
      const data = await t.gatehouse.exportData(token);
      const mask = (value: unknown) =>
        JSON.parse(JSON.stringify(value).replaceAll(own, '<own>').replaceAll(target, '<target>')) as unknown;
      const ownMails = mailsTo(smtp, own).map((m) => ({
        subject: m.subject,
        text: (m.text ?? '').replace(/token=[\w-]+/g, 'token=<token>'),
      }));
      return mask({
        // Links made in the same millisecond have no order of their own (MySQL returns them
        // either way): compare them as a set.
        pendingLinks: data.pendingLinks
          .map((l) => ({ purpose: l.purpose, sentTo: l.sentTo }))
          .sort((a, b) => a.purpose.localeCompare(b.purpose)),
        audit: data.auditEvents
          .filter((e) => e.type === 'email.change_requested')
          .map((e) => ({ type: e.type, outcome: e.outcome, data: e.data })),
        ownMails,
      });
    }

    it('ENUM-03: looks the same to the requester as a change to a free address: answer, own mails, pending links, own audit', async () => {
      const holder = uniqueEmail('holder');
      await verifiedSession(holder);
      const [free, taken] = [uniqueEmail('req-free'), uniqueEmail('req-taken')];
      const freeToken = await verifiedSession(free);
      const takenToken = await verifiedSession(taken);
      const target = uniqueEmail('free-target');

      const toFree = await change(freeToken, target);
      const toTaken = await change(takenToken, holder);
      expect(observable(toTaken)).toEqual(observable(toFree));

      await waitForMail(smtp, free, /cancel-email-change/);
      await waitForMail(smtp, taken, /cancel-email-change/);
      expect(await seenBy(takenToken, taken, holder)).toEqual(await seenBy(freeToken, free, target));

      // The free address got a working link; the holder a notice without one.
      await mailedLink(smtp, target, 'confirm-email-change');
      const notice = await waitForMail(smtp, holder, /already belongs to an account/);
      expect(notice.text).not.toMatch(/token=/);
      // Operators still see why nothing will happen.
      const page = await t.gatehouse.listAuditEvents({ type: 'email.change_requested', limit: 50 });
      const record = page.items.find((e) => e.data.newEmail === holder);
      expect(record?.data.operatorNote).toBe('address_taken');
    });
  },
);

describe.each(everyStoreKind)('mail per recipient (%s)', (kind) => {
  const LIMIT = 3;
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind, {
      rateLimits: 'on',
      requireEmailVerified: true,
      limits: {
        ip: { max: 10_000, window: 60 },
        credentialIp: { max: 10_000, window: 60 },
        mailPerRecipient: { max: LIMIT, window: 3600 },
      },
    }));
  });
  afterAll(() => close());

  const { verify, change, signIn } = accountRequests(() => t);

  /** Every outbox row of this instance delivered (so no mail is still on its way). */
  async function outboxDrained(): Promise<boolean> {
    const rows = await t.db.rows(`${t.tablePrefix}outbox`);
    return rows.every((r) => r.state !== 'pending');
  }

  it('EML-02: throwaway accounts asking to move to one address mail it at most the limit, and each still gets 202', async () => {
    const victim = uniqueEmail('inbox');
    for (let i = 0; i < LIMIT + 3; i++) {
      const email = uniqueEmail(`throwaway${i}`);
      await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
      await verify((await mailedLink(smtp, email, 'verify-email')).token);
      const session = (await signIn(email)).body.accessToken;
      expect((await change(session, victim)).status).toBe(202);
    }
    await waitUntil(outboxDrained, 'every queued mail sent');
    expect(mailsTo(smtp, victim)).toHaveLength(LIMIT);
  });

  it('ENUM-03: sign-up attempts with a registered address notify its owner at most the limit', async () => {
    const owner = uniqueEmail('registered');
    await t.request('POST', '/auth/sign-up/email', { body: { email: owner, password: PASSWORD } });
    await mailedLink(smtp, owner, 'verify-email');
    const attempts = LIMIT + 3;
    for (let i = 0; i < attempts; i++) {
      const reply = await t.request('POST', '/auth/sign-up/email', {
        body: { email: owner, password: PASSWORD },
        ip: `198.51.100.${i + 1}`,
      });
      expect(reply.status).toBe(202);
    }
    // The notices go out after the answer; each attempt ends with its audit record.
    await waitUntil(async () => {
      const page = await t.gatehouse.listAuditEvents({ type: 'user.created', limit: 500 });
      return page.items.filter((e) => e.outcome === 'failure').length >= attempts;
    }, 'every attempt recorded');
    await waitUntil(outboxDrained, 'every queued mail sent');
    expect(mailsTo(smtp, owner).filter((m) => /already has one/.test(m.text ?? ''))).toHaveLength(LIMIT);
  });
});

describe.each(everyStoreKind)('resend-verification (ENUM-03 timing) (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('ENUM-04: resend-verification answers before it looks the address up, so the lookup cannot show in the response time', async () => {
    const { user } = await t.signUp();
    const users = t.store.users;
    const original = users.findByEmail;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const looked: string[] = [];
    users.findByEmail = async (email) => {
      looked.push(email);
      await gate;
      return original.call(users, email);
    };
    try {
      const answer = t.request('POST', '/auth/resend-verification', { body: { email: user.email } });
      const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 5000));
      const reply = await Promise.race([answer, stalled]);
      expect(reply).not.toBe('stalled');
      expect(reply).toMatchObject({ status: 202, body: { accepted: true } });
      release();
      await waitUntil(() => looked.length === 1, 'the lookup after the answer');
      expect(looked).toEqual([user.email]);
    } finally {
      release();
      users.findByEmail = original;
    }
  });
});
