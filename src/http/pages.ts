/**
 * Serves the server-rendered pages (`src/ui/`) inside the HTTP core. `GET` (and `HEAD`) shows a
 * page and changes nothing. `POST` submits its form: the same-origin rule of cookie-authenticated
 * API calls, then the form's CSRF token (bound to this browser's form cookie and its session),
 * the same limits as the JSON route it stands for and the body read with the same size cap —
 * then the page calls the operation and answers with a page, a 303 or a download.
 *
 * The signed-in user comes from the API's access cookie, checked live on every request. A page
 * for signed-in users that finds no live session sends the browser through `resumePath`, which
 * turns the refresh cookie (sent only under `{basePath}/refresh`) into new cookies and comes back;
 * without one, it goes on to sign in — after one same-origin hop (a `Refresh` header) when a link
 * on another site started the trip, since the browser holds the SameSite=Strict refresh cookie
 * back until then. Every page carries a CSP with a nonce made for that
 * response. Whatever goes wrong answers as a page with the error's status; a bug is logged and
 * answered 500, as in the API.
 */
import { randomBytes } from 'node:crypto';
import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError, isGatehouseError } from '../core/errors.js';
import { pickLocale } from '../core/locale.js';
import type { Logger } from '../core/logger.js';
import type { ClientInfo } from '../services/context.js';
import type { Operations } from '../services/operations.js';
import { clientIp, limitKey, type TrustedProxies } from './client-address.js';
import {
  type CookieNames,
  clearTokenCookies,
  readCookie,
  setAccessCookie,
  setTokenCookies,
} from './cookies.js';
import type { IncomingRequest, Reply, ReplyHeaders } from './exchange.js';
import type { RequestContext } from './handler.js';
import { checkSameOrigin } from './origin-check.js';
import { readFormBody } from './read-body.js';
import { safeRedirect } from './redirect.js';
import { describeBug, htmlPage, noContent, seeOther } from './respond.js';
import type { PageReply, PageRoute, PageSession, PageView } from './route.js';
import type { UnavailableLog } from './unavailable-log.js';

export interface PageServerOptions {
  /** Every page there is (`servedPages` picks those the settings turn on). */
  readonly pages: readonly PageRoute[];
  readonly refusal: PageRefusal;
  /** Where someone without a session signs in (`?returnTo=` is added). */
  readonly signInPath: string;
  /** Static files the pages load (the script module), served at `{basePath}/assets/<name>`. */
  readonly assets: Readonly<Record<string, PageAsset>>;
  readonly operations: Promise<Operations>;
  readonly settings: ResolvedSettings;
  readonly logger: Logger;
  /** Logs the cause of a 503 (see `unavailable-log.ts`). */
  readonly logUnavailable?: UnavailableLog;
  /** From `allowedOrigins(settings)`. */
  readonly allowed: ReadonlySet<string>;
  /** `baseUrl`'s origin, when set. */
  readonly fixedOrigin: string | undefined;
  readonly isTrustedProxy: TrustedProxies;
  /** The API's cookie names for a request (a page that signs in sets the same cookies). */
  readonly cookies: (request: IncomingRequest) => CookieNames;
}

/** The page answering a refused request: `error`'s status, a message, the request id for a bug. */
export type PageRefusal = (view: PageView, error: GatehouseError, requestId: string) => PageReply;

/** A static file the pages load. */
export interface PageAsset {
  readonly contentType: string;
  readonly body: string;
}

/** A page and the values of its path's `:name` segments. */
export interface PageMatch {
  readonly page: PageRoute;
  readonly params: Readonly<Record<string, string>>;
}

export interface PageServer {
  /** The page at `path`, when pages are on and one is there (the session resume included). */
  find(path: string): PageMatch | undefined;
  serve(
    match: PageMatch,
    request: IncomingRequest,
    context: RequestContext,
    headers: ReplyHeaders,
  ): Promise<Reply>;
}

/** The form cookie's name: `__Host-` wherever cookies can be Secure. */
function formCookieName(names: CookieNames): string {
  return names.secure ? '__Host-gh_form' : 'gh_form';
}

const FORM_COOKIE = /^[\w-]{43}$/;

/** Where the admin console's pages live: served only while `pages.console` is on. */
const CONSOLE_PREFIX = '/console';

/**
 * The pages an instance serves: none with `pages.enabled` off, and no console page (`/console…`)
 * with `pages.console` off. The framework adapters route the same paths (`embeddedPagePaths`).
 */
export function servedPages(
  pages: readonly PageRoute[],
  settings: Pick<ResolvedSettings, 'pages'>,
): readonly PageRoute[] {
  if (!settings.pages.enabled) return [];
  if (settings.pages.console) return pages;
  return pages.filter((p) => p.path !== CONSOLE_PREFIX && !p.path.startsWith(`${CONSOLE_PREFIX}/`));
}

/** `/console/users/:id` → `console-users-id`; `/` → `home`. */
export function pageName(path: string): string {
  return path.replace(/[/:]+/g, '-').replace(/^-|-$/g, '') || 'home';
}

/** A `returnTo` the pages follow: a path on this server only (apps' origins are for the API). */
export function localReturn(target: string | null | undefined, fallback: string): string {
  return safeRedirect(target ?? undefined, [], fallback);
}

export function createPageServer(options: PageServerOptions): PageServer {
  const { refusal, operations, settings, logger, allowed, fixedOrigin, isTrustedProxy, cookies } = options;
  const pages = servedPages(options.pages, settings);
  const exact = new Map<string, PageRoute>();
  const patterns: Array<{ regex: RegExp; names: string[]; page: PageRoute }> = [];
  for (const page of pages) {
    if (!page.path.includes(':')) exact.set(page.path, page);
    else
      patterns.push({
        regex: new RegExp(`^${page.path.replace(/:(\w+)/g, '([^/]+)')}$`),
        names: [...page.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        page,
      });
  }
  const resumePath = `${settings.basePath}/refresh/resume`;
  const resume: PageRoute = { path: resumePath, show: () => ({ kind: 'redirect', location: '/' }) };
  const assetPrefix = `${settings.basePath}/assets/`;
  const assetPages = new Map<string, PageRoute>();
  const assetOf = new Map<PageRoute, PageAsset>();
  for (const [name, asset] of Object.entries(options.assets)) {
    const route: PageRoute = {
      path: `${assetPrefix}${name}`,
      show: () => ({ kind: 'redirect', location: '/' }),
    };
    assetPages.set(route.path, route);
    assetOf.set(route, asset);
  }

  function find(path: string): PageMatch | undefined {
    if (pages.length === 0) return undefined;
    if (path === resumePath) return { page: resume, params: {} };
    const asset = assetPages.get(path);
    if (asset) return { page: asset, params: {} };
    const page = exact.get(path);
    if (page) return { page, params: {} };
    for (const p of patterns) {
      const m = p.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        p.names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1]!);
        });
      } catch {
        return undefined;
      }
      return { page: p.page, params };
    }
    return undefined;
  }

  /** The live session behind the access cookie, or undefined (no cookie, expired, ended). */
  async function signedInAs(ops: Operations, token: string | undefined): Promise<PageSession | undefined> {
    if (!token) return undefined;
    try {
      const { session, user } = await ops.getSignedIn(token);
      return { accessToken: token, user, session };
    } catch (error) {
      if (isGatehouseError(error) && error.code !== 'INTERNAL' && error.code !== 'UNAVAILABLE')
        return undefined;
      throw error;
    }
  }

  /** `{basePath}/refresh/resume`: the refresh cookie turned into new cookies, then back to the page. */
  async function resumeSession(
    ops: Operations,
    request: IncomingRequest,
    view: PageView,
    headers: ReplyHeaders,
  ) {
    const names = cookies(request);
    const back = localReturn(view.query.get('returnTo'), '/');
    const token = readCookie(request, names.refresh);
    if (!token && request.header('sec-fetch-site') === 'cross-site' && !view.query.has('again')) {
      // The refresh cookie is SameSite=Strict: a browser that a link on another site (a mail
      // read on the web) sent here, through however many of our redirects, holds it back. A
      // navigation this response starts itself is same-origin, and brings the cookie along.
      headers.set('refresh', `0;url=${resumePath}?returnTo=${encodeURIComponent(back)}&again=1`);
      return htmlPage(200, '', headers, view.nonce, settings);
    }
    if (token) {
      try {
        const result = await ops.refresh(token);
        setTokenCookies(headers, names, result, {
          access: result.expiresIn,
          refresh: settings.sessionAbsoluteTtl,
        });
        return seeOther(back, headers);
      } catch (error) {
        if (!isGatehouseError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
          throw error;
        clearTokenCookies(headers, names);
      }
    }
    return seeOther(`${options.signInPath}?returnTo=${encodeURIComponent(back)}`, headers);
  }

  async function answer(
    match: PageMatch,
    request: IncomingRequest,
    context: RequestContext,
    view: PageView,
    ops: Operations,
    formCookie: string,
    headers: ReplyHeaders,
  ): Promise<PageReply> {
    const { page } = match;
    const ip = clientIp(context.ip, request.header('x-forwarded-for'), isTrustedProxy);
    const client = { ip, userAgent: request.header('user-agent') ?? null, locale: view.locale };
    if ((page.access === 'user' || page.access === 'operator') && !view.signedIn) {
      const here = request.target;
      return { kind: 'redirect', location: `${resumePath}?returnTo=${encodeURIComponent(here)}` };
    }
    if (page.access === 'operator' && view.signedIn) {
      const write = request.method !== 'GET' && request.method !== 'HEAD';
      const operator = await ops.resolveOperator(view.signedIn.accessToken, {
        permission: page.admin?.permission ?? 'users:read',
        write,
        ...(page.admin?.tenant ? { tenant: true } : {}),
      });
      const actor = { id: operator.user.id, via: 'console' } as const;
      return ops.asActor(actor, () =>
        answerAs(page, request, { ...view, operator }, ops, client, formCookie, headers),
      );
    }
    // A session an operator started as the user: what the pages do in it is the operator's, as in the API.
    const impersonator = view.signedIn?.session.impersonatorId;
    if (impersonator) {
      const actor = { id: impersonator, via: 'impersonation' } as const;
      return ops.asActor(actor, () => answerAs(page, request, view, ops, client, formCookie, headers));
    }
    return answerAs(page, request, view, ops, client, formCookie, headers);
  }

  async function answerAs(
    page: PageRoute,
    request: IncomingRequest,
    view: PageView,
    ops: Operations,
    client: ClientInfo,
    formCookie: string,
    headers: ReplyHeaders,
  ): Promise<PageReply> {
    const ip = client.ip ?? null;
    if (request.method === 'GET' || request.method === 'HEAD') return page.show({ ...view, ops, client });
    if (request.method !== 'POST' || !page.submit) {
      headers.set('allow', page.submit ? 'GET, HEAD, POST' : 'GET, HEAD');
      throw new GatehouseError('METHOD_NOT_ALLOWED', `Use ${headers.get('allow')}`);
    }
    checkSameOrigin((name) => request.header(name), fixedOrigin ?? request.origin, allowed);
    if (page.hashes && ops.hashingSaturated()) {
      throw new GatehouseError('UNAVAILABLE', 'The server is busy; try again shortly', {
        retryAfterSeconds: 1,
      });
    }
    const form = await readFormBody(request, settings.bodyLimit);
    const limitedAs = typeof page.limitedAs === 'function' ? page.limitedAs(form) : page.limitedAs;
    if (limitedAs) await ops.limitRoute(limitedAs, limitKey(ip));
    const token = form.get('csrf') ?? '';
    if (!ops.formTokens().check(token, formCookie, view.signedIn?.session.id)) {
      throw new GatehouseError('FORM_EXPIRED', 'The form has expired; load the page again and resend it');
    }
    return page.submit({ ...view, ops, form, client });
  }

  return {
    find,
    async serve(match, request, context, headers) {
      const { page } = match;
      if (request.method === 'OPTIONS') {
        headers.set('allow', page.submit ? 'GET, HEAD, POST, OPTIONS' : 'GET, HEAD, OPTIONS');
        return noContent(headers);
      }
      const asset = assetOf.get(page);
      if (asset) {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          headers.set('allow', 'GET, HEAD');
          throw new GatehouseError('METHOD_NOT_ALLOWED', 'Use GET, HEAD');
        }
        headers.set('content-type', asset.contentType);
        headers.set('cache-control', 'public, max-age=300');
        return { status: 200, headers, body: asset.body };
      }
      const q = request.target.indexOf('?');
      const names = cookies(request);
      let view: PageView = {
        settings,
        query: new URLSearchParams(q === -1 ? '' : request.target.slice(q + 1)),
        // Unpredictable per response, so injected markup could not carry a valid one.
        nonce: randomBytes(18).toString('base64'),
        path: q === -1 ? request.target : request.target.slice(0, q),
        name: pageName(page.path),
        params: match.params,
        locale: pickLocale(null, request.header('accept-language')),
        csrf: '',
        signedIn: undefined,
      };
      let reply: PageReply;
      try {
        let ops: Operations;
        try {
          ops = await operations;
        } catch (cause) {
          // The instance did not start (its error is logged where it happened): nothing to serve.
          throw new GatehouseError('UNAVAILABLE', 'The service is not available', {}, { cause });
        }
        if (page === resume) {
          // A browser only ever comes here by following a redirect.
          if (request.method !== 'GET' && request.method !== 'HEAD') {
            headers.set('allow', 'GET, HEAD');
            throw new GatehouseError('METHOD_NOT_ALLOWED', 'Use GET, HEAD');
          }
          return await resumeSession(ops, request, view, headers);
        }
        let formCookie = readCookie(request, formCookieName(names));
        if (!formCookie || !FORM_COOKIE.test(formCookie)) {
          formCookie = randomBytes(32).toString('base64url');
          headers.appendCookie(
            `${formCookieName(names)}=${formCookie}; Path=/; HttpOnly; SameSite=Lax${names.secure ? '; Secure' : ''}`,
          );
        }
        const signedIn = await signedInAs(ops, readCookie(request, names.access));
        view = {
          ...view,
          signedIn,
          locale: pickLocale(signedIn?.user.locale, request.header('accept-language')),
          csrf: ops.formTokens().issue(formCookie, signedIn?.session.id),
        };
        reply = await answer(match, request, context, view, ops, formCookie, headers);
      } catch (error) {
        const requestId = headers.get('x-request-id') ?? '';
        const expected = isGatehouseError(error) && error.code !== 'INTERNAL' ? error : undefined;
        if (!expected) logger.error({ requestId, err: describeBug(error) }, 'unhandled error');
        else options.logUnavailable?.(expected, requestId);
        const retryAfter = expected?.details.retryAfterSeconds;
        if (retryAfter !== undefined) headers.set('retry-after', String(retryAfter));
        const refused = expected ?? new GatehouseError('INTERNAL', 'Internal error');
        try {
          reply = refusal(view, refused, requestId);
        } catch (failure) {
          // The refusal itself failed (an operator's template it could not read): say it in
          // Gatehouse's own document rather than not at all.
          logger.error({ requestId, err: describeBug(failure) }, 'the refusal page failed');
          const plain = { ...settings, pages: { ...settings.pages, templatesDir: undefined } };
          reply = refusal({ ...view, settings: plain }, refused, requestId);
        }
      }
      if (reply.kind === 'redirect') {
        if (reply.signedIn) {
          setTokenCookies(headers, names, reply.signedIn, {
            access: reply.signedIn.expiresIn,
            refresh: settings.sessionAbsoluteTtl,
          });
        }
        if (reply.accessToken)
          setAccessCookie(headers, names, reply.accessToken.token, reply.accessToken.expiresIn);
        if (reply.signedOut) clearTokenCookies(headers, names);
        return seeOther(reply.location, headers);
      }
      if (reply.kind === 'file') {
        headers.set('content-type', reply.contentType);
        headers.set(
          'content-disposition',
          `attachment; filename="${reply.filename.replace(/[^\w.-]/g, '_')}"`,
        );
        headers.set('cache-control', 'no-store');
        return { status: 200, headers, body: reply.body };
      }
      if (reply.accessToken)
        setAccessCookie(headers, names, reply.accessToken.token, reply.accessToken.expiresIn);
      return htmlPage(reply.status, reply.html, headers, view.nonce, settings);
    },
  };
}
