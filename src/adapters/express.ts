/**
 * `gatehouse-auth/express`: serve Gatehouse from an Express 5 app and guard the app's own routes with it.
 *
 * @example
 * import express from 'express';
 * import { createGatehouse } from 'gatehouse-auth';
 * import { gatehouseRouter, requireUser, signedIn } from 'gatehouse-auth/express';
 * const gatehouse = createGatehouse();
 * const app = express();
 * app.use(gatehouseRouter(gatehouse));
 * app.get('/api/me', requireUser(gatehouse), (req, res) => { res.json(signedIn(req).user); });
 */
import type { ErrorRequestHandler, Request as Req, RequestHandler } from 'express';
import { type ErrorCode, GatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { errorResponse } from '../http/respond.js';
import { ROUTES } from '../http/routes/index.js';
import { embeddedPagePaths } from '../ui/routes.js';
import {
  authenticateOptional,
  authorizeRequest,
  type GuardOptions,
  type GuardRequirement,
  guardRequirement,
  type Refusal,
  type SignedIn,
} from './authenticate.js';
import { toWebRequest, writeWebResponse } from './node.js';

declare global {
  namespace Express {
    interface Request {
      /** The caller, set by every guard (and by `optionalUser` when signed in). */
      gatehouse?: SignedIn;
    }
  }
}

const ABSOLUTE_PATHS = new Set(ROUTES.filter((r) => r.absolute).map((r) => r.path));

const BODY_ERRORS = new Map<unknown, [ErrorCode, string]>([
  ['entity.parse.failed', ['VALIDATION_ERROR', 'The body is not valid JSON']],
  ['entity.too.large', ['PAYLOAD_TOO_LARGE', 'The body is too large']],
]);

/**
 * Middleware for `app.use` at the app root: serves Gatehouse's paths (`basePath/*`, the JWKS,
 * health checks, and the pages unless `pages.enabled` is off), passes everything else on — `/`
 * included. Works before or after a body parser: a parsed body
 * is re-serialised, an unread one is read with Gatehouse's own size limit, and the parser's
 * errors on Gatehouse's paths become the API's JSON errors rather than Express's HTML page.
 */
export function gatehouseRouter(gatehouse: Gatehouse): [RequestHandler, ErrorRequestHandler] {
  const { basePath } = gatehouse.settings;
  const pages = embeddedPagePaths(gatehouse.settings);
  const exact = new Set([...ABSOLUTE_PATHS, ...pages.filter((p) => !p.includes(':'))]);
  // A page path's `:name` segment matches one (still encoded) segment, as in Gatehouse itself.
  const patterns = pages
    .filter((p) => p.includes(':'))
    .map((p) => new RegExp(`^${p.replace(/:\w+/g, '[^/]+')}$`));
  const owns = (req: Req) => {
    const path = req.originalUrl.split('?', 1)[0]!;
    return (
      path === basePath ||
      path.startsWith(`${basePath}/`) ||
      exact.has(path) ||
      patterns.some((p) => p.test(path))
    );
  };
  const serve: RequestHandler = async (req, res, next) => {
    if (!owns(req)) return next();
    let response: Response;
    try {
      response = await gatehouse.handler(webRequest(req), { ip: req.socket.remoteAddress ?? null });
    } catch {
      response = errorResponse(new GatehouseError('VALIDATION_ERROR', 'Malformed request'));
    }
    // Answered before the body all arrived (a 413, say): close, or its unread rest holds the connection.
    if (req.complete === false) res.setHeader('connection', 'close');
    await writeWebResponse(response, res);
  };
  const onBodyError: ErrorRequestHandler = async (error, req, res, next) => {
    const known = BODY_ERRORS.get(error?.type);
    if (!known || !owns(req) || res.headersSent) return next(error);
    res.setHeader('connection', 'close');
    await writeWebResponse(errorResponse(new GatehouseError(...known)), res);
  };
  return [serve, onBodyError];
}

function webRequest(req: Req): Request {
  req.url = req.originalUrl; // Gatehouse routes on the full path, not what is left of it under a mount
  if (!req.readableEnded || req.method === 'GET' || req.method === 'HEAD') return toWebRequest(req);
  // A body parser has read the stream: rebuild the body from what it parsed.
  const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
  const parsed = req.headers['content-length'] === '0' ? '' : (req.body ?? '');
  const body = typeof parsed === 'object' && !Buffer.isBuffer(parsed) ? reencode(parsed, req) : parsed;
  headers.set('content-length', String(Buffer.byteLength(body)));
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const url = `${protocol}://${req.headers.host ?? 'localhost'}${req.originalUrl}`;
  return new Request(url, { method: req.method, headers, body });
}

// `express.urlencoded()` parsed a page's form: send it on as a form, not as JSON.
function reencode(parsed: object, req: Req): string {
  if (!req.is('application/x-www-form-urlencoded')) return JSON.stringify(parsed);
  return new URLSearchParams(parsed as Record<string, string>).toString();
}

const refuse = (res: Parameters<RequestHandler>[1], refusal: Refusal) =>
  void res.status(refusal.status).set(refusal.headers).send(JSON.stringify(refusal.body));

/** Runs the route only when the request meets `requirement` (read the caller with `signedIn(req)`). */
function guard(gatehouse: Gatehouse, requirement: GuardRequirement): RequestHandler {
  return async (req, res, next) => {
    const request = { method: req.method, header: (name: string) => req.get(name) };
    const auth = await authorizeRequest(gatehouse, request, requirement);
    if (!auth.ok) return refuse(res, auth);
    req.gatehouse = { user: auth.user, session: auth.session, caller: auth.caller };
    next();
  };
}

/** Runs the route only for a signed-in user (read with `signedIn(req)`); others get the API's 401 JSON. */
export function requireUser(gatehouse: Gatehouse, options?: GuardOptions): RequestHandler {
  return guard(gatehouse, options ?? {});
}

/** Only a member holding one of `role` (any of a list), read live; else 403 `INSUFFICIENT_ROLE`. */
export function requireRole(
  gatehouse: Gatehouse,
  role: string | readonly string[],
  options?: GuardOptions,
): RequestHandler {
  return guard(gatehouse, guardRequirement.role(role, options));
}

/** Only a member holding `permission` (a PAT's scopes must grant it too); else 403 `INSUFFICIENT_PERMISSION`. */
export function requirePermission(
  gatehouse: Gatehouse,
  permission: string,
  options?: GuardOptions,
): RequestHandler {
  return guard(gatehouse, guardRequirement.permission(permission, options));
}

/** Only a member on `plan` or a higher one in the app's order; else 403 `INSUFFICIENT_PLAN`. */
export function requirePlan(gatehouse: Gatehouse, plan: string, options?: GuardOptions): RequestHandler {
  return guard(gatehouse, guardRequirement.plan(plan, options));
}

/** A session, or a personal access token holding `scope`; else 403 `INSUFFICIENT_SCOPE`. */
export function requireScope(
  gatehouse: Gatehouse,
  scope: string,
  options?: Omit<GuardOptions, 'scope'>,
): RequestHandler {
  return guard(gatehouse, guardRequirement.scope(scope, options));
}

/**
 * Lets everyone through and attaches the signed-in user when there is one: `req.gatehouse` is
 * set for a live session and left undefined for anonymous requests (no token, or one that no
 * longer works). A cookie-authenticated state change from another origin is still refused.
 */
export function optionalUser(gatehouse: Gatehouse, options?: Pick<GuardOptions, 'app'>): RequestHandler {
  return async (req, res, next) => {
    const request = { method: req.method, header: (name: string) => req.get(name) };
    const auth = await authenticateOptional(gatehouse, request, options);
    if (!auth.ok) return refuse(res, auth);
    if (auth.caller) req.gatehouse = { user: auth.user, session: auth.session, caller: auth.caller };
    next();
  };
}

/** The `{ user, session, caller }` a guard found; throws if the route is not behind one. */
export function signedIn(req: Req): SignedIn {
  if (!req.gatehouse) throw new Error('signedIn(req) needs a guard (requireUser…) before this handler');
  return req.gatehouse;
}
