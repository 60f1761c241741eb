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
 * The CSP of a page: styles and scripts only with this response's nonce (no `unsafe-inline`),
 * plus the theme stylesheet and logo the settings name (and fonts from the theme's origin, which
 * a brand typeface needs); images from us; `fetch` only to us; forms post only to us; nobody
 * frames it.
 */
export function pageCsp(nonce: string, pages?: PageAssets): string {
  const theme = pages?.themeCssUrl ? ` ${assetSource(pages.themeCssUrl)}` : '';
  const logo = pages?.logoUrl ? ` ${assetSource(pages.logoUrl)}` : '';
  const fonts = pages?.themeCssUrl ? `font-src ${assetOrigin(pages.themeCssUrl)}; ` : '';
  return (
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'${theme}; ` +
    `img-src 'self' data:${logo}; ${fonts}connect-src 'self'; form-action 'self'; ` +
    `frame-ancestors 'none'; base-uri 'none'; object-src 'none'`
  );
}

/** The settings a page's CSP depends on. */
export interface PageAssets {
  readonly themeCssUrl?: string | undefined;
  readonly logoUrl?: string | undefined;
}

/** The origin an asset URL is served from, as a CSP source (`'self'` for a path on this server). */
function assetOrigin(url: string): string {
  return url.startsWith('/') ? "'self'" : new URL(url).origin;
}

/**
 * A CSP source for an asset URL: `'self'` for a path on this server, else the URL's origin and
 * path — without its query or fragment (a CSP source has neither) and with `;`, `,` and `'`
 * percent-encoded: in a policy they would end the directive, the policy or start a keyword
 * (browsers decode a source's path before comparing it with a URL's).
 */
function assetSource(url: string): string {
  if (url.startsWith('/')) return "'self'";
  const { origin, pathname } = new URL(url);
  return origin + pathname.replace(/[;,']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An HTML page, never cached (it may carry a mailed link's token in a hidden field). */
export function htmlPage(
  status: number,
  body: string,
  headers: ReplyHeaders,
  nonce: string,
  settings?: { readonly pages: PageAssets },
): Reply {
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('content-security-policy', pageCsp(nonce, settings?.pages));
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
