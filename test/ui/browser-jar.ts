/**
 * A browser for the page tests that need more than one at a time (`pages.ts` keeps one per
 * instance): its own cookie jar, the CSRF token its pages last showed, a language, and sign-in
 * over the JSON API with cookie transport — as the app's own script would do it.
 */
import { expect } from 'vitest';
import { PASSWORD, type Reply, type TestGatehouse } from '../support/gatehouse.js';
import { FORM, SAME_ORIGIN } from './pages.js';

/** The CSRF token a page's forms carry, if it has any. */
export function csrfOf(reply: Reply): string | undefined {
  return /<input type="hidden" name="csrf" value="([^"]*)">/.exec(String(reply.body ?? ''))?.[1];
}

export class Browser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page shown that had a form. */
  csrf: string | undefined;

  constructor(
    readonly t: TestGatehouse,
    readonly language = 'en',
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { 'accept-language': this.language, ...(cookie ? { cookie } : {}), ...extra };
  }

  private remember(reply: Reply): Reply {
    for (const line of reply.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    this.csrf = csrfOf(reply) ?? this.csrf;
    return reply;
  }

  /** The cookie whose name ends with `suffix` (`gh_access` finds `__Host-gh_access` too). */
  cookie(suffix: string): [string, string] | undefined {
    return [...this.cookies].find(([name]) => name.endsWith(suffix));
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    const sent = this.headers({ 'sec-fetch-site': 'none', ...headers });
    return this.remember(await this.t.request('GET', path, { headers: sent }));
  }

  /** A form post from one of our pages; `fields.csrf` is sent only when given. */
  async post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = SAME_ORIGIN,
  ): Promise<Reply> {
    return this.remember(
      await this.t.request('POST', path, {
        raw: new URLSearchParams(fields).toString(),
        contentType: FORM,
        headers: this.headers(headers),
      }),
    );
  }

  /** Signs in over the JSON API, the tokens as cookies (as a page's script would). */
  async signIn(email: string, password = PASSWORD): Promise<Reply> {
    const reply = await this.t.request('POST', '/auth/sign-in/email', {
      body: { email, password },
      headers: { 'gatehouse-transport': 'cookie', ...SAME_ORIGIN },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return this.remember(reply);
  }

  /** `GET /auth/session` with this browser's cookies: its status says whether the session lives. */
  async sessionStatus(): Promise<number> {
    return (await this.t.request('GET', '/auth/session', { headers: this.headers({}) })).status;
  }
}
