/**
 * What every adapter's guards do, exactly as the API itself would: find the access token
 * (Bearer header, else the access cookie), apply the same-origin rule to cookie-authenticated
 * state changes, check the session, and either hand back the user or the API's own error
 * response. `requireUser` needs a signed-in user (with `{ aal: 2 }`, one who passed a second
 * factor); `optionalUser` attaches one when there is one and lets anonymous requests through.
 */

import { type ErrorCode, GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { accessCookieNames, cookieNames, cookieValue, readBearer } from '../http/cookies.js';
import { allowedOrigins, checkSameOrigin, type HeaderReader } from '../http/origin-check.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { STATUS_BY_CODE } from '../http/status.js';
import type { PublicSession, PublicUser } from '../services/views.js';

export interface SignedIn {
  readonly user: PublicUser;
  readonly session: PublicSession;
}

/** The API's error response, for a guard to send as is. */
export interface Refusal {
  readonly ok: false;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { error: { code: string; message: string } };
}

export type Authentication = ({ readonly ok: true } & SignedIn) | Refusal;

/** `optionalUser`'s outcome: a user, nobody (no token, or one that no longer works), or a refusal. */
export type OptionalAuthentication =
  | ({ readonly ok: true } & SignedIn)
  | { readonly ok: true; readonly user: null; readonly session: null }
  | Refusal;

/** The request as a guard sees it, whatever the framework. */
export interface GuardRequest {
  readonly method: string;
  readonly header: HeaderReader;
}

/** A header reader over Node's `IncomingHttpHeaders` (repeated headers joined with `, `). */
export function nodeHeaderReader(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): HeaderReader {
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's access token, or undefined when it carries none. */
function findToken(gatehouse: Gatehouse, request: GuardRequest): string | undefined {
  const bearer = readBearer(request.header('authorization'));
  if (bearer) return bearer;
  const { baseUrl, basePath, cookies } = gatehouse.settings;
  // With a known public origin only its cookie name counts (no unprefixed cookie on https).
  const names = baseUrl
    ? [cookieNames(new URL(baseUrl), basePath, cookies).access]
    : accessCookieNames(cookies);
  const token = cookieValue(request.header('cookie'), names);
  if (token && !SAFE_METHODS.has(request.method.toUpperCase())) {
    const allowed = allowedOrigins(gatehouse.settings);
    checkSameOrigin(request.header, baseUrl ? new URL(baseUrl).origin : undefined, allowed);
  }
  return token;
}

function refusal(error: GatehouseError): Refusal {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (STATUS_BY_CODE[error.code] === 401) headers['www-authenticate'] = 'Bearer';
  if (error.details.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(error.details.retryAfterSeconds);
  return {
    ok: false,
    status: STATUS_BY_CODE[error.code],
    headers,
    body: { error: { code: error.code, message: error.message } },
  };
}

/** What a guard demands beyond a live session. */
export interface GuardOptions {
  /**
   * `2`: the session must have passed a second factor (or a passkey that verified its user);
   * an aal1 session gets 403 `MFA_REQUIRED` (reauthenticate with a second factor to step up).
   */
  readonly aal?: 1 | 2;
}

export async function authenticate(
  gatehouse: Gatehouse,
  request: GuardRequest,
  options: GuardOptions = {},
): Promise<Authentication> {
  try {
    const token = findToken(gatehouse, request);
    if (!token)
      throw new GatehouseError('INVALID_TOKEN', 'Send an access token: Authorization: Bearer <token>');
    const found = await gatehouse.getSession(token);
    // The session row's level, not the token's: a step-up counts at once, for every token.
    if (options.aal === 2 && found.session.aal !== 'aal2') {
      throw new GatehouseError('MFA_REQUIRED', 'This needs a sign-in with a second factor');
    }
    return { ok: true, ...found };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    return refusal(error);
  }
}

/** Token problems that make a request anonymous rather than refused, for `optionalUser`. */
const ANONYMOUS: ReadonlySet<ErrorCode> = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND']);

/**
 * Like `authenticate`, but a request without a working token is anonymous (`user: null`), not
 * refused. A cookie-authenticated state change from another origin is still refused (the cookie
 * must not act for another site), and so is a server that cannot check (503).
 */
export async function authenticateOptional(
  gatehouse: Gatehouse,
  request: GuardRequest,
): Promise<OptionalAuthentication> {
  try {
    const token = findToken(gatehouse, request);
    if (!token) return { ok: true, user: null, session: null };
    return { ok: true, ...(await gatehouse.getSession(token)) };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    if (ANONYMOUS.has(error.code)) return { ok: true, user: null, session: null };
    return refusal(error);
  }
}
