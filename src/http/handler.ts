/**
 * The HTTP core. Routes by method and path, answers CORS preflights, reads and validates bodies,
 * finds the caller's token and admits it (bearer routing by prefix, the token's app, a personal
 * access token's scope), applies the CSRF rule to cookie-authenticated state changes, puts the
 * security and CORS headers on every reply, and turns every thrown
 * `GatehouseError` into `{ error: { code, message } }` with its status. Anything else is a bug:
 * logged, and answered with a bare 500. The server-rendered pages (`pages.enabled`) are served
 * beside the JSON routes by `pages.ts`, which answers its errors as pages. `respond` serves an
 * `IncomingRequest` (what adapters use); `handler` is the same core as a Web-standard
 * `(Request) => Promise<Response>`.
 */

import { randomUUID } from 'node:crypto';
import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { validationIssues } from '../core/validation-issues.js';
import { classifyBearer } from '../crypto/pat-token.js';
import { type Caller, checkTokenApp } from '../services/access/resolve-caller.js';
import type { Actor } from '../services/events/actor.js';
import type { Operations } from '../services/operations.js';
import { clientIp, limitKey, trustedProxies } from './client-address.js';
import { type CookieNames, cookieNames, readBearer, readCookie, wantsCookies } from './cookies.js';
import { createCors } from './cors.js';
import {
  fromWebRequest,
  type IncomingRequest,
  type Reply,
  ReplyHeaders,
  StreamedBody,
  toWebResponse,
} from './exchange.js';
import { openApiDocument } from './openapi.js';
import { allowedOrigins, checkSameOrigin } from './origin-check.js';
import { createPageServer, type PageAsset, type PageRefusal } from './pages.js';
import { readJsonBody } from './read-body.js';
import { describeBug, errorReply, json, noContent } from './respond.js';
import type { PageRoute, Route } from './route.js';
import { ROUTES } from './routes/index.js';
import { securityHeaders } from './security-headers.js';
import { unavailableLog } from './unavailable-log.js';

/** What an adapter knows about a request beyond the request itself. */
export interface RequestContext {
  /** The client's address as the socket saw it. */
  readonly ip?: string | null;
  /** A request id chosen by the caller (e.g. for its own logs); otherwise one is made. */
  readonly requestId?: string;
}

export interface HttpCore {
  respond(request: IncomingRequest, context?: RequestContext): Promise<Reply>;
  handler(request: Request, context?: RequestContext): Promise<Response>;
}

interface Match {
  readonly route: Route;
  readonly params: Record<string, string>;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * The server-rendered pages served beside the JSON API (from `ui/`, handed in by the facade so
 * that `http/` does not reach up into the layer above it).
 */
export interface PageSet {
  readonly pages: readonly PageRoute[];
  /** `GET /` while the pages are on. */
  readonly home: Route;
  /** The page that answers a refused or failed page request. */
  readonly refusal: PageRefusal;
  /** Where the pages send someone to sign in. */
  readonly signInPath: string;
  /** Static files the pages load, by name. */
  readonly assets: Readonly<Record<string, PageAsset>>;
}

export function createHttpCore(
  operations: Promise<Operations>,
  settings: ResolvedSettings,
  logger: Logger,
  pageSet?: PageSet,
): HttpCore {
  const fullPath = (r: Route) => (r.absolute ? r.path : `${settings.basePath}${r.path}`);
  const exact = new Map<string, Route[]>();
  const patterns: Array<{ regex: RegExp; names: string[]; route: Route }> = [];
  // `GET /` is Gatehouse's only with the pages on, and not part of the API's OpenAPI document.
  const withPages = settings.pages.enabled && pageSet !== undefined;
  for (const route of withPages ? [...ROUTES, pageSet.home] : ROUTES) {
    const path = fullPath(route);
    if (path.includes(':')) {
      const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      patterns.push({ regex: new RegExp(`^${path.replace(/:(\w+)/g, '([^/]+)')}$`), names, route });
    } else {
      exact.set(path, [...(exact.get(path) ?? []), route]);
    }
  }
  const openapiPath = `${settings.basePath}/openapi.json`;
  let openapi: Record<string, unknown> | undefined;
  const allowed = allowedOrigins(settings);
  const securityHeadersFor = securityHeaders(settings.baseUrl);
  // Apps add their own origins; before the instance has started there are none.
  const cors = createCors(settings.corsOrigins, () => operations.then((ops) => ops.appCorsOrigins()));
  const fixedOrigin = settings.baseUrl ? new URL(settings.baseUrl).origin : undefined;
  const isTrustedProxy = trustedProxies(settings.trustedProxies);
  const fixedCookies = settings.baseUrl
    ? cookieNames(new URL(settings.baseUrl), settings.basePath, settings.cookies)
    : undefined;

  const logUnavailable = unavailableLog(logger);
  const pages = createPageServer({
    pages: withPages ? pageSet.pages : [],
    refusal: pageSet?.refusal ?? (() => ({ kind: 'page', status: 500, html: '' })),
    signInPath: pageSet?.signInPath ?? '/',
    assets: withPages ? pageSet.assets : {},
    operations,
    settings,
    logger,
    logUnavailable,
    allowed,
    fixedOrigin,
    isTrustedProxy,
    cookies: (request) => fixedCookies ?? cookiesFor(request.origin),
  });

  const cookiesByOrigin = new Map<string, CookieNames>();
  function cookiesFor(origin: string): CookieNames {
    let names = cookiesByOrigin.get(origin);
    if (!names) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new GatehouseError('VALIDATION_ERROR', 'The Host header is malformed');
      }
      names = cookieNames(url, settings.basePath, settings.cookies);
      // Host headers are client-chosen: keep the cache small rather than let it grow.
      if (cookiesByOrigin.size > 32) cookiesByOrigin.clear();
      cookiesByOrigin.set(origin, names);
    }
    return names;
  }

  function match(method: string, path: string): Match | Route[] {
    const candidates = [...(exact.get(path) ?? [])];
    const params: Record<string, string> = {};
    for (const p of patterns) {
      const m = p.regex.exec(path);
      if (!m) continue;
      if (p.route.method === method) {
        p.names.forEach((name, i) => {
          params[name] = decodeParam(m[i + 1]!);
        });
        return { route: p.route, params };
      }
      candidates.push(p.route);
    }
    const route = candidates.find((r) => r.method === method);
    return route ? { route, params } : candidates;
  }

  /** `OPTIONS` on a known path: 204 with `Allow`, plus the preflight grant for an allowed origin. */
  async function options(request: IncomingRequest, path: string, headers: ReplyHeaders): Promise<Reply> {
    // No route answers OPTIONS itself, so `match` gives every route at the path.
    const allow = path === openapiPath ? 'GET' : methodsOf(match('OPTIONS', path) as Route[]);
    if (!allow) throw new GatehouseError('NOT_FOUND', 'No such endpoint');
    headers.set('allow', `${allow}, OPTIONS`);
    await cors.preflight(request, headers);
    return noContent(headers);
  }

  async function dispatch(
    request: IncomingRequest,
    context: RequestContext,
    headers: ReplyHeaders,
  ): Promise<Reply> {
    const query = request.target.indexOf('?');
    const path = query === -1 ? request.target : request.target.slice(0, query);
    const page = pages.find(path);
    if (page) return pages.serve(page, request, context, headers);
    if (request.method === 'OPTIONS') return options(request, path, headers);
    if (request.method === 'GET' && path === openapiPath) {
      openapi ??= openApiDocument(ROUTES, settings);
      return json(200, openapi, headers, 'public, max-age=300');
    }
    const found = match(request.method, path);
    if (Array.isArray(found)) {
      if (found.length === 0) throw new GatehouseError('NOT_FOUND', 'No such endpoint');
      const allow = methodsOf(found);
      headers.set('allow', allow);
      throw new GatehouseError('METHOD_NOT_ALLOWED', `Use ${allow}`);
    }
    const { route, params } = found;
    const cookies = fixedCookies ?? cookiesFor(request.origin);
    const cookieTransport = wantsCookies(request);
    const bearer = readBearer(request.header('authorization'));
    const cookieToken = bearer === undefined ? readCookie(request, cookies.access) : undefined;
    const refreshCookie = route.bodyOptional ? readCookie(request, cookies.refresh) : undefined;
    const usesCookies = cookieTransport || cookieToken !== undefined || refreshCookie !== undefined;
    if (request.method !== 'GET' && usesCookies) {
      checkSameOrigin((name) => request.header(name), fixedOrigin ?? request.origin, allowed);
    }

    // Liveness must not wait for the database; every other route needs a started instance.
    const ops = route.withoutStartup ? (undefined as unknown as Operations) : await operations;
    const ip = clientIp(context.ip, request.header('x-forwarded-for'), isTrustedProxy);
    // Overload: while every hashing slot and the queue are taken, a route that would hash is
    // refused before it costs anything else.
    if (route.hashes && ops.hashingSaturated()) {
      throw new GatehouseError('UNAVAILABLE', 'The server is busy; try again shortly', {
        retryAfterSeconds: 1,
      });
    }
    // Credential and mail routes count against the client's limits before any other work.
    if (route.limited) await ops.limitRoute(route.operationId, limitKey(ip));

    const accessToken = bearer ?? cookieToken;
    if ((route.auth || route.admin) && !accessToken) {
      headers.set('www-authenticate', 'Bearer');
      throw new GatehouseError('INVALID_TOKEN', 'Send an access token: Authorization: Bearer <token>');
    }
    const app = request.header('gatehouse-app') ?? null;
    const admitted = route.auth ? await admitBearer(ops, route, accessToken as string, app) : NOBODY;
    const caller = admitted.caller;
    // The admin API admits a bearer at the app it was issued for (the console, or the app a
    // tenant admin runs), whatever app the request names.
    const operator = route.admin
      ? await ops.resolveOperator(accessToken as string, { ...route.admin, write: route.method !== 'GET' })
      : null;
    const queryParams = route.query ? readQuery(route.query, request.target) : undefined;
    let body: unknown;
    if (route.body && !(route.bodyOptional && !request.hasBody)) {
      const parsed = route.body.safeParse(await readJsonBody(request, settings.bodyLimit));
      if (!parsed.success) {
        const issues = validationIssues(parsed.error);
        throw new GatehouseError('VALIDATION_ERROR', 'The request body is not valid', { issues });
      }
      body = parsed.data;
    }
    let status = route.status;
    const handle = () =>
      route.handle({
        request,
        ops,
        settings,
        client: { ip, userAgent: request.header('user-agent') ?? null, app },
        params,
        headers,
        cookies,
        cookieTransport,
        body,
        accessToken: accessToken ?? '',
        caller,
        operator,
        query: queryParams,
        setStatus: (code) => {
          status = code;
        },
      });
    // An operator acts through the admin API, or inside a session they started as the user: every
    // event the route emits names them as the actor.
    const actor: Actor | null = operator ? { id: operator.user.id, via: 'admin_api' } : admitted.actor;
    const result = actor ? await ops.asActor(actor, handle) : await handle();
    if (result instanceof StreamedBody) return streamed(result, headers);
    return json(status, result, headers, route.cacheable);
  }

  async function respond(request: IncomingRequest, context: RequestContext = {}): Promise<Reply> {
    const given = context.requestId ?? request.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const headers = new ReplyHeaders();
    headers.set('x-request-id', requestId);
    Object.assign(headers.values, securityHeadersFor(request.origin));
    try {
      await cors.decorate(request, headers);
      return await dispatch(request, context, headers);
    } catch (error) {
      if (isGatehouseError(error) && error.code !== 'INTERNAL') {
        logUnavailable(error, requestId);
        return errorReply(error, headers);
      }
      logger.error({ requestId, err: describeBug(error) }, 'unhandled error');
      return errorReply(new GatehouseError('INTERNAL', `Internal error (request ${requestId})`), headers);
    }
  }

  return {
    respond,
    async handler(request, context) {
      return toWebResponse(await respond(fromWebRequest(request), context));
    },
  };
}

/**
 * Lets a bearer into an `auth` route, or throws. Routed by prefix: a personal access token is
 * verified in full (an invalid one is 401) and then needs the route's `patScope` (else 403
 * `INSUFFICIENT_SCOPE`: a PAT never reaches a session-only route); anything else is a session's
 * access token, checked here from its claims alone (cached after the first request, so the hot
 * path gains no database read) — the route's operation checks the session itself. Either way the
 * token must be for the app the request names (`Gatehouse-App`, else the default app): 401
 * otherwise. A session token whose claims carry `act` (a session an operator started as the
 * user) names that operator as the actor, from the same claims.
 */
async function admitBearer(
  ops: Operations,
  route: Route,
  token: string,
  app: string | null,
): Promise<Admitted> {
  if (classifyBearer(token) === 'session') {
    const claims = await ops.verifyAccessToken(token);
    checkTokenApp(claims.app, app);
    return { caller: null, actor: claims.act ? { id: claims.act.sub, via: 'impersonation' } : null };
  }
  const caller = await ops.resolveCaller(token, { app });
  await ops.authorize(caller, route.patScope === undefined ? {} : { scope: route.patScope });
  return { caller, actor: null };
}

interface Admitted {
  /** A personal access token's caller; null for a session's access token. */
  readonly caller: Caller | null;
  /** The operator behind an impersonated session's token (`act`), else null. */
  readonly actor: Actor | null;
}

const NOBODY: Admitted = { caller: null, actor: null };

/** The query string read against a route's schema: 400 `VALIDATION_ERROR` naming the bad parameter. */
function readQuery(schema: NonNullable<Route['query']>, target: string): unknown {
  const at = target.indexOf('?');
  const search = new URLSearchParams(at === -1 ? '' : target.slice(at + 1));
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (!parsed.success) {
    const issues = validationIssues(parsed.error);
    throw new GatehouseError('VALIDATION_ERROR', 'The query string is not valid', { issues });
  }
  return parsed.data;
}

function streamed(body: StreamedBody, headers: ReplyHeaders): Reply {
  headers.set('content-type', body.contentType);
  headers.set('cache-control', 'no-store');
  if (body.filename) headers.set('content-disposition', `attachment; filename="${body.filename}"`);
  return { status: 200, headers, body: body.chunks };
}

function methodsOf(routes: readonly Route[]): string {
  return [...new Set(routes.map((r) => r.method))].join(', ');
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
