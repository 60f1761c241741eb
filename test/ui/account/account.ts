/**
 * What the account page suites share: a fresh browser signed in as a new user, an operator's
 * impersonated session as a user, and reading the account navigation and status messages.
 */
import { expect } from 'vitest';
import { PASSWORD, type Reply, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { signInOperator } from '../../support/operators.js';
import { clearBrowser, signInBrowser } from '../pages.js';

export interface SignedInUser {
  readonly email: string;
  readonly userId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly sessionId: string;
}

/** Signs up a new user and signs a new browser in as them (cookies, as after a sign-in page). */
export async function signedInUser(
  t: TestGatehouse,
  tag: string,
  password = PASSWORD,
): Promise<SignedInUser> {
  const email = uniqueEmail(tag);
  const up = await t.signUp(email, password);
  clearBrowser(t);
  signInBrowser(t, up);
  return {
    email,
    userId: up.user.id,
    accessToken: up.accessToken,
    refreshToken: up.refreshToken,
    sessionId: up.session.id,
  };
}

/** Another sign-in of the same user (another device), through the API. */
export async function otherDevice(t: TestGatehouse, email: string, userAgent: string): Promise<string> {
  const reply = await t.request('POST', '/auth/sign-in/email', {
    body: { email, password: PASSWORD },
    headers: { 'user-agent': userAgent },
    ip: '203.0.113.7',
  });
  expect(reply.status).toBe(200);
  return reply.body.accessToken as string;
}

/** A new browser in a session an operator started as a new user (impersonation). */
export async function impersonatedBrowser(t: TestGatehouse, tag: string): Promise<SignedInUser> {
  const email = uniqueEmail(tag);
  const up = await t.signUp(email);
  const operator = await signInOperator(t);
  const reply = await t.request('POST', `/auth/admin/users/${up.user.id}/impersonate`, {
    token: operator.accessToken,
    body: { reason: 'ticket 42' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  clearBrowser(t);
  signInBrowser(t, { accessToken: reply.body.accessToken });
  return {
    email,
    userId: up.user.id,
    accessToken: reply.body.accessToken,
    refreshToken: '',
    sessionId: reply.body.session.id,
  };
}

/** The status `GET /auth/session` answers for an access token. */
export async function sessionStatus(t: TestGatehouse, accessToken: string): Promise<number> {
  return (await t.request('GET', '/auth/session', { token: accessToken })).status;
}

/** The text of the page's `role="status"` message, tags stripped; '' when there is none. */
export function statusText(reply: Reply): string {
  const block = /<div class="gh-notice gh-notice-success" role="status">([\s\S]*?)<\/div>/.exec(
    String(reply.body),
  )?.[1];
  return (
    block
      ?.replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() ?? ''
  );
}

/** The text of the page's `role="alert"` problem message, tags stripped; '' when there is none. */
export function alertText(reply: Reply): string {
  const block = /<div class="gh-notice gh-notice-problem" role="alert">([\s\S]*?)<\/div>/.exec(
    String(reply.body),
  )?.[1];
  return (
    block
      ?.replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() ?? ''
  );
}

/** The account navigation link marked as the current page (its href). */
export function currentNavLink(reply: Reply): string | undefined {
  const nav = /<nav class="gh-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(String(reply.body))?.[1] ?? '';
  const current = [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>/g)].filter((m) => m[2]);
  expect(current.length).toBeLessThanOrEqual(1);
  return current[0]?.[1];
}

const fromHtml = (text: string) =>
  text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The error shown next to the input `id` ('' when none); when there is one, the input is marked
 * invalid and described by it, and the error summary links to the input with the same text.
 */
export function fieldError(reply: Reply, id: string): string {
  const body = String(reply.body);
  const message = new RegExp(`<span class="gh-field-error" id="${id}-error">([^<]*)</span>`).exec(body)?.[1];
  if (message === undefined) return '';
  const input = new RegExp(`<(?:input|select) id="${id}"[^>]*>`).exec(body)?.[0] ?? '';
  expect(input).toContain('aria-invalid="true"');
  expect(input).toMatch(new RegExp(`aria-describedby="[^"]*${id}-error`));
  expect(body).toContain(`<li><a href="#${id}">${message}</a></li>`);
  return fromHtml(message);
}
