/**
 * What every adapter's "signed-in user required" guard does, exactly as the API itself would:
 * find the access token (Bearer header, else the access cookie), apply the same-origin rule to
 * cookie-authenticated state changes, check the session, and either hand back the user or the
 * API's own error response.
 */

import { GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { cookieNames, cookieValue, readBearer } from '../http/cookies.js';
import { allowedOrigins, checkSameOrigin, type HeaderReader } from '../http/origin-check.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import { STATUS_BY_CODE } from '../http/status.js';
import type { PublicSession, PublicUser } from '../services/views.js';

export interface SignedIn {
  readonly user: PublicUser;
  readonly session: PublicSession;
}

export type Authentication =
  | ({ readonly ok: true } & SignedIn)
  | {
      readonly ok: false;
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: { error: { code: string; message: string } };
    };

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

function findToken(gatehouse: Gatehouse, request: GuardRequest): string {
  const bearer = readBearer(request.header('authorization'));
  if (bearer) return bearer;
  const { baseUrl, basePath } = gatehouse.settings;
  // With a known public origin only its cookie name counts (no unprefixed cookie on https).
  const names = baseUrl
    ? [cookieNames(new URL(baseUrl), basePath).access]
    : ['__Host-gh_access', 'gh_access'];
  const token = cookieValue(request.header('cookie'), names);
  if (!token)
    throw new GatehouseError('INVALID_TOKEN', 'Send an access token: Authorization: Bearer <token>');
  if (!SAFE_METHODS.has(request.method.toUpperCase())) {
    const allowed = allowedOrigins(gatehouse.settings);
    checkSameOrigin(request.header, baseUrl ? new URL(baseUrl).origin : undefined, allowed);
  }
  return token;
}

export async function authenticate(gatehouse: Gatehouse, request: GuardRequest): Promise<Authentication> {
  try {
    return { ok: true, ...(await gatehouse.getSession(findToken(gatehouse, request))) };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    };
    if (STATUS_BY_CODE[error.code] === 401) headers['www-authenticate'] = 'Bearer';
    return {
      ok: false,
      status: STATUS_BY_CODE[error.code],
      headers,
      body: { error: { code: error.code, message: error.message } },
    };
  }
}
