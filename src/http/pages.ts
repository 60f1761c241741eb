/**
 * Serves the server-rendered pages (`src/ui/`) inside the HTTP core. `GET` (and `HEAD`) shows a
 * page and changes nothing. `POST` submits its form: the same CSRF rule as cookie-authenticated
 * API calls, the same limits as the JSON route it stands for, the body read with the same size
 * cap — then the page calls the operation and answers with a page or a 303. Every page carries
 * a CSP with a nonce made for that response. Whatever goes wrong answers as a page with the
 * error's status; a bug is logged and answered 500, as in the API.
 */
import { randomBytes } from 'node:crypto';
import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Operations } from '../services/operations.js';
import { clientIp, limitKey, type TrustedProxies } from './client-address.js';
import { type CookieNames, setTokenCookies } from './cookies.js';
import type { IncomingRequest, Reply, ReplyHeaders } from './exchange.js';
import type { RequestContext } from './handler.js';
import { checkSameOrigin } from './origin-check.js';
import { readFormBody } from './read-body.js';
import { describeBug, htmlPage, noContent, seeOther } from './respond.js';
import type { PageReply, PageRoute, PageView } from './route.js';

export interface PageServerOptions {
  /** The pages to serve (none when `pages.enabled` is off). */
  readonly pages: readonly PageRoute[];
  readonly refusal: PageRefusal;
  readonly operations: Promise<Operations>;
  readonly settings: ResolvedSettings;
  readonly logger: Logger;
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

export interface PageServer {
  /** The page at `path`, when pages are on and one is there. */
  find(path: string): PageRoute | undefined;
  serve(
    page: PageRoute,
    request: IncomingRequest,
    context: RequestContext,
    headers: ReplyHeaders,
  ): Promise<Reply>;
}

export function createPageServer(options: PageServerOptions): PageServer {
  const { pages, refusal, operations, settings, logger, allowed, fixedOrigin, isTrustedProxy, cookies } =
    options;
  const byPath = new Map(pages.map((p) => [p.path, p]));

  async function submit(
    page: PageRoute,
    handle: NonNullable<PageRoute['submit']>,
    request: IncomingRequest,
    context: RequestContext,
    view: PageView,
  ): Promise<PageReply> {
    checkSameOrigin((name) => request.header(name), fixedOrigin ?? request.origin, allowed);
    let ops: Operations;
    try {
      ops = await operations;
    } catch (cause) {
      // The instance did not start (its error is logged where it happened): nothing to submit to.
      throw new GatehouseError('UNAVAILABLE', 'The service is not available', {}, { cause });
    }
    if (page.hashes && ops.hashingSaturated()) {
      throw new GatehouseError('UNAVAILABLE', 'The server is busy; try again shortly', {
        retryAfterSeconds: 1,
      });
    }
    const ip = clientIp(context.ip, request.header('x-forwarded-for'), isTrustedProxy);
    if (page.limitedAs) await ops.limitRoute(page.limitedAs, limitKey(ip));
    const form = await readFormBody(request, settings.bodyLimit);
    return handle({ ...view, ops, form, client: { ip, userAgent: request.header('user-agent') ?? null } });
  }

  async function answer(
    page: PageRoute,
    request: IncomingRequest,
    context: RequestContext,
    view: PageView,
    headers: ReplyHeaders,
  ): Promise<PageReply> {
    if (request.method === 'GET' || request.method === 'HEAD') return page.show(view);
    if (request.method === 'POST' && page.submit) return submit(page, page.submit, request, context, view);
    headers.set('allow', page.submit ? 'GET, HEAD, POST' : 'GET, HEAD');
    throw new GatehouseError('METHOD_NOT_ALLOWED', `Use ${headers.get('allow')}`);
  }

  return {
    find: (path) => byPath.get(path),
    async serve(page, request, context, headers) {
      if (request.method === 'OPTIONS') {
        headers.set('allow', page.submit ? 'GET, HEAD, POST, OPTIONS' : 'GET, HEAD, OPTIONS');
        return noContent(headers);
      }
      const query = request.target.indexOf('?');
      const view: PageView = {
        settings,
        query: new URLSearchParams(query === -1 ? '' : request.target.slice(query + 1)),
        // Unpredictable per response, so injected markup could not carry a valid one.
        nonce: randomBytes(18).toString('base64'),
      };
      let reply: PageReply;
      try {
        reply = await answer(page, request, context, view, headers);
      } catch (error) {
        const requestId = headers.get('x-request-id') ?? '';
        const expected = isGatehouseError(error) && error.code !== 'INTERNAL' ? error : undefined;
        if (!expected) logger.error({ requestId, err: describeBug(error) }, 'unhandled error');
        const retryAfter = expected?.details.retryAfterSeconds;
        if (retryAfter !== undefined) headers.set('retry-after', String(retryAfter));
        reply = refusal(view, expected ?? new GatehouseError('INTERNAL', 'Internal error'), requestId);
      }
      if (reply.kind === 'redirect') {
        if (reply.signedIn) {
          setTokenCookies(headers, cookies(request), reply.signedIn, {
            access: reply.signedIn.expiresIn,
            refresh: settings.sessionAbsoluteTtl,
          });
        }
        return seeOther(reply.location, headers);
      }
      return htmlPage(reply.status, reply.html, headers, view.nonce);
    },
  };
}
