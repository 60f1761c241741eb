/** Builds JSON replies with the headers every Gatehouse response carries. */
import type { GatehouseError } from '../core/errors.js';
import { type Reply, ReplyHeaders, toWebResponse } from './exchange.js';
import { STATUS_BY_CODE } from './status.js';

/** A JSON reply; `cacheable` replies carry no user data or tokens, everything else is `no-store`. */
export function json(status: number, body: unknown, headers: ReplyHeaders, cacheable?: string): Reply {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'no-referrer');
  headers.set('cache-control', cacheable ?? 'no-store');
  return { status, headers, body: JSON.stringify(body) };
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
  return toWebResponse(errorReply(error, new ReplyHeaders()));
}
