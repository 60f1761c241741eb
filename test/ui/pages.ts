/**
 * What the page suites share: a browser-like client over `handler(Request)` (GETs a page, posts
 * its form urlencoded with `Sec-Fetch-Site: same-origin` and the CSRF token the pages showed,
 * keeps the cookies they set, follows the 303) and the checks every page must pass — HTML, a
 * strict CSP whose nonce is the style and script tags', the API's security headers, no inline
 * script or style, and a mailed token nowhere but in the form's hidden field.
 */
import { expect } from 'vitest';
import { cookieNames } from '../../src/http/cookies.js';
import type { Reply, TestGatehouse } from '../support/gatehouse.js';
import { ORIGIN } from '../support/gatehouse.js';

export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;
export const FORM = 'application/x-www-form-urlencoded';

/** One browser per instance: its cookies and the CSRF token its pages last showed. */
interface Browser {
  readonly cookies: Map<string, string>;
  csrf?: string;
}
const browsers = new WeakMap<TestGatehouse, Browser>();

function browserOf(t: TestGatehouse): Browser {
  let browser = browsers.get(t);
  if (!browser) {
    browser = { cookies: new Map() };
    browsers.set(t, browser);
  }
  return browser;
}

/** The access token the browser's cookie holds now, if any. */
export function accessCookie(t: TestGatehouse): string | undefined {
  const settings = t.gatehouse.settings;
  const names = cookieNames(new URL(settings.baseUrl ?? ORIGIN), settings.basePath, settings.cookies);
  return browserOf(t).cookies.get(names.access);
}

/** Forgets the browser's cookies (a new browser for the same instance). */
export function clearBrowser(t: TestGatehouse): void {
  browsers.delete(t);
}

/**
 * Signs the browser in with a session's tokens (from `t.signUp`, a sign-in…), as the API's cookie
 * transport does: the access and refresh cookies, named as the instance names them for its
 * `baseUrl`. The page it opens next sees the session.
 */
export function signInBrowser(
  t: TestGatehouse,
  tokens: { readonly accessToken: string; readonly refreshToken?: string },
): void {
  const { settings } = t.gatehouse;
  const names = cookieNames(new URL(settings.baseUrl ?? ORIGIN), settings.basePath, settings.cookies);
  const browser = browserOf(t);
  browser.cookies.set(names.access, tokens.accessToken);
  if (tokens.refreshToken) browser.cookies.set(names.refresh, tokens.refreshToken);
  else browser.cookies.delete(names.refresh);
}

function cookieHeader(browser: Browser): Record<string, string> {
  if (browser.cookies.size === 0) return {};
  return { cookie: [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

function remember(browser: Browser, reply: Reply): Reply {
  for (const line of reply.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') browser.cookies.delete(name);
    else browser.cookies.set(name, value);
  }
  const csrf = /<input type="hidden" name="csrf" value="([^"]*)">/.exec(String(reply.body ?? ''))?.[1];
  if (csrf) browser.csrf = csrf;
  return reply;
}

/** `GET` of a path (with its query), as a browser opening a link. */
export async function open(
  t: TestGatehouse,
  target: string | URL,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const path = typeof target === 'string' ? target : target.pathname + target.search;
  const browser = browserOf(t);
  return remember(
    browser,
    await t.request('GET', path, {
      headers: { 'sec-fetch-site': 'none', ...cookieHeader(browser), ...headers },
    }),
  );
}

/**
 * A form post as a browser sends it from one of our pages (override headers to play an
 * attacker): with the browser's cookies and, unless `fields` has its own, the CSRF token of the
 * last page it showed (it opens `path` first when it has seen none).
 */
export async function submit(
  t: TestGatehouse,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = SAME_ORIGIN,
): Promise<Reply> {
  const browser = browserOf(t);
  if (fields.csrf === undefined && browser.csrf === undefined) await open(t, path);
  const csrf = fields.csrf ?? browser.csrf ?? '';
  return remember(
    browser,
    await t.request('POST', path, {
      raw: new URLSearchParams({ ...fields, csrf }).toString(),
      contentType: FORM,
      headers: { ...cookieHeader(browser), ...headers },
    }),
  );
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
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
      `connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
  );
  expect(csp).not.toContain('unsafe-inline');
  // The one style element and the one script module carry this response's nonce; nothing runs inline.
  expect(body.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
  expect(body.match(/<script\b[^>]*>/g)).toEqual([
    `<script type="module" src="/auth/assets/pages.js" nonce="${nonce}">`,
  ]);
  expect(body).not.toMatch(/<script[^>]*>[^<]|<link|<iframe|\sstyle=|\son[a-z]+=/i);
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
