/**
 * What every adapter's guards do, exactly as the API itself would: find the bearer (the
 * Authorization header, else the access cookie), apply the same-origin rule to
 * cookie-authenticated state changes, resolve the caller at the guard's app (`resolveCaller`:
 * routed by prefix, the live session or personal access token, the live membership), check the
 * guard's requirement (`authorize`), and either hand back the caller or the API's own error
 * response. Each framework's `requireUser`, `requireRole`, `requirePermission`, `requirePlan` and
 * `requireScope` are this one `authorizeRequest` with a different requirement, so their statuses,
 * codes and headers are the same everywhere; `optionalUser` attaches a user when there is one and
 * lets anonymous requests through.
 */

import { type ErrorCode, GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { accessCookieNames, cookieNames, cookieValue, readBearer } from '../http/cookies.js';
import { allowedOrigins, checkSameOrigin, type HeaderReader } from '../http/origin-check.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { STATUS_BY_CODE } from '../http/status.js';
import type { Requirement } from '../services/access/authorize.js';
import type { Caller } from '../services/access/resolve-caller.js';
import type { PublicSession, PublicUser } from '../services/views.js';

/** What a guard attaches to the request. */
export interface SignedIn {
  readonly user: PublicUser;
  /** The live session; null when the caller sent a personal access token (see `requireScope`). */
  readonly session: PublicSession | null;
  /** Everything the guard decided on: kind of token, app, live roles and plan, the PAT's scopes. */
  readonly caller: Caller;
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
  | { readonly ok: true; readonly user: null; readonly session: null; readonly caller: null }
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

/** What every guard takes beside its own requirement. */
export interface GuardOptions {
  /**
   * The app this guard serves (an `app_…` id; the default app when absent). Tokens issued for
   * any other app get 401 `INVALID_TOKEN`. Set in code, never read from the request: a client
   * must not choose which app's tokens a route accepts.
   */
  readonly app?: string;
  /**
   * `2`: the session must have passed a second factor (or a passkey that verified its user);
   * an aal1 session gets 403 `MFA_REQUIRED` (reauthenticate with a second factor to step up).
   * The session row's level counts, not the token's, so a step-up applies at once.
   */
  readonly aal?: 1 | 2;
  /**
   * A scope a personal access token must hold. Only a guard that names a scope (or a
   * permission) admits PATs at all; without one a PAT gets 403 `INSUFFICIENT_SCOPE`.
   */
  readonly scope?: string;
}

/** A guard's whole requirement: the app it serves, and what the caller must meet there. */
export type GuardRequirement = Requirement & { readonly app?: string };

/**
 * The one check behind every guard: the caller at the requirement's app, then the requirement.
 *
 * @example
 * const outcome = await authorizeRequest(gatehouse, request, { role: 'admin', app: 'app_…' });
 * if (!outcome.ok) return send(outcome.status, outcome.headers, outcome.body);
 */
export async function authorizeRequest(
  gatehouse: Gatehouse,
  request: GuardRequest,
  requirement: GuardRequirement = {},
): Promise<Authentication> {
  try {
    const token = findToken(gatehouse, request);
    if (!token)
      throw new GatehouseError('INVALID_TOKEN', 'Send an access token: Authorization: Bearer <token>');
    const { app, ...wanted } = requirement;
    const caller = await gatehouse.resolveCaller(token, { app: app ?? null });
    await gatehouse.authorize(caller, wanted);
    return { ok: true, user: caller.user, session: caller.session, caller };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    return refusal(error);
  }
}

/** `requireUser`'s check: a signed-in user at the guard's app, with `options`. */
export function authenticate(
  gatehouse: Gatehouse,
  request: GuardRequest,
  options: GuardOptions = {},
): Promise<Authentication> {
  return authorizeRequest(gatehouse, request, options);
}

/** The requirement of each named guard, as every adapter builds it. */
export const guardRequirement = {
  role: (role: string | readonly string[], options?: GuardOptions): GuardRequirement => ({
    ...options,
    role,
  }),
  permission: (permission: string, options?: GuardOptions): GuardRequirement => ({ ...options, permission }),
  plan: (plan: string, options?: GuardOptions): GuardRequirement => ({ ...options, plan }),
  scope: (scope: string, options?: Omit<GuardOptions, 'scope'>): GuardRequirement => ({ ...options, scope }),
};

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
  options: Pick<GuardOptions, 'app'> = {},
): Promise<OptionalAuthentication> {
  try {
    const token = findToken(gatehouse, request);
    if (!token) return { ok: true, user: null, session: null, caller: null };
    const caller = await gatehouse.resolveCaller(token, { app: options.app ?? null });
    // Session-only, like every guard naming no scope: a PAT is refused, not taken as anonymous.
    await gatehouse.authorize(caller, {});
    return { ok: true, user: caller.user, session: caller.session, caller };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    if (ANONYMOUS.has(error.code)) return { ok: true, user: null, session: null, caller: null };
    return refusal(error);
  }
}
