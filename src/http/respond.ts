/**
 * Builds replies. The security headers every response carries (security-headers.ts) are put on
 * the `ReplyHeaders` by whoever creates them — the core for its replies, `errorResponse` here.
 */
import type { GatehouseError } from '../core/errors.js';
import { type Reply, ReplyHeaders, toWebResponse } from './exchange.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { STATUS_BY_CODE } from './status.js';

/** A JSON reply; `cacheable` replies carry no user data or tokens, everything else is `no-store`. */
export function json(status: number, body: unknown, headers: ReplyHeaders, cacheable?: string): Reply {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', cacheable ?? 'no-store');
  return { status, headers, body: JSON.stringify(body) };
}

/** A 204 with no body (a CORS preflight, a bare `OPTIONS`). */
export function noContent(headers: ReplyHeaders): Reply {
  return { status: 204, headers, body: '' };
}

export function errorReply(error: GatehouseError, headers: ReplyHeaders): Reply {
  if (error.details.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(error.details.retryAfterSeconds));
  const body: { code: string; message: string; issues?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details.issues) body.issues = error.details.issues;
  return json(STATUS_BY_CODE[error.code], { error: body }, headers);
}

/** The same error as a Web `Response`, for adapters answering before the core runs. */
export function errorResponse(error: GatehouseError): Response {
  const headers = new ReplyHeaders();
  Object.assign(headers.values, SECURITY_HEADERS);
  return toWebResponse(errorReply(error, headers));
}
