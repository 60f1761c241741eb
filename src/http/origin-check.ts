/**
 * CSRF defence for cookie-authenticated state changes (and for sign-in/up that asks for
 * cookies): the browser must say the request is same-origin, through an `Origin` equal to ours
 * or a trusted one, or, when it sends no Origin, `Sec-Fetch-Site: same-origin`. No signal at all
 * is refused.
 */
import { GatehouseError } from '../core/errors.js';

/** Reads one request header (lower-case name). */
export type HeaderReader = (name: string) => string | null | undefined;

/**
 * @param ownOrigin our public origin (from `baseUrl`); when unknown, an Origin whose host equals
 *   the request's `Host` counts as ours.
 */
export function checkSameOrigin(
  header: HeaderReader,
  ownOrigin: string | undefined,
  trustedOrigins: ReadonlySet<string>,
): void {
  const origin = header('origin');
  if (origin && origin !== 'null') {
    if (origin === ownOrigin || trustedOrigins.has(origin)) return;
    if (ownOrigin === undefined && hostOf(origin) === header('host')) return;
    throw refused();
  }
  const site = header('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return;
  throw refused();
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function refused(): GatehouseError {
  return new GatehouseError('ORIGIN_NOT_ALLOWED', 'Cross-site requests cannot use the session cookie');
}
