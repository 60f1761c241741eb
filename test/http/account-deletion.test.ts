/**
 * Deleting an account and exporting its data over HTTP, on SQLite and PostgreSQL: soft deletion
 * (restorable, then purged), hard deletion, the notice mail, and an export without secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

const DAY = 24 * 3600 * 1000;

describe.each(everyStoreKind)('account deletion and export (%s)', (kind) => {
  let smtp: SmtpReceiver;
  let soft: TestGatehouse;
  let hard: TestGatehouse;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const mailer = () => smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>');
    soft = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', deletedRetentionDays: 30 },
      { mailer: mailer() },
    );
    hard = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', accountDeletion: 'hard' },
      { mailer: mailer() },
    );
  });
  afterAll(async () => {
    await soft?.close();
    await hard?.close();
    await smtp?.stop();
  });

  const remove = (t: TestGatehouse, token: string, password: unknown = PASSWORD) =>
    t.request('DELETE', '/auth/me', { token, body: { password } });
  const signIn = (t: TestGatehouse, email: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });

  it('soft: password required; sessions end, sign-in fails like an unknown address, the address stays reserved', async () => {
    const email = uniqueEmail('soft');
    const a = await soft.signUp(email);
    const b = (await signIn(soft, email)).body;
    await soft.request('POST', '/auth/forgot-password', { body: { email } });
    const reset = await mailedLink(smtp, email, 'reset-password');

    expect((await remove(soft, a.accessToken, 'not the password at all')).body.error.code).toBe(
      'WRONG_PASSWORD',
    );
    expect((await soft.request('DELETE', '/auth/me', { token: a.accessToken, body: {} })).status).toBe(400);
    const deleted = await remove(soft, a.accessToken);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({
      mode: 'soft',
      restorableUntil: new Date(soft.clock.now() + 30 * DAY).toISOString(),
    });
    for (const s of [a, b]) {
      expect((await soft.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
      expect(
        (await soft.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
      ).toBe(401);
    }
    const refused = await signIn(soft, email);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(
      (await soft.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(409);
    const used = await soft.request('POST', '/auth/reset-password', {
      body: { token: reset.token, password: 'a fresh passphrase 77' },
    });
    expect(used.status).toBe(400);

    const notice = await waitForMail(smtp, email, /was deleted/);
    expect(notice.subject).toBe('Your account was deleted');
    expect(notice.text).toContain('can be restored until');
  });

  it('soft: an operator can restore within the retention period; after it the account is purged', async () => {
    const email = uniqueEmail('restore');
    const a = await soft.signUp(email);
    await remove(soft, a.accessToken);
    await soft.gatehouse.restoreUser(a.user.id);
    const back = await signIn(soft, email);
    expect(back.status).toBe(200);
    await expect(soft.gatehouse.restoreUser(a.user.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await remove(soft, back.body.accessToken);
    soft.clock.advance(30 * DAY + 1);
    await expect(soft.gatehouse.restoreUser(a.user.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await soft.gatehouse.purgeDeletedUsers()).toBeGreaterThanOrEqual(1);
    expect(await soft.store.users.findById(a.user.id)).toBeNull();
    expect(await soft.store.credentials.findActivePassword(a.user.id)).toBeNull();
    expect(
      (await soft.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(201);
    const types = (await soft.gatehouse.listAuditEvents({ userId: a.user.id })).items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.deleted', 'user.restored', 'user.purged']));
  });

  it('hard: the account and what belongs to it are gone at once; the address is free again', async () => {
    const email = uniqueEmail('hard');
    const a = await hard.signUp(email);
    const deleted = await remove(hard, a.accessToken);
    expect(deleted.body).toEqual({ mode: 'hard', restorableUntil: null });
    expect(await hard.store.users.findById(a.user.id)).toBeNull();
    expect(await hard.store.sessions.listForUser(a.user.id)).toEqual([]);
    expect(await hard.store.credentials.listForUser(a.user.id)).toEqual([]);
    expect((await hard.request('GET', '/auth/session', { token: a.accessToken })).status).toBe(401);
    const notice = await waitForMail(smtp, email, /was deleted/);
    expect(notice.text).toContain('erased');
    expect(
      (await hard.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(201);
  });

  it('exports everything held about the caller, without secrets', async () => {
    const email = uniqueEmail('export');
    const a = await soft.signUp(email);
    const b = (await signIn(soft, email)).body;
    await soft.request('PATCH', '/auth/me', { token: a.accessToken, body: { displayName: 'Exporter' } });
    await soft.request('POST', '/auth/resend-verification', { body: { email } });
    await mailedLink(smtp, email, 'verify-email');
    const reply = await soft.request('GET', '/auth/me/export', { token: a.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain('attachment');
    expect(reply.headers.get('cache-control')).toContain('no-store');
    const data = reply.body;
    expect(data.user).toMatchObject({ id: a.user.id, email, displayName: 'Exporter' });
    expect(data.sessions.map((s: { id: string }) => s.id).sort()).toEqual(
      [a.session.id, b.session.id].sort(),
    );
    expect(data.credentials).toHaveLength(1);
    expect(data.pendingLinks).toEqual([expect.objectContaining({ purpose: 'verify_email', sentTo: email })]);
    expect(data.auditEvents.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['user.created', 'user.signed_in', 'user.updated']),
    );
    const text = JSON.stringify(data);
    for (const secret of ['$argon2', a.refreshToken, b.refreshToken, a.accessToken, PASSWORD]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/"hash"|token_hash|secret/i);
    expect(mailsTo(smtp, email).length).toBeGreaterThan(0);
  });

  it('works the same from code', async () => {
    const email = uniqueEmail('code');
    const a = await soft.signUp(email);
    const data = await soft.gatehouse.exportData(a.accessToken);
    expect(data.user.email).toBe(email);
    await expect(soft.gatehouse.deleteAccount(a.accessToken, 'wrong password here')).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    expect((await soft.gatehouse.deleteAccount(a.accessToken, PASSWORD)).mode).toBe('soft');
    await expect(soft.gatehouse.getMe(a.accessToken)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });
});
