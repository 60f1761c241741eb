/**
 * Open-redirect defence (ASVS 3.7.2): where a client names the page to return to (`returnTo`,
 * `callbackURL`, `redirect_uri`), only a same-site path or an exactly allow-listed origin is
 * followed; anything else, malformed input included, gives the fallback. It never throws
 * (next-auth CVE-2022-31093 hung on a `callbackUrl` that threw while parsing).
 */

const ABSOLUTE_HTTP = /^https?:\/\//i;
// The base a relative target is checked against; `.invalid` can never be a real host.
const PROBE = 'https://redirect.invalid';

/**
 * `target` if it is safe to redirect to, else `fallback` (which is trusted as is).
 * Safe means a path starting with one `/` (not `//`, not `/\`), or an absolute `http(s)://` URL
 * without credentials whose origin is exactly one of `allowedOrigins` (scheme, host and port).
 *
 * @example
 * safeRedirect('/account', ['https://app.example.com'], '/');                 // '/account'
 * safeRedirect('https://app.example.com/x', ['https://app.example.com'], '/'); // kept
 * safeRedirect('//evil.tld', ['https://app.example.com'], '/');                // '/'
 */
export function safeRedirect(target: unknown, allowedOrigins: readonly string[], fallback: string): string {
  if (typeof target !== 'string' || target === '' || hasUnsafeCharacter(target)) return fallback;
  if (target.startsWith('/')) {
    if (target.startsWith('//')) return fallback;
    return parse(target, PROBE)?.origin === PROBE ? target : fallback;
  }
  // `https:evil.tld` (no slashes) and every other scheme, `javascript:` included, stop here.
  if (!ABSOLUTE_HTTP.test(target)) return fallback;
  const url = parse(target);
  if (url === undefined || url.username !== '' || url.password !== '') return fallback;
  return allowedOrigins.some((allowed) => parse(allowed)?.origin === url.origin) ? target : fallback;
}

// A browser drops tabs and newlines inside a URL and trims C0 controls and spaces around it, and
// reads `\` as `/` in http(s) URLs: `/\t/evil.tld` and `/\evil.tld` both become `//evil.tld`.
// Rather than predict that rewriting, any such character (or a space, or DEL) refuses the target.
function hasUnsafeCharacter(input: string): boolean {
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

function parse(input: string, base?: string): URL | undefined {
  try {
    return new URL(input, base);
  } catch {
    return undefined;
  }
}
