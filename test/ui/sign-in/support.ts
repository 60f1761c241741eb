/**
 * What the sign-in page suites share: an account with an authenticator app (and its recovery
 * codes), made through the instance's own operations; reading the session cookies a reply set;
 * and asking the API whether those cookies hold a live session.
 */
import { expect } from 'vitest';
import { base32Decode } from '../../../src/crypto/base32.js';
import { totpAt } from '../../../src/crypto/totp.js';
import { PASSWORD, type Reply, signedIn, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';

export interface TotpAccount {
  readonly email: string;
  readonly userId: string;
  /** The code for the clock's current step, after moving the clock one step on (never a used one). */
  code(): string;
  readonly recoveryCodes: readonly string[];
}

/** A new account with an active authenticator app. */
export async function accountWithTotp(
  t: TestGatehouse,
  email = uniqueEmail('page-totp'),
): Promise<TotpAccount> {
  const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
  const enrolment = await t.gatehouse.enrollTotp(up.accessToken);
  const secret = base32Decode(enrolment.secret);
  const now = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
  const activated = await t.gatehouse.activateTotp(up.accessToken, now());
  return {
    email,
    userId: up.user.id,
    code() {
      t.clock.advance(30_000);
      return now();
    },
    recoveryCodes: activated.recoveryCodes ?? [],
  };
}

/** The token cookies (`gh_access`, `gh_refresh`, prefixed or not) a reply set, by name; cleared ones as ''. */
export function tokenCookies(reply: Reply): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of reply.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    if (name.includes('gh_access') || name.includes('gh_refresh')) out.set(name, pair!.slice(eq + 1));
  }
  return out;
}

/** `GET /auth/session` with the given token cookies: the live session, or the refusal's status. */
export async function sessionOf(t: TestGatehouse, cookies: Map<string, string>): Promise<Reply> {
  const jar = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return t.request('GET', '/auth/session', { headers: { cookie: jar } });
}

/** The message next to a field (`<span class="gh-field-error" id="<id>-error">`). */
export function fieldError(body: string, id: string): string | undefined {
  return new RegExp(`<span class="gh-field-error" id="${id}-error">([^<]*)</span>`).exec(body)?.[1];
}

/** The hidden field's value in the first form that has it. */
export function hidden(body: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(body)?.[1];
}

/** The reply is a 303 to `location`, setting both token cookies. */
export function expectSignedInRedirect(reply: Reply, location: string): Map<string, string> {
  expect(reply.status, String(reply.body).slice(0, 800)).toBe(303);
  expect(reply.headers.get('location')).toBe(location);
  const cookies = tokenCookies(reply);
  // `__Host-` / `__Secure-` prefixed where the instance's baseUrl is https.
  expect([...cookies.keys()].map((name) => name.replace(/^__(Host|Secure)-/, '')).sort()).toEqual([
    'gh_access',
    'gh_refresh',
  ]);
  for (const value of cookies.values()) expect(value).not.toBe('');
  return cookies;
}
