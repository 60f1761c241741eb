/**
 * `gatehouse-auth/hono`: serve Gatehouse from a Hono 4 app (any runtime) and guard the app's own
 * routes with it.
 *
 * @example
 * import { Hono } from 'hono';
 * import { createGatehouse } from 'gatehouse-auth';
 * import { type GatehouseEnv, gatehouseRoutes, requireUser } from 'gatehouse-auth/hono';
 * const gatehouse = createGatehouse();
 * const app = new Hono<GatehouseEnv>();
 * app.route('/', gatehouseRoutes(gatehouse));
 * app.get('/api/me', requireUser(gatehouse), (c) => c.json(c.var.user));
 */
import type { IncomingMessage } from 'node:http';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Gatehouse } from '../gatehouse.js';
import { ROUTES } from '../http/routes/index.js';
import type { Caller } from '../services/access/resolve-caller.js';
import type { PublicSession, PublicUser } from '../services/views.js';
import { embeddedPagePaths } from '../ui/routes.js';
import {
  authenticateOptional,
  authorizeRequest,
  type GuardOptions,
  type GuardRequirement,
  guardRequirement,
  type Refusal,
} from './authenticate.js';

/** What every guard sets: `c.var.user`, `c.var.session` (null for a PAT) and `c.var.caller`. */
export interface GatehouseVariables {
  user: PublicUser;
  session: PublicSession | null;
  caller: Caller;
}

/** The Hono `Env` of routes behind a guard (`requireUser`, `requireRole`…). */
export interface GatehouseEnv {
  Variables: GatehouseVariables;
}

/** The Hono `Env` of routes behind `optionalUser`: `c.var.user` is null for anonymous requests. */
export interface OptionalGatehouseEnv {
  Variables: { user: PublicUser | null; session: PublicSession | null; caller: Caller | null };
}

const ABSOLUTE_PATHS = ROUTES.filter((r) => r.absolute).map((r) => r.path);

// @hono/node-server passes the Node request as `c.env.incoming`; other runtimes show no socket here.
function clientIp(c: Context): string | null {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? null;
}

/**
 * Routes serving Gatehouse's paths — `basePath/*`, the JWKS, the health checks and, unless
 * `pages.enabled` is off, the pages (their `:name` segments are Hono parameters; never `/`) — to
 * mount at the root with `app.route('/', …)` (move the API with the `basePath` setting).
 */
export function gatehouseRoutes(gatehouse: Gatehouse): Hono {
  const { basePath } = gatehouse.settings;
  const app = new Hono();
  const serve = async (c: Context) => {
    // A middleware that ran `c.req.json()` has used up the raw body; Hono kept a copy of it.
    const request = c.req.raw.bodyUsed
      ? new Request(c.req.raw, { body: await c.req.arrayBuffer() })
      : c.req.raw;
    return gatehouse.handler(request, { ip: clientIp(c) });
  };
  const paths = [basePath, `${basePath}/*`, ...ABSOLUTE_PATHS, ...embeddedPagePaths(gatehouse.settings)];
  for (const path of paths) app.all(path, serve);
  return app;
}

const refuse = (refusal: Refusal) =>
  new Response(JSON.stringify(refusal.body), { status: refusal.status, headers: refusal.headers });

/** Middleware letting the route run only when the request meets `requirement`. */
function guard(gatehouse: Gatehouse, requirement: GuardRequirement): MiddlewareHandler<GatehouseEnv> {
  return async (c, next) => {
    const request = { method: c.req.method, header: (name: string) => c.req.header(name) };
    const auth = await authorizeRequest(gatehouse, request, requirement);
    if (!auth.ok) return refuse(auth);
    c.set('user', auth.user);
    c.set('session', auth.session);
    c.set('caller', auth.caller);
    return next();
  };
}

/**
 * Middleware letting a route run only for a signed-in user, set as `c.var.user`,
 * `c.var.session` and `c.var.caller`; anyone else gets the API's own 401 JSON.
 */
export function requireUser(gatehouse: Gatehouse, options?: GuardOptions): MiddlewareHandler<GatehouseEnv> {
  return guard(gatehouse, options ?? {});
}

/** Only a member holding one of `role` (any of a list), read live; else 403 `INSUFFICIENT_ROLE`. */
export function requireRole(
  gatehouse: Gatehouse,
  role: string | readonly string[],
  options?: GuardOptions,
): MiddlewareHandler<GatehouseEnv> {
  return guard(gatehouse, guardRequirement.role(role, options));
}

/** Only a member holding `permission` (a PAT's scopes must grant it too); else 403 `INSUFFICIENT_PERMISSION`. */
export function requirePermission(
  gatehouse: Gatehouse,
  permission: string,
  options?: GuardOptions,
): MiddlewareHandler<GatehouseEnv> {
  return guard(gatehouse, guardRequirement.permission(permission, options));
}

/** Only a member on `plan` or a higher one in the app's order; else 403 `INSUFFICIENT_PLAN`. */
export function requirePlan(
  gatehouse: Gatehouse,
  plan: string,
  options?: GuardOptions,
): MiddlewareHandler<GatehouseEnv> {
  return guard(gatehouse, guardRequirement.plan(plan, options));
}

/** A session, or a personal access token holding `scope`; else 403 `INSUFFICIENT_SCOPE`. */
export function requireScope(
  gatehouse: Gatehouse,
  scope: string,
  options?: Omit<GuardOptions, 'scope'>,
): MiddlewareHandler<GatehouseEnv> {
  return guard(gatehouse, guardRequirement.scope(scope, options));
}

/**
 * Middleware that lets everyone through and sets `c.var.user` and `c.var.session` — to the
 * signed-in user, or to null for anonymous requests (no token, or one that no longer works). A
 * cookie-authenticated state change from another origin is still refused.
 */
export function optionalUser(
  gatehouse: Gatehouse,
  options?: Pick<GuardOptions, 'app'>,
): MiddlewareHandler<OptionalGatehouseEnv> {
  return async (c, next) => {
    const request = { method: c.req.method, header: (name: string) => c.req.header(name) };
    const auth = await authenticateOptional(gatehouse, request, options);
    if (!auth.ok) return refuse(auth);
    c.set('user', auth.user);
    c.set('session', auth.session);
    c.set('caller', auth.caller);
    return next();
  };
}
