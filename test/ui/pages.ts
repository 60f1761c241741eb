/**
 * What the page suites share: a browser-like client over `handler(Request)` (GETs a page, posts
 * its form urlencoded with `Sec-Fetch-Site: same-origin`, follows the 303) and the checks every
 * page must pass — HTML, a strict CSP whose nonce is the style tag's, the API's security headers,
 * no script, and a mailed token nowhere but in the form's hidden field.
 */
import { expect } from 'vitest';
import type { Reply, TestGatehouse } from '../support/gatehouse.js';

export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;
export const FORM = 'application/x-www-form-urlencoded';

/** `GET` of a path (with its query), as a browser opening a link. */
export function open(
  t: TestGatehouse,
  target: string | URL,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const path = typeof target === 'string' ? target : target.pathname + target.search;
  return t.request('GET', path, { headers: { 'sec-fetch-site': 'none', ...headers } });
}

/** A form post as a browser sends it from one of our pages (override headers to play an attacker). */
export function submit(
  t: TestGatehouse,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = SAME_ORIGIN,
): Promise<Reply> {
  return t.request('POST', path, {
    raw: new URLSearchParams(fields).toString(),
    contentType: FORM,
    headers: { ...headers },
  });
}

/** Follows a 303 from `from` (its Location may be relative); the Location never carries a token. */
export async function follow(t: TestGatehouse, from: string, reply: Reply, token?: string): Promise<Reply> {
  expect(reply.status, String(reply.body).slice(0, 500)).toBe(303);
  const location = reply.headers.get('location')!;
  expect(location).toBeTruthy();
  if (token) expect(location).not.toContain(token);
  expect(location).not.toContain('token');
  return open(t, new URL(location, new URL(from, 'https://app.example')));
}

/** The value of the form's hidden `token` field. */
export function hiddenToken(body: string): string | undefined {
  return /<input type="hidden" name="token" value="([^"]*)">/.exec(body)?.[1];
}

/**
 * Checks every page reply must pass; `token`, when given, must appear exactly once in the body:
 * as the hidden field's value.
 */
export function expectSafePage(reply: Reply, status: number, token?: string): string {
  const body = String(reply.body);
  expect(reply.status, body.slice(0, 500)).toBe(status);
  expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(body.startsWith('<!doctype html>')).toBe(true);
  const csp = reply.headers.get('content-security-policy')!;
  const nonce = /style-src 'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toBe(
    `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
  );
  expect(csp).not.toContain('unsafe-inline');
  // The one style element carries this response's nonce; nothing else loads or runs.
  expect(body.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
  expect(body).not.toMatch(/<script|<link|<img|<iframe|\sstyle=|\son[a-z]+=/i);
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  expect(reply.headers.get('x-frame-options')).toBe('DENY');
  expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  expect(reply.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(reply.headers.get('cache-control')).toBe('no-store');
  if (token !== undefined) {
    expect(body.split(token)).toHaveLength(2);
    expect(hiddenToken(body)).toBe(token);
  }
  return body;
}

/** The page's `<h1>`, tags stripped. */
export function heading(reply: Reply): string {
  return /<h1>([\s\S]*?)<\/h1>/.exec(String(reply.body))?.[1]?.replace(/<[^>]+>/g, '') ?? '';
}
