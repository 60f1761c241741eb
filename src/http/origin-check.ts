/**
 * CSRF defence for cookie-authenticated state changes (and for sign-in/up that asks for
 * cookies): the browser must say the request is same-origin, through `Sec-Fetch-Site` or,
 * failing that, an `Origin` equal to ours or a trusted one. No signal at all is refused.
 */
import { GatehouseError } from '../core/errors.js';

export function checkSameOrigin(request: Request, ownOrigin: string, trustedOrigins: ReadonlySet<string>): void {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') {
    if (origin === ownOrigin || trustedOrigins.has(origin)) return;
    throw refused();
  }
  if (site === 'same-origin' || site === 'none') return;
  throw refused();
}

function refused(): GatehouseError {
  return new GatehouseError('ORIGIN_NOT_ALLOWED', 'Cross-site requests cannot use the session cookie');
}
