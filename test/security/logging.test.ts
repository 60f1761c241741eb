/**
 * Log hygiene, on SQLite and PostgreSQL (SECURITY.md LOG-01). One instance logs everything it
 * has (pino at `trace`, into memory) while sign-ups, right and wrong sign-ins, a lockout,
 * refreshes and a refresh-token replay, forgot/reset, verification, a password change, an address
 * change, cookie transport and sign-outs run — plus the paths that exist to log: a mail the
 * transport refuses, a breached-password service that cannot be reached, an event handler that
 * throws. Every password, token, mailed link token and cookie value used is then looked for in
 * every log line, every event handed to `on('*')` and the audit log. The same holds for the
 * request log of `gatehouse serve` over real HTTP. Each test title names its checklist id.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatehouseEvent } from '../../src/core/events.js';
import { type OutgoingMail, PermanentDeliveryError } from '../../src/delivery/mailer.js';
import { type RunningServer, startServer, tempDir } from '../support/cli.js';
import {
  openGatehouse,
  PASSWORD,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const WRONG = 'a wrong password guess';
const RESET_TO = 'the passphrase set by reset 1';
const CHANGED_TO = 'the passphrase set by change 2';
const COOKIE_PASSWORD = 'a cookie user passphrase 3';
const SAME_ORIGIN = {
  'gatehouse-transport': 'cookie',
  origin: 'http://localhost:3000',
  'sec-fetch-site': 'same-origin',
};
const THRESHOLD = 3;

describe.each(storeKinds)('log hygiene (%s)', (kind) => {
  let t: TestGatehouse;
  const lines: string[] = [];
  const events: GatehouseEvent[] = [];
  const mails: OutgoingMail[] = [];
  /** Every secret a client saw or sent during the run. */
  const secrets = new Map<string, string>();
  const keep = (what: string, value: unknown) => {
    if (typeof value === 'string' && value.length > 0) secrets.set(value, what);
  };
  const keepTokens = (what: string, reply: Reply) => {
    keep(`${what} access token`, reply.body?.accessToken);
    keep(`${what} refresh token`, reply.body?.refreshToken);
    for (const cookie of reply.headers.getSetCookie()) {
      keep(`${what} cookie`, cookie.split(';')[0]!.split('=').slice(1).join('='));
    }
  };

  beforeAll(async () => {
    const logger = pino(
      { level: 'trace', base: null },
      {
        write: (line: string) => {
          lines.push(line);
        },
      },
    );
    t = await openGatehouse(
      kind,
      {
        baseUrl: 'http://localhost:3000',
        rateLimits: 'on',
        lockout: { threshold: THRESHOLD, baseSeconds: 60, maxSeconds: 60 },
        limits: {
          ip: { max: 100_000, window: 60 },
          credentialIp: { max: 100_000, window: 60 },
          mailPerAccount: { max: 100, window: 3600 },
        },
        // Unreachable on purpose: each new password logs the fail-open warning.
        breachedPasswords: { enabled: true, url: 'http://127.0.0.1:9/range/', timeoutMs: 200 },
      },
      {
        logger,
        mailer: {
          send: async (mail) => {
            mails.push(mail);
            // The transport refuses one domain for good: the failure is logged.
            if (mail.to.endsWith('@bounce.example')) throw new PermanentDeliveryError('mailbox unavailable');
          },
        },
      },
    );
    t.gatehouse.on('*', (event) => {
      events.push(event);
    });
    t.gatehouse.on('user.created', () => {
      throw new Error('a listener that always fails');
    });
  });
  afterAll(() => t.close());

  const post = (
    path: string,
    body: unknown,
    options: { token?: string; headers?: Record<string, string> } = {},
  ) => t.request('POST', path, { body, ...options });
  async function linkToken(to: string, path: string): Promise<string> {
    const pattern = new RegExp(`/${path}\\?token=([\\w-]+)`);
    for (let i = 0; i < 250; i++) {
      const mail = mails.filter((m) => m.to === to && pattern.test(m.text)).at(-1);
      if (mail) return pattern.exec(mail.text)![1]!;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${path} mail to ${to}`);
  }

  it('LOG-01: no password, token, link token or cookie value of a whole run reaches a log line, an event or the audit log; every auth outcome emits an event', async () => {
    for (const password of [PASSWORD, WRONG, RESET_TO, CHANGED_TO, COOKIE_PASSWORD])
      keep('password', password);

    // Sign-up, verification, sign-in right and wrong.
    const email = uniqueEmail('logged');
    const up = await post('/auth/sign-up/email', { email, password: PASSWORD });
    expect(up.status).toBe(201);
    keepTokens('sign-up', up);
    const verify = await linkToken(email, 'verify-email');
    expect((await post('/auth/verify-email', { token: verify })).status).toBe(200);
    const signedIn = await post('/auth/sign-in/email', { email, password: PASSWORD });
    keepTokens('sign-in', signedIn);
    expect((await post('/auth/sign-in/email', { email, password: WRONG })).status).toBe(401);

    // A lockout, on another account.
    const locked = uniqueEmail('locked');
    keepTokens('locked sign-up', await post('/auth/sign-up/email', { email: locked, password: PASSWORD }));
    for (let i = 0; i < THRESHOLD; i++) await post('/auth/sign-in/email', { email: locked, password: WRONG });
    expect((await post('/auth/sign-in/email', { email: locked, password: PASSWORD })).status).toBe(429);

    // Refresh, then a replay of the spent token.
    const refreshed = await post('/auth/refresh', { refreshToken: signedIn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    keepTokens('refresh', refreshed);
    expect((await post('/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401);

    // Forgot and reset.
    expect((await post('/auth/forgot-password', { email })).status).toBe(202);
    const reset = await linkToken(email, 'reset-password');
    expect((await post('/auth/reset-password', { token: reset, password: RESET_TO })).status).toBe(200);

    // Change password, then change the address.
    const again = await post('/auth/sign-in/email', { email, password: RESET_TO });
    keepTokens('sign-in after reset', again);
    const changed = await post(
      '/auth/change-password',
      { currentPassword: RESET_TO, newPassword: CHANGED_TO },
      { token: again.body.accessToken },
    );
    expect(changed.status).toBe(200);
    keepTokens('change-password', changed);
    const next = uniqueEmail('logged-new');
    const asked = await post(
      '/auth/change-email',
      { newEmail: next, password: CHANGED_TO },
      { token: changed.body.accessToken },
    );
    expect(asked.status).toBe(202);
    const confirm = await linkToken(next, 'confirm-email-change');
    expect(
      (await post('/auth/confirm-email-change', { token: confirm }, { token: changed.body.accessToken }))
        .status,
    ).toBe(200);

    // Cookie transport: sign-up, refresh and sign-out with cookies.
    const cookieUp = await post(
      '/auth/sign-up/email',
      { email: uniqueEmail('cookie'), password: COOKIE_PASSWORD },
      { headers: SAME_ORIGIN },
    );
    expect(cookieUp.status).toBe(201);
    keepTokens('cookie sign-up', cookieUp);
    const jar = (reply: Reply) =>
      reply.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    const cookieRefresh = await post('/auth/refresh', undefined, {
      headers: { ...SAME_ORIGIN, cookie: jar(cookieUp) },
    });
    expect(cookieRefresh.status).toBe(200);
    keepTokens('cookie refresh', cookieRefresh);
    const cookieOut = await post('/auth/sign-out', undefined, {
      headers: { ...SAME_ORIGIN, cookie: jar(cookieRefresh) },
    });
    expect(cookieOut.status).toBe(200);

    // Sign-out with a bearer token, and a mail the transport refuses.
    expect((await post('/auth/sign-out', undefined, { token: changed.body.accessToken })).status).toBe(200);
    const bounced = `someone-${Date.now()}@bounce.example`;
    expect((await post('/auth/sign-up/email', { email: bounced, password: PASSWORD })).status).toBe(201);
    await linkToken(bounced, 'verify-email');
    await waitUntil(() => lines.some((l) => l.includes('delivery failed')), 'the refused mail to be logged');

    // Every link token mailed during the run, whether or not the test followed it.
    for (const mail of mails) {
      for (const match of `${mail.text}\n${mail.html}`.matchAll(/token=([\w-]+)/g))
        keep('mailed link token', match[1]);
    }
    expect(secrets.size).toBeGreaterThan(25);

    const audit = await t.gatehouse.listAuditEvents({ limit: 200 });
    const haystacks = {
      'log lines': lines.join('\n'),
      events: JSON.stringify(events),
      'audit log': JSON.stringify(audit.items),
    };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const [secret, what] of secrets) {
        expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
      }
    }

    // The logger did capture the paths that log, as JSON lines.
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg?: string });
    const messages = logged.map((l) => l.msg ?? '');
    expect(messages).toEqual(
      expect.arrayContaining([
        'breached-password check failed; password accepted (onError: open)',
        'mail delivery failed',
        'event handler failed',
      ]),
    );

    // Each success, failure, lockout and replay emitted an event.
    const seen = events.map((e) => `${e.type}:${e.outcome}:${e.data.reason ?? e.data.method ?? ''}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'user.created:success:password',
        'email.verified:success:',
        'user.signed_in:success:password',
        'user.sign_in_failed:failure:wrong_password',
        'user.sign_in_failed:failure:locked',
        'session.refresh_reused:failure:',
        'password.reset_requested:success:',
        'password.changed:success:reset',
        'password.changed:success:change',
        'email.change_requested:success:',
        'email.changed:success:',
        'session.revoked:success:sign_out',
      ]),
    );
    expect(audit.items.length).toBeGreaterThanOrEqual(events.length);
  });
});

/** A JSON POST to the real server. */
async function postJson(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('log hygiene of gatehouse serve (SQLite)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer([], { cwd: tempDir('serve-log') });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('LOG-01: gatehouse serve runs the whole flow over real HTTP and logs one line per request without secrets', async () => {
    const email = `serve-${Date.now()}@example.com`;
    const up = await postJson(`${server.url}/auth/sign-up/email`, { email, password: PASSWORD });
    expect(up.status).toBe(201);
    const inn = await postJson(`${server.url}/auth/sign-in/email`, { email, password: PASSWORD });
    const refreshed = await postJson(`${server.url}/auth/refresh`, { refreshToken: inn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const session = await fetch(`${server.url}/auth/session?token=${refreshed.body.accessToken}`, {
      headers: {
        authorization: `Bearer ${refreshed.body.accessToken}`,
        cookie: 'gh_access=cookie-secret-value',
      },
    });
    expect(session.status).toBe(200);
    expect((await postJson(`${server.url}/auth/sign-out`, {}, refreshed.body.accessToken)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const requestLines = () =>
      server
        .output()
        .split('\n')
        .slice(0, -1) // complete lines only
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => 'status' in l && 'method' in l);
    // The log is written after the answer: wait for the last request's line.
    await waitUntil(() => requestLines().some((l) => l.path === '/readyz'), 'the /readyz request line');

    const requests = requestLines();
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const line of requests) {
      expect(line).toMatchObject({
        method: expect.any(String),
        path: expect.any(String),
        status: expect.any(Number),
        ms: expect.any(Number),
      });
      expect(line.reqId).toMatch(/^[\w-]{8,}$/);
    }
    expect(requests.find((l) => l.path === '/auth/session')).toBeDefined();
    const everything = server.output();
    for (const secret of [
      PASSWORD,
      inn.body.refreshToken,
      inn.body.accessToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
      'cookie-secret-value',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
