/**
 * Builds replies: JSON for the API, HTML and redirects for the pages. The security headers every
 * response carries (security-headers.ts) are put on the `ReplyHeaders` by whoever creates them —
 * the core for its replies, `errorResponse` here; a page tightens the CSP with its nonce.
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

/**
 * The CSP of a page: nothing loads but the one `<style>` carrying this response's nonce, forms
 * post only to us, and nobody frames it. No `unsafe-inline`, no script at all.
 */
export function pageCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`;
}

/** An HTML page, never cached (it may carry a mailed link's token in a hidden field). */
export function htmlPage(status: number, body: string, headers: ReplyHeaders, nonce: string): Reply {
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('content-security-policy', pageCsp(nonce));
  return { status, headers, body };
}

/** A 303 after a form (Post/Redirect/Get), so reloading the result does not send the form again. */
export function seeOther(location: string, headers: ReplyHeaders): Reply {
  headers.set('location', location);
  headers.set('cache-control', 'no-store');
  return { status: 303, headers, body: '' };
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

/** Only the shape of a bug reaches the log: name, message and stack, never the request. */
export function describeBug(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
