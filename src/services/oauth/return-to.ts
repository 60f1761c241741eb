/**
 * Where a provider sign-in sends the browser: back to us at a per-provider callback (the
 * redirect URI registered at the provider), then on to `returnTo` — only when it is exactly one
 * of `oauth.redirectUrls` (ASVS 3.7.2, 10.4.1; RFC 9700 §4.11), else the default page.
 *
 * "Exactly" is string equality with an allow-listed entry as written, or as the URL parser
 * spells it (`https://app.example` is listed, `https://app.example/` comes back). Nothing is
 * parsed on the way in: a `returnTo` is either one of those strings or it is not, so no spelling
 * of another host (`//evil.tld`, `/\evil.tld`, `https:evil.tld`, `https://app.tld@evil.tld`,
 * percent-encoding, `javascript:`, a malformed URL) can pass unless it is on the list itself.
 *
 * One exception needs no listing: with the hosted pages on, their own ends of a provider round
 * trip — `/sign-in` and `/account/identities` at `baseUrl`, with any query — are followed. That
 * is decided on the parsed URL (our origin exactly, that path exactly, no credentials, no
 * fragment), and the browser is sent to the parser's spelling, never the raw string.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { GatehouseError } from '../../core/errors.js';

/**
 * `requested` when it is allow-listed (`oauth.redirectUrls`, or the app's own redirect URLs),
 * else the default page. Never throws.
 */
export function returnTarget(
  settings: ResolvedSettings,
  requested: unknown,
  appUrls: readonly string[] = [],
): string {
  if (typeof requested === 'string' && requested !== '' && requested.length <= 2000) {
    for (const allowed of [...settings.oauth.redirectUrls, ...appUrls]) {
      if (requested === allowed || requested === canonical(allowed)) return requested;
    }
    const page = hostedPageReturn(settings, requested);
    if (page) return page;
  }
  return defaultPage(settings);
}

/** The hosted pages that start a provider round trip and take the browser back (see above). */
export const HOSTED_PAGE_RETURNS: readonly string[] = ['/sign-in', '/account/identities'];

function hostedPageReturn(settings: ResolvedSettings, requested: string): string | undefined {
  if (!settings.pages.enabled || !settings.baseUrl) return undefined;
  let url: URL;
  let base: URL;
  try {
    url = new URL(requested);
    base = new URL(settings.baseUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.username !== '' || url.password !== '' || url.hash !== '') {
    return undefined;
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  return HOSTED_PAGE_RETURNS.some((path) => url.pathname === `${prefix}${path}`) ? url.href : undefined;
}

/** `oauth.defaultRedirect`, else `baseUrl` + `/`. */
export function defaultPage(settings: ResolvedSettings): string {
  return settings.oauth.defaultRedirect ?? `${publicBase(settings)}/`;
}

/** The redirect URI registered at the provider: one per provider, so answers cannot be mixed up. */
export function callbackUrl(settings: ResolvedSettings, provider: string): string {
  return `${publicBase(settings)}${settings.basePath}/oauth/${provider}/callback`;
}

/** `returnTo` with one more query parameter (the exchange code, an error, a notice). */
export function withParameters(target: string, parameters: Readonly<Record<string, string>>): string {
  const url = new URL(target);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.href;
}

function publicBase(settings: ResolvedSettings): string {
  if (!settings.baseUrl) {
    // The redirect URI registered at a provider must not depend on a client-chosen Host header.
    throw new GatehouseError(
      'UNAVAILABLE',
      'Sign-in with a provider needs the `baseUrl` setting (the redirect URI is built from it)',
    );
  }
  return settings.baseUrl.replace(/\/+$/, '');
}

function canonical(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
