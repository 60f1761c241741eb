/**
 * The security headers every API response carries, errors included. They are built once per
 * instance and copied onto each reply, so the hot path pays one `Object.assign`.
 */

/** HSTS for one year, subdomains included (ASVS 3.4.1 asks for at least a year). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers for responses that are never rendered: the API answers JSON (or nothing), so it may
 * not be framed, sniffed, or given a referrer, and any document it might turn into runs nothing.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'; default-src 'none'",
  'cross-origin-opener-policy': 'same-origin',
});

const SECURITY_HEADERS_HTTPS: Readonly<Record<string, string>> = Object.freeze({
  ...SECURITY_HEADERS,
  'strict-transport-security': HSTS,
});

/**
 * Picks the header set for a request: with HSTS when the public origin (`baseUrl`) is https —
 * behind a TLS-terminating proxy the request itself looks like http — or when the request came
 * over https. Browsers ignore HSTS received over plain http, so the first case is harmless there.
 *
 * @example
 * const headersFor = securityHeaders(settings.baseUrl);
 * Object.assign(reply.values, headersFor(request.origin));
 */
export function securityHeaders(
  baseUrl: string | undefined,
): (requestOrigin: string) => Readonly<Record<string, string>> {
  if (baseUrl && new URL(baseUrl).protocol === 'https:') return () => SECURITY_HEADERS_HTTPS;
  return (requestOrigin) => (requestOrigin.startsWith('https:') ? SECURITY_HEADERS_HTTPS : SECURITY_HEADERS);
}
