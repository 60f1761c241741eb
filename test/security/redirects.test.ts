/**
 * RED-01: the redirect allow-list helper. No route redirects yet (hosted pages and OIDC come
 * later), so the helper is tested directly, with every spelling of an open redirect we know of.
 */
import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../src/http/redirect.js';

const ALLOWED = ['https://app.tld', 'http://localhost:5173'];
const FALLBACK = '/home';
const check = (target: unknown) => safeRedirect(target, ALLOWED, FALLBACK);

describe('safeRedirect', () => {
  it('RED-01: keeps same-site paths and exactly allow-listed absolute URLs', () => {
    const kept = [
      '/',
      '/account',
      '/account/settings?tab=security#top',
      '/search?q=%2F%2Fevil.tld',
      '/%2F%2Fevil.tld', // one path segment, still on our origin
      '/a//b',
      '/.well-known/x',
      'https://app.tld',
      'https://app.tld/',
      'https://app.tld/callback?code=1&state=2',
      'https://app.tld:443/x', // the default port is the same origin
      'https://APP.tld/x', // hosts are case-insensitive
      'HTTPS://app.tld/x', // so are schemes
      'http://localhost:5173/after-login',
    ];
    for (const target of kept) expect(check(target), target).toBe(target);
  });

  it('RED-01: refuses other origins, look-alikes and protocol-relative spellings', () => {
    const refused = [
      'https://evil.tld',
      'https://evil.tld/https://app.tld',
      '//evil.tld',
      '///evil.tld',
      '//app.tld', // protocol-relative, even to an allowed host: refused as a spelling
      'https:evil.tld',
      'https:/evil.tld',
      'https:app.tld',
      'https://app.tld.evil.tld',
      'https://evil.tld/app.tld',
      'https://evilapp.tld',
      'https://app.tld@evil.tld',
      'https://app.tld:pw@evil.tld',
      'https://user@app.tld/', // credentials in a redirect are a phishing trick even when the host is ours
      'https://evil.tld#@app.tld',
      'https://evil.tld?@app.tld',
      'https://app.tld.', // a trailing dot is another origin
      'https://app.tld:8443/',
      'http://app.tld/', // scheme is part of the origin
      'https://localhost:5173/',
      'http://localhost:5174/',
      'https://аpp.tld/', // Cyrillic "а"
      '%2F%2Fevil.tld',
      '%2f%2fevil.tld',
      'evil.tld',
      'app.tld/path',
      './x',
      '../x',
      '?next=/x',
      '#/x',
    ];
    for (const target of refused) expect(check(target), target).toBe(FALLBACK);
  });

  it('RED-01: refuses backslashes, tabs, newlines and other control characters anywhere', () => {
    const refused = [
      '/\\evil.tld',
      '\\\\evil.tld',
      '\\/evil.tld',
      '/\\/evil.tld',
      'https://app.tld\\@evil.tld',
      'https:\\\\evil.tld',
      '/\t/evil.tld',
      '/\n/evil.tld',
      '/\r\n/evil.tld',
      '\t//evil.tld',
      ' //evil.tld',
      ' /account',
      '/account ',
      '/\u0000/evil.tld',
      '/\u007f/evil.tld',
      'https://app.tld/\nLocation: https://evil.tld', // header injection
      'https://app\t.tld/',
    ];
    for (const target of refused) expect(check(target), JSON.stringify(target)).toBe(FALLBACK);
  });

  it('RED-01: refuses every non-http(s) scheme, whatever its case', () => {
    const refused = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'JaVaScRiPt:alert(1)',
      'javascript://app.tld/%0Aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://app.tld/',
      'ws://app.tld/',
      'HTTPS://EVIL.TLD/',
      'Https://evil.tld/',
      'HTTP://app.tld/', // uppercase, but http is not the allowed scheme for app.tld
    ];
    for (const target of refused) expect(check(target), target).toBe(FALLBACK);
  });

  it('RED-01: malformed input gives the fallback and never throws', () => {
    const malformed: unknown[] = [
      'http://[',
      'https://[::1',
      'http://%',
      'https://app.tld:99999/',
      'https://',
      'http:',
      '',
      undefined,
      null,
      42,
      {},
      ['/account'],
      { toString: () => '/account' },
      new URL('https://app.tld/'),
      '/'.repeat(10_000),
    ];
    for (const target of malformed) expect(() => check(target)).not.toThrow();
    for (const target of malformed) expect(check(target), String(target).slice(0, 40)).toBe(FALLBACK);
    // Broken percent-escapes in a path are the page's problem, not a way off our origin.
    const odd = `/${'%'.repeat(10_000)}`;
    expect(check(odd) === odd).toBe(true);
  });

  it('RED-01: malformed or empty allow-lists refuse every absolute URL and never throw', () => {
    expect(safeRedirect('https://app.tld/', [], FALLBACK)).toBe(FALLBACK);
    expect(safeRedirect('https://app.tld/', ['not a url', 'http://['], FALLBACK)).toBe(FALLBACK);
    expect(safeRedirect('https://app.tld/', ['null'], FALLBACK)).toBe(FALLBACK);
    // An allow-list entry with a path still names only its origin.
    expect(safeRedirect('https://app.tld/other', ['https://app.tld/callback'], FALLBACK)).toBe(
      'https://app.tld/other',
    );
    expect(safeRedirect('/account', [], FALLBACK)).toBe('/account');
  });
});
