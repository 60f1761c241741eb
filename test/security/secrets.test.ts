/**
 * Secrets at rest and their lookup, on SQLite and PostgreSQL (SECURITY.md SEC-01). Refresh tokens
 * and mailed links are 256-bit random values; only their SHA-256 is stored, and a lookup hashes
 * what it is given and finds the row by that hash — nothing compares secret bytes, so nothing can
 * leak how much of a guess was right. What is testable from outside: a token one character off a
 * live one gets exactly the answer (and the time) a random one gets, and the database, read table
 * by table, holds the hashes and never the tokens. Each test title names its checklist id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import {
  openGatehouse,
  PASSWORD,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { timingsEqual } from '../support/timing.js';
import { waitUntil } from '../support/wait.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
/** The token of the newest `<path>?token=` link mailed to `to`. */
const linkToken = (mails: OutgoingMail[], to: string, path: string) => {
  const pattern = new RegExp(`/${path}\\?token=([\\w-]+)`);
  const mail = mails.filter((m) => m.to === to && pattern.test(m.text)).at(-1);
  if (!mail) throw new Error(`no ${path} mail to ${to}`);
  return pattern.exec(mail.text)![1]!;
};
/** A token differing from `token` in its last character only. */
const oneOff = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
const randomToken = () => randomBytes(32).toString('base64url');
const observable = (reply: Reply) => ({ status: reply.status, body: reply.body });

describe.each(storeKinds)('secrets at rest (%s)', (kind) => {
  let t: TestGatehouse;
  const mails: OutgoingMail[] = [];
  beforeAll(async () => {
    t = await openGatehouse(
      kind,
      {
        baseUrl: 'https://app.example',
        rateLimits: 'on',
        limits: {
          ip: { max: 100_000, window: 60 },
          credentialIp: { max: 100_000, window: 60 },
          mailPerAccount: { max: 100, window: 3600 },
        },
      },
      {
        mailer: {
          send: async (mail) => {
            mails.push(mail);
          },
        },
      },
    );
  });
  afterAll(() => t.close());

  async function waitForMail(to: string, path: string): Promise<string> {
    for (let i = 0; i < 250; i++) {
      try {
        return linkToken(mails, to, path);
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return linkToken(mails, to, path);
  }
  const post = (path: string, body: unknown, token?: string) =>
    t.request('POST', path, { body, ...(token ? { token } : {}) });

  it('SEC-01: a token one character off a live one gets exactly the answer a random one gets, at every lookup', async () => {
    const email = uniqueEmail('lookup');
    const next = uniqueEmail('lookup-new');
    const up = await t.signUp(email);
    const verify = await waitForMail(email, 'verify-email');
    await post('/auth/forgot-password', { email });
    const reset = await waitForMail(email, 'reset-password');
    await post('/auth/change-email', { newEmail: next, password: PASSWORD }, up.accessToken);
    const confirm = await waitForMail(next, 'confirm-email-change');
    const cancel = await waitForMail(email, 'cancel-email-change');

    const lookups: Array<[string, (token: string) => unknown, string]> = [
      ['/auth/refresh', (token) => ({ refreshToken: token }), up.refreshToken],
      ['/auth/verify-email', (token) => ({ token }), verify],
      ['/auth/reset-password', (token) => ({ token, password: 'a new passphrase 4 secrets' }), reset],
      ['/auth/confirm-email-change', (token) => ({ token }), confirm],
      ['/auth/cancel-email-change', (token) => ({ token }), cancel],
    ];
    for (const [path, body, live] of lookups) {
      const near = observable(await post(path, body(oneOff(live))));
      const far = observable(await post(path, body(randomToken())));
      expect(near.status, path).toBeGreaterThanOrEqual(400);
      expect(near, path).toEqual(far);
    }
    // None of that spent the live tokens.
    expect((await post('/auth/refresh', { refreshToken: up.refreshToken })).status).toBe(200);
    expect((await post('/auth/verify-email', { token: verify })).status).toBe(200);
  });

  it('SEC-01: the database holds the SHA-256 of each token and never a token, a password, or a counter key as typed', async () => {
    const email = uniqueEmail('at-rest');
    const next = uniqueEmail('at-rest-new');
    const ip = '203.0.113.201';
    const up = (await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD }, ip }))
      .body;
    const verify = await waitForMail(email, 'verify-email');
    const refreshed = (await post('/auth/refresh', { refreshToken: up.refreshToken })).body;
    await t.request('POST', '/auth/sign-in/email', { body: { email, password: 'a wrong guess at it' }, ip });
    await post('/auth/forgot-password', { email });
    const reset = await waitForMail(email, 'reset-password');
    await post('/auth/change-email', { newEmail: next, password: PASSWORD }, refreshed.accessToken);
    const confirm = await waitForMail(next, 'confirm-email-change');
    const cancel = await waitForMail(email, 'cancel-email-change');

    // Sent mail bodies (which carry the links) are erased from the outbox once delivered.
    const table = (name: string) => `${t.tablePrefix}${name}`;
    await waitUntil(
      async () => (await t.db.rows(table('outbox'))).every((r) => r.state === 'sent'),
      'every outbox row sent',
    );
    const { tables } = await t.db.objects(t.tablePrefix);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    const dump: Record<string, string> = {};
    for (const name of tables) dump[name] = JSON.stringify(await t.db.rows(name));
    const everything = Object.values(dump).join('\n');

    const tokens = {
      firstRefresh: up.refreshToken,
      secondRefresh: refreshed.refreshToken,
      verify,
      reset,
      confirm,
      cancel,
    };
    for (const [what, token] of Object.entries(tokens)) {
      expect(everything.includes(token), `${what} stored as is`).toBe(false);
    }
    for (const [what, secret] of Object.entries({
      password: PASSWORD,
      wrongPassword: 'a wrong guess at it',
      accessToken: up.accessToken,
      refreshedAccessToken: refreshed.accessToken,
    })) {
      expect(everything.includes(secret), `${what} stored`).toBe(false);
    }
    // What is there instead: the hashes, in the tables the lookups use.
    expect(dump[table('refresh_tokens')]).toContain(sha256(up.refreshToken));
    expect(dump[table('refresh_tokens')]).toContain(sha256(refreshed.refreshToken));
    for (const token of [verify, reset, confirm, cancel]) {
      expect(dump[table('verification_tokens')]).toContain(sha256(token));
    }
    // Counter keys are hashed too: neither the address nor the email is in them as typed.
    const counters = `${dump[table('rate_limits')]}\n${dump[table('lockouts')]}`;
    expect(counters.length).toBeGreaterThan(10);
    expect(counters).not.toContain(ip);
    expect(counters).not.toContain(email);
  });

  it('SEC-01: refresh tokens sharing all but their last character with a live one take the same time as random ones', async () => {
    const { refreshToken } = await t.signUp();
    // Built before timing starts, so both classes cost the same to send.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.replace(
      refreshToken.at(-1)!,
      '',
    );
    const near = Array.from(
      { length: 500 },
      (_, i) => `${refreshToken.slice(0, -1)}${alphabet[i % alphabet.length]}`,
    );
    const far = Array.from({ length: 500 }, randomToken);
    let n = 0;
    let f = 0;
    const result = await timingsEqual(
      () => post('/auth/refresh', { refreshToken: near[n++ % near.length] }),
      () => post('/auth/refresh', { refreshToken: far[f++ % far.length] }),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
    expect((await post('/auth/refresh', { refreshToken })).status).toBe(200);
  });
});
