/** Builds JSON responses with the headers every Gatehouse response carries. */
import type { GatehouseError } from '../core/errors.js';
import { STATUS_BY_CODE } from './status.js';

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** A JSON response; `cacheable` responses carry no user data or tokens, everything else is `no-store`. */
export function json(
  status: number,
  body: unknown,
  init: { headers?: Headers; cacheable?: string } = {},
): Response {
  const headers = init.headers ?? new Headers();
  for (const [k, v] of Object.entries(BASE_HEADERS)) headers.set(k, v);
  headers.set('cache-control', init.cacheable ?? 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

export function errorResponse(error: GatehouseError, headers?: Headers): Response {
  const h = headers ?? new Headers();
  if (error.details.retryAfterSeconds !== undefined)
    h.set('retry-after', String(error.details.retryAfterSeconds));
  const body: { code: string; message: string; issues?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details.issues) body.issues = error.details.issues;
  return json(STATUS_BY_CODE[error.code], { error: body }, { headers: h });
}
