/**
 * A Gatehouse instance for tests, on SQLite or PostgreSQL, with a manual clock, plus a tiny
 * client that goes through `handler(Request)` exactly as a framework would.
 */
import { ManualClock } from '../../src/core/clock.js';
import type { Settings } from '../../src/core/config.js';
import { createGatehouse, type GatehouseOptions } from '../../src/create-gatehouse.js';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { isMfaChallenge, type MfaChallenge } from '../../src/services/mfa/pending-sign-in.js';
import type { Store } from '../../src/store/ports/store.js';
import { type SmtpReceiver, startSmtpReceiver } from './smtp.js';
import { randomTablePrefix, type StoreKind, type TestDatabase, testDatabase } from './stores.js';

export const PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'http://localhost:3000';
/** The instance secret every test instance seals its signing keys with. */
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely on purpose
  readonly body: any;
}

/** What a client can compare between two answers: status, body and headers, the request id masked. */
export function observable(reply: Reply) {
  const headers = [...reply.headers.entries()].filter(([name]) => name !== 'x-request-id').sort();
  return { status: reply.status, body: reply.body, headers };
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Raw body text (sent as is, with `contentType`). */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly ip?: string;
}

export interface TestGatehouse {
  readonly gatehouse: Gatehouse;
  readonly store: Store;
  readonly db: TestDatabase;
  /** The prefix of this instance's tables in `db`. */
  readonly tablePrefix: string;
  readonly clock: ManualClock;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Signs up a fresh user and returns the 201 body. */
  signUp(email?: string, password?: string): Promise<Reply['body']>;
  close(): Promise<void>;
}

let counter = 0;
export const uniqueEmail = (tag = 'user') => `${tag}-${Date.now().toString(36)}-${++counter}@example.com`;

export async function openGatehouse(
  kind: StoreKind,
  settings: Settings = {},
  extra: Pick<GatehouseOptions, 'logger' | 'hooks' | 'mailer' | 'smsSender' | 'hasher'> = {},
): Promise<TestGatehouse> {
  const db = await testDatabase(kind);
  const tablePrefix = randomTablePrefix();
  const store = await db.open({ tablePrefix });
  const clock = new ManualClock(Date.now());
  const gatehouse = createGatehouse({
    store,
    clock,
    secret: TEST_SECRET,
    logLevel: 'silent',
    // Tests that read mail pass an SMTP mailer; the rest stay quiet.
    mailer: { send: async () => {} },
    // Likewise text messages: SMS tests pass a sender that keeps them.
    smsSender: { send: async () => {} },
    // Suites about other features fire requests in bursts from one address; the limits and the
    // lockout have their own suites (test/security/), which switch them on.
    rateLimits: 'off',
    // Bursts of 50 parallel sign-ups are normal here; overload control has its own suite.
    hashQueueLimit: 1000,
    ...settings,
    ...extra,
  });
  await gatehouse.ready();

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers = new Headers(options.headers);
    let body: BodyInit | undefined;
    if (options.raw !== undefined) {
      body = options.raw as BodyInit;
      headers.set('content-type', options.contentType ?? 'application/json');
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set('content-type', options.contentType ?? 'application/json');
    }
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    const response = await gatehouse.handler(new Request(`${ORIGIN}${path}`, { method, headers, body }), {
      ip: options.ip ?? '127.0.0.1',
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed };
  }

  return {
    gatehouse,
    store,
    db,
    tablePrefix,
    clock,
    request,
    async signUp(email = uniqueEmail(), password = PASSWORD) {
      const reply = await request('POST', '/auth/sign-up/email', { body: { email, password } });
      // 202 when addresses must be verified first (no session then).
      if (reply.status !== 201 && reply.status !== 202)
        throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    async close() {
      await gatehouse.close();
      await db.cleanup();
    },
  };
}

/** A Gatehouse whose mail goes over real SMTP to a local receiver, with links to `https://app.example`. */
export async function openGatehouseWithSmtp(
  kind: StoreKind,
  settings: Settings = {},
): Promise<{ t: TestGatehouse; smtp: SmtpReceiver; close(): Promise<void> }> {
  const smtp = await startSmtpReceiver();
  const t = await openGatehouse(
    kind,
    { baseUrl: 'https://app.example', ...settings },
    { mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>') },
  );
  return {
    t,
    smtp,
    async close() {
      await t.close();
      await smtp.stop();
    },
  };
}

/** A sign-in's session, for accounts without a second factor (fails the test on an MFA challenge). */
export function signedIn<T extends object>(result: T | MfaChallenge): T {
  if (isMfaChallenge(result)) throw new Error('expected a session, got an MFA challenge');
  return result;
}
