/**
 * CSRF defence for cookie-authenticated state changes (and for sign-in/up that asks for
 * cookies), shared by the API and the adapters' guards. `Sec-Fetch-Site` decides first:
 * `same-origin` and `none` pass, `cross-site` is refused whatever the Origin says. With
 * `same-site`, or with no Fetch Metadata at all (older browsers), the `Origin` must be an allowed
 * one. No signal at all is refused.
 */
import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError } from '../core/errors.js';

/** Reads one request header (lower-case name). */
export type HeaderReader = (name: string) => string | null | undefined;

type OriginSettings = Pick<ResolvedSettings, 'baseUrl' | 'trustedOrigins' | 'corsOrigins'>;

const allowedBySettings = new WeakMap<OriginSettings, ReadonlySet<string>>();

/**
 * The origins allowed to make cookie-authenticated state changes: `baseUrl`'s, `trustedOrigins`
 * and `corsOrigins`, each as `scheme://host[:port]`. Computed once per settings object.
 */
export function allowedOrigins(settings: OriginSettings): ReadonlySet<string> {
  let allowed = allowedBySettings.get(settings);
  if (!allowed) {
    const listed = [...settings.trustedOrigins, ...settings.corsOrigins];
    if (settings.baseUrl) listed.push(settings.baseUrl);
    allowed = new Set(listed.map((o) => new URL(o).origin));
    allowedBySettings.set(settings, allowed);
  }
  return allowed;
}

/**
 * Throws `ORIGIN_NOT_ALLOWED` unless the browser says the request comes from us.
 *
 * @param ownOrigin our public origin (`baseUrl`'s, else the request's); when undefined, an
 *   Origin whose host equals the request's `Host` counts as ours.
 * @param allowed from {@link allowedOrigins}.
 */
export function checkSameOrigin(
  header: HeaderReader,
  ownOrigin: string | undefined,
  allowed: ReadonlySet<string>,
): void {
  const site = header('sec-fetch-site');
  // Browsers set Sec-Fetch-Site themselves and pages cannot forge it, so it is the primary signal.
  if (site === 'same-origin' || site === 'none') return;
  if (site === 'cross-site') throw refused();
  // `same-site` (a sibling subdomain, which may be hostile) or no Fetch Metadata: the Origin decides.
  const origin = header('origin');
  if (origin && origin !== 'null') {
    if (origin === ownOrigin || allowed.has(origin)) return;
    if (ownOrigin === undefined && hostOf(origin) === header('host')) return;
  }
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
