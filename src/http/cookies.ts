/**
 * Browser transport: tokens in cookies instead of the JSON body. A client asks for it with the
 * request header `Gatehouse-Transport: cookie`. Cookies are HttpOnly and SameSite, Secure with
 * a `__Host-`/`__Secure-` prefix — except on plain `http://localhost`, where browsers would
 * drop Secure cookies. Names, a shared domain and the access cookie's SameSite are settings
 * (`cookies.*`); the prefixes follow the browser rules whatever they are: `__Host-` only for a
 * host-only cookie on `/`, `__Secure-` otherwise.
 */

import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError } from '../core/errors.js';
import type { IncomingRequest, ReplyHeaders } from './exchange.js';

export const TRANSPORT_HEADER = 'gatehouse-transport';

type SameSite = 'Lax' | 'Strict' | 'None';

export interface CookieNames {
  readonly access: string;
  readonly refresh: string;
  readonly secure: boolean;
  /** Path the refresh cookie is limited to. */
  readonly refreshPath: string;
  /** `Domain` of both cookies, when they are shared with subdomains. */
  readonly domain?: string;
  readonly accessSameSite: SameSite;
  readonly refreshSameSite: SameSite;
}

export type CookieSettings = ResolvedSettings['cookies'];

const DEFAULT_COOKIES: CookieSettings = {
  accessName: 'gh_access',
  refreshName: 'gh_refresh',
  sameSite: 'lax',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const SAME_SITE: Readonly<Record<CookieSettings['sameSite'], SameSite>> = {
  lax: 'Lax',
  strict: 'Strict',
  none: 'None',
};

/** Whether cookies for `origin` can be Secure (anything but plain http on a local host). */
export function secureOrigin(origin: URL): boolean {
  return !(origin.protocol === 'http:' && LOCAL_HOSTS.has(origin.hostname));
}

/** Cookie names and flags for a server whose public origin is `origin`. */
export function cookieNames(
  origin: URL,
  basePath: string,
  settings: CookieSettings = DEFAULT_COOKIES,
): CookieNames {
  const secure = secureOrigin(origin);
  const accessSameSite = SAME_SITE[settings.sameSite];
  return {
    access: secure
      ? `${settings.domain ? '__Secure-' : '__Host-'}${settings.accessName}`
      : settings.accessName,
    refresh: secure ? `__Secure-${settings.refreshName}` : settings.refreshName,
    secure,
    refreshPath: `${basePath}/refresh`,
    ...(settings.domain ? { domain: settings.domain } : {}),
    accessSameSite,
    // The refresh cookie goes only to the refresh endpoint, never on a cross-site request —
    // unless the app is embedded cross-site on purpose (`none`), where Strict would never send it.
    refreshSameSite: accessSameSite === 'None' ? 'None' : 'Strict',
  };
}

/** Every name the access cookie may carry under these settings, Secure and not. */
export function accessCookieNames(settings: CookieSettings = DEFAULT_COOKIES): string[] {
  return [`__Host-${settings.accessName}`, `__Secure-${settings.accessName}`, settings.accessName];
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
 * break sign-up). A malformed Bearer header is refused with `INVALID_TOKEN`.
 *
 * @example
 * const token = readBearer(request.headers.get('authorization'));
 * if (token) await gatehouse.getSession(token);
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
  sameSite: SameSite,
  names: CookieNames,
) {
  const domain = names.domain ? `; Domain=${names.domain}` : '';
  return `${name}=${value}; Path=${path}${domain}; Max-Age=${maxAge}; HttpOnly; SameSite=${sameSite}${names.secure ? '; Secure' : ''}`;
}

export function setTokenCookies(
  headers: ReplyHeaders,
  names: CookieNames,
  tokens: { accessToken: string; refreshToken: string },
  lifetimes: { access: number; refresh: number },
): void {
  headers.appendCookie(
    serialize(names.access, tokens.accessToken, '/', lifetimes.access, names.accessSameSite, names),
  );
  headers.appendCookie(
    serialize(
      names.refresh,
      tokens.refreshToken,
      names.refreshPath,
      lifetimes.refresh,
      names.refreshSameSite,
      names,
    ),
  );
}

/** Replaces the access cookie alone (a step-up: the session and its refresh token stay). */
export function setAccessCookie(
  headers: ReplyHeaders,
  names: CookieNames,
  accessToken: string,
  lifetime: number,
): void {
  headers.appendCookie(serialize(names.access, accessToken, '/', lifetime, names.accessSameSite, names));
}

export function clearTokenCookies(headers: ReplyHeaders, names: CookieNames): void {
  headers.appendCookie(serialize(names.access, '', '/', 0, names.accessSameSite, names));
  headers.appendCookie(serialize(names.refresh, '', names.refreshPath, 0, names.refreshSameSite, names));
}
