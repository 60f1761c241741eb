/**
 * What the console page suites share: an operator signed in at the console with a second factor
 * (`signInOperator`) put into the page browser's cookie jar, users to act on, the links and forms
 * the pages show, and the audit record an action leaves (the operator as actor, `via: console`).
 */
import { expect } from 'vitest';
import type { EventType } from '../../../src/core/events.js';
import type { TestGatehouse } from '../../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../../support/operators.js';
import { clearBrowser, expectSafePage, open, signInBrowser, submit } from '../pages.js';

/** A fresh browser signed in as a new console operator holding `role` (`admin` unless given). */
export async function operatorBrowser(t: TestGatehouse, role = 'admin'): Promise<SignedInOperator> {
  const operator = await signInOperator(t, { role });
  clearBrowser(t);
  signInBrowser(t, { accessToken: operator.accessToken });
  return operator;
}

/** A user with a password and a live session at the default app; returns its id and tokens. */
export async function someUser(t: TestGatehouse, email?: string) {
  const body = await t.signUp(email);
  return {
    id: body.user.id as string,
    email: body.user.email as string,
    accessToken: body.accessToken as string,
  };
}

/** The user's console page, checked as every page; returns its markup. */
export async function userPage(t: TestGatehouse, id: string, status = 200): Promise<string> {
  return expectSafePage(await open(t, `/console/users/${id}`), status);
}

/**
 * Posts an action from the user's page (opening it first, so the form's CSRF token is this
 * session's) and returns the answer.
 */
export async function act(t: TestGatehouse, id: string, fields: Record<string, string>) {
  await open(t, `/console/users/${id}`);
  return submit(t, `/console/users/${id}`, fields);
}

/** Opens an action's confirmation page, then confirms it; returns the post's answer. */
export async function confirm(
  t: TestGatehouse,
  id: string,
  action: string,
  fields: Record<string, string> = {},
) {
  const query = new URLSearchParams({ action, ...(fields.app ? { app: fields.app } : {}) });
  const path = `/console/users/${id}/confirm?${query}`;
  expectSafePage(await open(t, path), 200);
  return submit(t, path, { action, confirm: 'yes', ...fields });
}

/** The one `type` event about `targetId` the operator made, through the console. */
export async function expectConsoleEvent(
  t: TestGatehouse,
  operator: { readonly userId: string },
  type: EventType,
  targetId: string,
): Promise<Record<string, unknown>> {
  const { items } = await t.gatehouse.listAuditEvents({ type, targetId, actorId: operator.userId });
  expect(
    items.map((e) => [e.type, e.actorId, e.data.via]),
    type,
  ).toEqual([[type, operator.userId, 'console']]);
  return items[0]!.data;
}

/** The status message the page shows (`role="status"`), tags stripped. */
export function statusMessage(body: string): string | undefined {
  return /<div class="gh-notice gh-notice-success" role="status">([\s\S]*?)<\/div>/
    .exec(body)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
}

/** The problem message the page shows (`role="alert"`), tags stripped. */
export function problemMessage(body: string): string | undefined {
  return /<div class="gh-notice gh-notice-problem" role="alert">([\s\S]*?)<\/div>/
    .exec(body)?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the page offers `action` (as a form naming it). */
export function offers(body: string, action: string): boolean {
  return body.includes(`<input type="hidden" name="action" value="${action}">`);
}

/** The page a 303 leads to (its Location a path on this server), opened by the browser. */
export async function redirected(
  t: TestGatehouse,
  reply: { status: number; headers: Headers; body: unknown },
) {
  expect(reply.status, String(reply.body).slice(0, 800)).toBe(303);
  const location = reply.headers.get('location')!;
  expect(location.startsWith('/')).toBe(true);
  return open(t, location);
}
