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
  if (site === 'cross-site') throw refused('cross-site');
  // `same-site` (a sibling subdomain, which may be hostile) or no Fetch Metadata: the Origin decides.
  const origin = header('origin');
  if (!origin) throw refused(site ? 'no-origin' : 'no-signal');
  if (origin !== 'null') {
    if (origin === ownOrigin || allowed.has(origin)) return;
    if (ownOrigin === undefined && hostOf(origin) === header('host')) return;
  }
  throw refused('origin');
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

// Each says which signal was missing or wrong, so a developer fixes the right thing. None
// repeats a header's value: those are the caller's input.
const REFUSALS = {
  'cross-site':
    'Cross-site requests cannot use the session cookie (the browser sent Sec-Fetch-Site: cross-site)',
  origin:
    "The request's Origin is not allowed to use the session cookie: only baseUrl's origin, trustedOrigins and corsOrigins are",
  'no-origin':
    'The request carries no Origin header, and its Sec-Fetch-Site does not show it comes from this origin, so it cannot use the session cookie',
  'no-signal':
    'The request carries neither an Origin nor a Sec-Fetch-Site header, so it cannot use the session cookie; browsers send them — add one, or send the token as Authorization: Bearer',
} as const;

function refused(why: keyof typeof REFUSALS): GatehouseError {
  return new GatehouseError('ORIGIN_NOT_ALLOWED', REFUSALS[why]);
}
