/**
 * Browser transport: tokens in cookies instead of the JSON body. A client asks for it with the
 * request header `Gatehouse-Transport: cookie`. Cookies are HttpOnly and SameSite, Secure with
 * a `__Host-`/`__Secure-` prefix — except on plain `http://localhost`, where browsers would
 * drop Secure cookies.
 */

import { GatehouseError } from '../core/errors.js';
import type { IncomingRequest, ReplyHeaders } from './exchange.js';

export const TRANSPORT_HEADER = 'gatehouse-transport';

export interface CookieNames {
  readonly access: string;
  readonly refresh: string;
  readonly secure: boolean;
  /** Path the refresh cookie is limited to. */
  readonly refreshPath: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cookie names and flags for a server whose public origin is `origin`. */
export function cookieNames(origin: URL, basePath: string): CookieNames {
  const secure = !(origin.protocol === 'http:' && LOCAL_HOSTS.has(origin.hostname));
  return {
    access: secure ? '__Host-gh_access' : 'gh_access',
    refresh: secure ? '__Secure-gh_refresh' : 'gh_refresh',
    secure,
    refreshPath: `${basePath}/refresh`,
  };
}

export function wantsCookies(request: IncomingRequest): boolean {
  return request.header(TRANSPORT_HEADER)?.trim().toLowerCase() === 'cookie';
}

/** The value of the first cookie in a `Cookie` header whose name is one of `names`. */
export function cookieValue(header: string | null | undefined, names: readonly string[]): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && names.includes(part.slice(0, eq).trim())) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The value of cookie `name` on a request, or undefined. */
export function readCookie(request: IncomingRequest, name: string): string | undefined {
  return cookieValue(request.header('cookie'), [name]);
}

/**
 * The token of an `Authorization: Bearer` header; undefined when there is none, or when the
 * header uses another scheme (e.g. `Basic` from a proxy in front of the app, which must not
 * break sign-up). A malformed Bearer header is refused.
 */
export function readBearer(authorization: string | null | undefined): string | undefined {
  if (!authorization || !/^bearer(\s|$)/i.test(authorization)) return undefined;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token) throw new GatehouseError('INVALID_TOKEN', 'Authorization must be "Bearer <token>"');
  return token;
}

function serialize(
  name: string,
  value: string,
  path: string,
  maxAge: number,
  sameSite: string,
  secure: boolean,
) {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=${sameSite}${secure ? '; Secure' : ''}`;
}

export function setTokenCookies(
  headers: ReplyHeaders,
  names: CookieNames,
  tokens: { accessToken: string; refreshToken: string },
  lifetimes: { access: number; refresh: number },
): void {
  headers.appendCookie(
    serialize(names.access, tokens.accessToken, '/', lifetimes.access, 'Lax', names.secure),
  );
  headers.appendCookie(
    serialize(
      names.refresh,
      tokens.refreshToken,
      names.refreshPath,
      lifetimes.refresh,
      'Strict',
      names.secure,
    ),
  );
}

export function clearTokenCookies(headers: ReplyHeaders, names: CookieNames): void {
  headers.appendCookie(serialize(names.access, '', '/', 0, 'Lax', names.secure));
  headers.appendCookie(serialize(names.refresh, '', names.refreshPath, 0, 'Strict', names.secure));
}
