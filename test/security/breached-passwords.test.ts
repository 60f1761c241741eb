/**
 * The breached-password check (SECURITY.md PWD-03, ASVS 6.2.12) over HTTP, on SQLite and
 * PostgreSQL, against a local `node:http` stand-in for the Pwned Passwords range API.
 *
 * The stand-in serves range bodies from test/fixtures/hibp/. They follow the API's documented
 * format (padded, `SUFFIX:COUNT` lines, CRLF) but were synthesized, not recorded: this machine has
 * no internet access (see the README there). It answers only `GET /range/<5 hex>` and flags any
 * request that carries six or more consecutive hex digits of a test password's SHA-1, or the
 * password itself, anywhere: path, query, headers or body.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/core/config.js';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

const FIXTURES = new URL('../fixtures/hibp/', import.meta.url);
/** Passes the local rules, but listed in ABF7A.txt. */
const BREACHED = 'correct horse battery staple';
/** Passes the local rules, but listed in 256BA.txt. */
const BREACHED_TOO = 'monkey see monkey do 2019';
/** Absent from 2D7A8.txt except as a padding entry (count 0). */
const SAFE = 'quartz lantern orbit 4417 meadow';
/** Absent from 486C2.txt. */
const SAFE_TOO = 'velvet compass 93 under a tin moon';
const TEST_PASSWORDS = [BREACHED, BREACHED_TOO, SAFE, SAFE_TOO];
const BREACH_MESSAGE = 'This password has appeared in a data breach; choose another';
const TIMEOUT_MS = 400;

const sha1 = (password: string) => createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();

interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

/** What a request gave away beyond the five-digit prefix, described without repeating it. */
function leaks(request: SeenRequest): string[] {
  const sent = [request.method, request.url, ...request.rawHeaders, request.body].join('\n').toUpperCase();
  const found: string[] = [];
  TEST_PASSWORDS.forEach((password, index) => {
    if (sent.includes(password.toUpperCase())) found.push(`test password #${index} sent in clear`);
    const hash = sha1(password);
    for (let i = 0; i + 6 <= hash.length; i++) {
      if (sent.includes(hash.slice(i, i + 6))) {
        found.push(`6+ hex digits of test password #${index}'s SHA-1 sent (offset ${i})`);
        break;
      }
    }
  });
  return found;
}

/** `portal`: 200 with an HTML page (a captive portal); `empty`: 200, no body; `huge`: a listing over 1 MiB. */
type Mode = 'serve' | 'slow' | 'status-503' | 'drop' | 'portal' | 'empty' | 'huge';

interface RangeServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  readonly violations: string[];
  mode: Mode;
  stop(): Promise<void>;
}

async function startRangeServer(): Promise<RangeServer> {
  const timers = new Set<NodeJS.Timeout>();
  const state: RangeServer = {
    url: '',
    seen: [],
    violations: [],
    mode: 'serve',
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.seen.push(request);
      state.violations.push(...leaks(request));
      const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url)?.[1];
      if (request.method !== 'GET' || prefix === undefined) {
        state.violations.push(`unexpected request: ${request.method} ${request.url.slice(0, 13)}…`);
        res.writeHead(400).end();
        return;
      }
      if (state.mode === 'drop') {
        req.socket.destroy();
        return;
      }
      if (state.mode === 'empty') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end();
        return;
      }
      if (state.mode === 'portal') {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Sign in to the Wi-Fi</body></html>');
        return;
      }
      const file = new URL(`${prefix}.txt`, FIXTURES);
      if (!existsSync(file)) {
        state.violations.push(`no range body for prefix ${prefix}`);
        res.writeHead(404).end();
        return;
      }
      const range = readFileSync(file, 'latin1');
      const body = state.mode === 'huge' ? Array(40).fill(range).join('\r\n') : range;
      // A status other than 200 is no answer, even with a well-formed range body behind it.
      const status = state.mode === 'status-503' ? 503 : 200;
      const send = () => res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
      if (state.mode === 'slow') timers.add(setTimeout(send, TIMEOUT_MS * 10));
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/range/` });
}

/** A loopback URL nothing listens on. */
async function deadUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/range/`;
}

const check = (url: string, onError: 'open' | 'closed' = 'open'): Settings => ({
  breachedPasswords: { enabled: true, url, timeoutMs: TIMEOUT_MS, onError },
});

describe.each(storeKinds)('breached passwords (%s)', (kind) => {
  let hibp: RangeServer;
  let smtp: SmtpReceiver;
  /** onError 'open', mail over SMTP so reset links can be followed. */
  let open: TestGatehouse;
  let closed: TestGatehouse;
  /** The setting left at its default (disabled), but pointed at the stand-in. */
  let off: TestGatehouse;

  beforeAll(async () => {
    hibp = await startRangeServer();
    smtp = await startSmtpReceiver();
    open = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', ...check(hibp.url) },
      { mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>') },
    );
    closed = await openGatehouse(kind, check(hibp.url, 'closed'));
    off = await openGatehouse(kind, { breachedPasswords: { url: hibp.url } });
  });
  afterAll(async () => {
    await Promise.all([open?.close(), closed?.close(), off?.close()]);
    await smtp?.stop();
    await hibp?.stop();
  });
  beforeEach(() => {
    hibp.mode = 'serve';
    hibp.seen.length = 0;
  });
  afterEach(() => {
    expect(hibp.violations).toEqual([]);
  });

  const signUp = (t: TestGatehouse, password: string, email = uniqueEmail('breach')) =>
    t.request('POST', '/auth/sign-up/email', { body: { email, password } });
  const signIn = (t: TestGatehouse, email: string, password: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const changePassword = (t: TestGatehouse, token: string, currentPassword: string, newPassword: string) =>
    t.request('POST', '/auth/change-password', { token, body: { currentPassword, newPassword } });

  function expectBreachRefusal(reply: Awaited<ReturnType<TestGatehouse['request']>>, password: string) {
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('WEAK_PASSWORD');
    expect(reply.body.error.message).toBe(BREACH_MESSAGE);
    const text = JSON.stringify(reply.body).toUpperCase();
    expect(text).not.toContain(password.toUpperCase());
    expect(text).not.toContain(sha1(password).slice(0, 5));
  }

  it('PWD-03: a breached password at sign-up is 400 WEAK_PASSWORD with the breach message; no account is made', async () => {
    for (const password of [BREACHED, BREACHED_TOO]) {
      const email = uniqueEmail('breached');
      expectBreachRefusal(await signUp(open, password, email), password);
      expect(await open.store.users.findByEmail(email)).toBeNull();
    }
    expect(hibp.seen).toHaveLength(2);
  });

  it('PWD-03: a passphrase not in its range is accepted (201), even when listed as a padding entry', async () => {
    expect((await signUp(open, SAFE)).status).toBe(201);
    expect((await signUp(open, SAFE_TOO)).status).toBe(201);
    expect(hibp.seen).toHaveLength(2);
  });

  it('PWD-03: only the 5-digit SHA-1 prefix leaves, as GET /range/<prefix> with Add-Padding and a User-Agent', async () => {
    expect((await signUp(open, SAFE)).status).toBe(201);
    expect(hibp.seen).toHaveLength(1);
    const [request] = hibp.seen;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe(`/range/${sha1(SAFE).slice(0, 5)}`);
    expect(request!.headers['add-padding']).toBe('true');
    expect(request!.headers['user-agent']).toMatch(/^Gatehouse/);
    expect(request!.body).toBe('');
    // The afterEach hook also holds every request to "no 6 consecutive hex digits of any test hash".
    expect(leaks(request!)).toEqual([]);
  });

  it('PWD-03: change-password refuses a breached new password and changes nothing', async () => {
    const email = uniqueEmail('change');
    const session = (await signUp(open, SAFE, email)).body;
    expectBreachRefusal(await changePassword(open, session.accessToken, SAFE, BREACHED), BREACHED);
    expect((await open.request('GET', '/auth/session', { token: session.accessToken })).status).toBe(200);
    expect((await signIn(open, email, SAFE)).status).toBe(200);
    expect((await signIn(open, email, BREACHED)).status).toBe(401);
    const changed = await changePassword(open, session.accessToken, SAFE, SAFE_TOO);
    expect(changed.status).toBe(200);
    expect((await signIn(open, email, SAFE_TOO)).status).toBe(200);
  });

  it('PWD-03: reset-password refuses a breached new password without spending the link', async () => {
    const email = uniqueEmail('reset');
    expect((await signUp(open, SAFE, email)).status).toBe(201);
    expect((await open.request('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    const mail = await waitForMail(smtp, email, /reset-password\?token=/);
    const token = new URL(
      /https?:\/\/\S+reset-password\?token=[\w-]+/.exec(mail.text ?? '')![0],
    ).searchParams.get('token')!;
    const reset = (password: string) =>
      open.request('POST', '/auth/reset-password', { body: { token, password } });
    expectBreachRefusal(await reset(BREACHED_TOO), BREACHED_TOO);
    expect((await signIn(open, email, SAFE)).status).toBe(200);
    expect((await reset(SAFE_TOO)).status).toBe(200);
    expect((await signIn(open, email, SAFE_TOO)).status).toBe(200);
  });

  it('PWD-03: rotatePassword (embedded API) refuses a breached password too', async () => {
    const session = (await signUp(open, SAFE)).body;
    await expect(open.gatehouse.rotatePassword(session.user.id, BREACHED)).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: BREACH_MESSAGE,
    });
    await open.gatehouse.rotatePassword(session.user.id, SAFE_TOO);
  });

  it('PWD-03: the local rules run first: a too-short or common password never reaches the API', async () => {
    expect((await signUp(open, 'short')).body.error.code).toBe('WEAK_PASSWORD');
    expect((await signUp(open, 'password1')).body.error.code).toBe('WEAK_PASSWORD');
    expect(hibp.seen).toHaveLength(0);
  });

  it('PWD-03: API unreachable — onError open accepts, closed is 503 UNAVAILABLE', async () => {
    const url = await deadUrl();
    const failOpen = await openGatehouse(kind, check(url, 'open'));
    const failClosed = await openGatehouse(kind, check(url, 'closed'));
    try {
      expect((await signUp(failOpen, BREACHED)).status).toBe(201);
      const refused = await signUp(failClosed, SAFE);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('UNAVAILABLE');
      expect(refused.body.error.message).toBe('Could not check the password; try again');
    } finally {
      await Promise.all([failOpen.close(), failClosed.close()]);
    }
  });

  it('PWD-03: a non-200 answer, a dropped connection, or a body that is not a range listing counts as unreachable', async () => {
    for (const mode of ['status-503', 'drop', 'portal', 'empty', 'huge'] as const) {
      hibp.mode = mode;
      expect((await signUp(open, BREACHED)).status).toBe(201);
      const refused = await signUp(closed, SAFE);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('UNAVAILABLE');
    }
  });

  it('PWD-03: a server slower than timeoutMs is treated per onError, within about timeoutMs', async () => {
    hibp.mode = 'slow';
    let started = performance.now();
    expect((await signUp(open, BREACHED)).status).toBe(201);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 5);
    started = performance.now();
    const refused = await signUp(closed, SAFE);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 5);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('UNAVAILABLE');
    expect(hibp.seen).toHaveLength(2);
  });

  it('PWD-03 / PWD-07: with the API down and onError closed, a wrong current password is still 403 (re-authentication comes first)', async () => {
    const email = uniqueEmail('closed-change');
    const session = (await signUp(closed, SAFE, email)).body;
    hibp.mode = 'status-503';
    const wrong = await changePassword(closed, session.accessToken, 'not the current password', SAFE_TOO);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const right = await changePassword(closed, session.accessToken, SAFE, SAFE_TOO);
    expect(right.status).toBe(503);
    expect(right.body.error.code).toBe('UNAVAILABLE');
  });

  it('PWD-03: onError closed still accepts a safe passphrase and refuses a breached one when the API answers', async () => {
    expect((await signUp(closed, SAFE)).status).toBe(201);
    expectBreachRefusal(await signUp(closed, BREACHED), BREACHED);
  });

  it('PWD-03: disabled (the default) makes no request at all', async () => {
    const email = uniqueEmail('off');
    const session = (await signUp(off, BREACHED, email)).body;
    expect(session.accessToken).toBeTypeOf('string');
    expect((await changePassword(off, session.accessToken, BREACHED, BREACHED_TOO)).status).toBe(200);
    await off.gatehouse.rotatePassword(session.user.id, BREACHED);
    expect(hibp.seen).toHaveLength(0);
  });
});
