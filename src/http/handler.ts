/**
 * The Web-standard core: `(Request) => Promise<Response>`. Routes by method and path, reads and
 * validates bodies, finds the caller's token, applies the CSRF rule to cookie-authenticated
 * state changes, and turns every thrown `GatehouseError` into `{ error: { code, message } }`
 * with its status. Anything else is a bug: logged, and answered with a bare 500.
 */
import { randomUUID } from 'node:crypto';
import type { ResolvedSettings } from '../core/config.js';
import { GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Operations } from '../services/operations.js';
import { cookieNames, readBearer, readCookie, wantsCookies } from './cookies.js';
import { openApiDocument } from './openapi.js';
import { checkSameOrigin } from './origin-check.js';
import { hasNoBody, readJsonBody } from './read-body.js';
import { errorResponse, json } from './respond.js';
import type { Route } from './route.js';
import { ROUTES } from './routes/index.js';

/** What an adapter knows about a request beyond the `Request` itself. */
export interface RequestContext {
  /** The client's address as the socket saw it. */
  readonly ip?: string | null;
}

interface Match {
  readonly route: Route;
  readonly params: Record<string, string>;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

export function createHandler(
  operations: Promise<Operations>,
  settings: ResolvedSettings,
  logger: Logger,
): (request: Request, context?: RequestContext) => Promise<Response> {
  const fullPath = (r: Route) => (r.absolute ? r.path : `${settings.basePath}${r.path}`);
  const exact = new Map<string, Route[]>();
  const patterns: Array<{ regex: RegExp; names: string[]; route: Route }> = [];
  for (const route of ROUTES) {
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
  const trusted = new Set(settings.trustedOrigins.map((o) => new URL(o).origin));
  const fixedOrigin = settings.baseUrl ? new URL(settings.baseUrl) : undefined;
  const fixedCookies = fixedOrigin ? cookieNames(fixedOrigin, settings.basePath) : undefined;

  function match(method: string, path: string): Match | Route[] {
    const candidates = exact.get(path) ?? [];
    for (const p of patterns) {
      const m = p.regex.exec(path);
      if (m) candidates.push(p.route);
    }
    const route = candidates.find((r) => r.method === method);
    if (!route) return candidates;
    const pattern = patterns.find((p) => p.route === route);
    const params: Record<string, string> = {};
    if (pattern) {
      const m = pattern.regex.exec(path)!;
      pattern.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]!);
      });
    }
    return { route, params };
  }

  async function dispatch(request: Request, context: RequestContext, headers: Headers): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === openapiPath) {
      openapi ??= openApiDocument(ROUTES, settings);
      return json(200, openapi, { headers, cacheable: 'public, max-age=300' });
    }
    const found = match(request.method, url.pathname);
    if (Array.isArray(found)) {
      if (found.length === 0) throw new GatehouseError('NOT_FOUND', 'No such endpoint');
      headers.set('allow', [...new Set(found.map((r) => r.method))].join(', '));
      throw new GatehouseError('METHOD_NOT_ALLOWED', `Use ${headers.get('allow')}`);
    }
    const { route, params } = found;
    const origin = fixedOrigin ?? url;
    const cookies = fixedCookies ?? cookieNames(url, settings.basePath);
    const cookieTransport = wantsCookies(request);
    const bearer = readBearer(request.headers.get('authorization'));
    const cookieToken = bearer === undefined ? readCookie(request, cookies.access) : undefined;
    const refreshCookie = route.bodyOptional ? readCookie(request, cookies.refresh) : undefined;
    const usesCookies = cookieTransport || cookieToken !== undefined || refreshCookie !== undefined;
    if (request.method !== 'GET' && usesCookies) {
      checkSameOrigin((name) => request.headers.get(name), origin.origin, trusted);
    }

    const accessToken = bearer ?? cookieToken;
    if (route.auth && !accessToken) {
      headers.set('www-authenticate', 'Bearer');
      throw new GatehouseError('INVALID_TOKEN', 'Send an access token: Authorization: Bearer <token>');
    }
    let body: unknown;
    if (route.body && !(route.bodyOptional && hasNoBody(request))) {
      const parsed = route.body.safeParse(await readJsonBody(request, settings.bodyLimit));
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new GatehouseError('VALIDATION_ERROR', 'The request body is not valid', { issues });
      }
      body = parsed.data;
    }
    // Liveness must not wait for the database; every other route needs a started instance.
    const ops = route.withoutStartup ? (undefined as unknown as Operations) : await operations;
    const result = await route.handle({
      request,
      ops,
      settings,
      client: { ip: context.ip ?? null, userAgent: request.headers.get('user-agent') },
      params,
      headers,
      cookies,
      cookieTransport,
      body,
      accessToken: accessToken ?? '',
    });
    return json(
      route.status,
      result,
      route.cacheable ? { headers, cacheable: route.cacheable } : { headers },
    );
  }

  return async function handler(request, context = {}) {
    const given = request.headers.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const headers = new Headers({ 'x-request-id': requestId });
    try {
      return await dispatch(request, context, headers);
    } catch (error) {
      if (isGatehouseError(error) && error.code !== 'INTERNAL') return errorResponse(error, headers);
      logger.error({ requestId, err: describeBug(error) }, 'unhandled error');
      return errorResponse(new GatehouseError('INTERNAL', `Internal error (request ${requestId})`), headers);
    }
  };
}

// Only the shape of a bug reaches the log: name, message and stack, never the request.
function describeBug(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
