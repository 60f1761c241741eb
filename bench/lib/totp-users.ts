/**
 * Users with an active authenticator app, for the two-step sign-in: each signs up, enrols TOTP
 * and activates it over HTTP, as a real user would. A code works once per 30-second step per
 * user, so the measurement needs a user for every sign-in of a step (`totpPoolSize`).
 */
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt, totpStep } from '../../src/crypto/totp.js';
import type { SignedUp, TotpUser } from '../load/job.js';
import { BENCH_PASSWORD, pool } from './gatehouse.js';

/**
 * Sent by the seeding and by the loader alike. A pending sign-in only completes from its own
 * User-Agent, and a sign-in from one never seen on the account would queue a new-device mail,
 * which is not part of what the line measures.
 */
export const BENCH_USER_AGENT = 'gatehouse-bench';

const STEP_SECONDS = 30;
/**
 * Headroom over the expected rate. A sign-in with TOTP does all a password sign-in does and more,
 * so it should not beat the rate it is sized from, but runs of the same figure differ by 10–15% on
 * a quiet machine and by a quarter when other work shares it. Too small a pool is not silent: the
 * loader waits and counts it, and the bench fails.
 */
const HEADROOM = 1.5;

/**
 * Users enough that none signs in twice within one TOTP step: the most sign-ins one step can
 * hold is `perSecond` × the run (or a whole step, if the run is longer), plus one in flight on
 * each connection.
 */
export function totpPoolSize(perSecond: number, seconds: number, connections: number): number {
  return Math.ceil(perSecond * Math.min(seconds, STEP_SECONDS) * HEADROOM) + connections;
}

async function call(
  url: string,
  path: string,
  body: unknown,
  expected: number,
  accessToken?: string,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': BENCH_USER_AGENT,
  };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  // The body is shown only on failure, where it holds an error code, not a secret.
  if (response.status !== expected)
    throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Activates with the previous step's code, which the server accepts (one step of drift), so the
 * current step stays free for the measurement. If a step boundary passes between computing the
 * code and the server's check, the code is two steps old and refused: then once more.
 */
async function activate(url: string, accessToken: string, secret: Uint8Array): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const step = totpStep(Date.now()) - 1;
    try {
      await call(
        url,
        '/auth/mfa/totp/activate',
        { code: totpAt(secret, step * STEP_SECONDS) },
        200,
        accessToken,
      );
      return step;
    } catch (error) {
      if (attempt > 0) throw error;
    }
  }
}

/** Enrols an authenticator app with a fresh sign-in's access token and activates it. */
async function addAuthenticatorApp(url: string, account: SignedUp): Promise<TotpUser> {
  const enrolment = await call(url, '/auth/mfa/totp/enroll', {}, 200, account.accessToken);
  const secret = String(enrolment.secret);
  const lastStep = await activate(url, account.accessToken, base32Decode(secret));
  return { email: account.email, password: BENCH_PASSWORD, secret, lastStep };
}

/**
 * Turns an authenticator app on for accounts a sign-up run just created (with `keepSessions`):
 * no hash each, unlike a new sign-up. Adding a factor needs a recent sign-in (10 minutes by
 * default), which their sign-up is.
 */
export function addAuthenticatorApps(
  url: string,
  accounts: readonly SignedUp[],
  concurrency: number,
): Promise<TotpUser[]> {
  return pool(accounts.length, concurrency, (i) => addAuthenticatorApp(url, accounts[i]!));
}

/** Signs up `count` new users and turns an authenticator app on for each, `concurrency` at a time. */
export function createTotpUsers(
  url: string,
  count: number,
  tag: string,
  concurrency: number,
): Promise<TotpUser[]> {
  return pool(count, concurrency, async (i) => {
    const email = `totp-${tag}-${i}@bench.test`;
    const signedUp = await call(url, '/auth/sign-up/email', { email, password: BENCH_PASSWORD }, 201);
    return addAuthenticatorApp(url, { email, accessToken: String(signedUp.accessToken) });
  });
}
