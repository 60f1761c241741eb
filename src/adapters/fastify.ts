/**
 * `gatehouse-auth/fastify`: serve Gatehouse from a Fastify 5 app and guard the app's own routes with it.
 *
 * @example
 * import Fastify from 'fastify';
 * import { createGatehouse } from 'gatehouse-auth';
 * import { gatehousePlugin, requireUser, signedIn } from 'gatehouse-auth/fastify';
 * const gatehouse = createGatehouse();
 * const app = Fastify();
 * await app.register(gatehousePlugin(gatehouse));
 * app.get('/api/me', { preHandler: requireUser(gatehouse) }, async (request) => signedIn(request).user);
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { GatehouseError } from '../core/errors.js';
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
  nodeHeaderReader,
  type Refusal,
  type SignedIn,
} from './authenticate.js';
import { toWebRequest } from './node.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by every guard (and by `optionalUser` when signed in). */
    gatehouse?: SignedIn;
  }
}

const ABSOLUTE_PATHS = ROUTES.filter((r) => r.absolute).map((r) => r.path);

async function send(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') reply.header(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  return reply.send(Buffer.from(await response.arrayBuffer()));
}

/**
 * A plugin serving Gatehouse's paths — `basePath/*`, the JWKS, the health checks and, unless
 * `pages.enabled` is off, the pages (their `:name` segments are Fastify parameters; never `/`). Register
 * it without a `prefix` (move the API with the `basePath` setting). Inside it, Fastify's body
 * parsers are switched off: Gatehouse reads the raw body with its own size limit and errors.
 */
export function gatehousePlugin(gatehouse: Gatehouse): FastifyPluginAsync {
  const { basePath } = gatehouse.settings;
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    // Fastify still refuses a Content-Type it cannot parse at all; answer that as the API would.
    app.setErrorHandler((error, _request, reply) => {
      if ((error as { code?: unknown }).code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw error;
      return send(
        reply,
        errorResponse(new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json')),
      );
    });
    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      let webRequest: Request;
      try {
        webRequest = toWebRequest(request.raw);
      } catch {
        return send(reply, errorResponse(new GatehouseError('VALIDATION_ERROR', 'Malformed request')));
      }
      // The socket's address, as the other adapters give: proxies are not trusted here.
      const response = await gatehouse.handler(webRequest, { ip: request.socket.remoteAddress ?? null });
      // Answered before the body all arrived (a 413, say): close, or its unread rest holds the connection.
      if (request.raw.complete === false) reply.header('connection', 'close');
      return send(reply, response);
    };
    const paths = [basePath, `${basePath}/*`, ...ABSOLUTE_PATHS, ...embeddedPagePaths(gatehouse.settings)];
    for (const path of paths) app.all(path, serve);
  };
}

const refuse = (reply: FastifyReply, refusal: Refusal) =>
  reply.code(refusal.status).headers(refusal.headers).send(JSON.stringify(refusal.body));

/** A `preHandler` letting the route run only when the request meets `requirement`. */
function guard(gatehouse: Gatehouse, requirement: GuardRequirement): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const guarded = { method: request.method, header: nodeHeaderReader(request.headers) };
    const auth = await authorizeRequest(gatehouse, guarded, requirement);
    if (!auth.ok) return refuse(reply, auth);
    request.gatehouse = { user: auth.user, session: auth.session, caller: auth.caller };
  };
}

/**
 * A `preHandler` hook letting a route run only for a signed-in user, whose `{ user, session,
 * caller }` it puts on `request.gatehouse` (read it with `signedIn(request)`); anyone else gets
 * the API's own 401 JSON.
 */
export function requireUser(gatehouse: Gatehouse, options?: GuardOptions): preHandlerAsyncHookHandler {
  return guard(gatehouse, options ?? {});
}

/** Only a member holding one of `role` (any of a list), read live; else 403 `INSUFFICIENT_ROLE`. */
export function requireRole(
  gatehouse: Gatehouse,
  role: string | readonly string[],
  options?: GuardOptions,
): preHandlerAsyncHookHandler {
  return guard(gatehouse, guardRequirement.role(role, options));
}

/** Only a member holding `permission` (a PAT's scopes must grant it too); else 403 `INSUFFICIENT_PERMISSION`. */
export function requirePermission(
  gatehouse: Gatehouse,
  permission: string,
  options?: GuardOptions,
): preHandlerAsyncHookHandler {
  return guard(gatehouse, guardRequirement.permission(permission, options));
}

/** Only a member on `plan` or a higher one in the app's order; else 403 `INSUFFICIENT_PLAN`. */
export function requirePlan(
  gatehouse: Gatehouse,
  plan: string,
  options?: GuardOptions,
): preHandlerAsyncHookHandler {
  return guard(gatehouse, guardRequirement.plan(plan, options));
}

/** A session, or a personal access token holding `scope`; else 403 `INSUFFICIENT_SCOPE`. */
export function requireScope(
  gatehouse: Gatehouse,
  scope: string,
  options?: Omit<GuardOptions, 'scope'>,
): preHandlerAsyncHookHandler {
  return guard(gatehouse, guardRequirement.scope(scope, options));
}

/**
 * A `preHandler` hook that lets everyone through and puts the signed-in user on
 * `request.gatehouse` when there is one (undefined for anonymous requests: no token, or one that
 * no longer works). A cookie-authenticated state change from another origin is still refused.
 */
export function optionalUser(
  gatehouse: Gatehouse,
  options?: Pick<GuardOptions, 'app'>,
): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const guarded = { method: request.method, header: nodeHeaderReader(request.headers) };
    const auth = await authenticateOptional(gatehouse, guarded, options);
    if (!auth.ok) return refuse(reply, auth);
    if (auth.caller) request.gatehouse = { user: auth.user, session: auth.session, caller: auth.caller };
  };
}

/** The `{ user, session, caller }` a guard found; throws if the route is not behind one. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.gatehouse) throw new Error('signedIn(request) needs the requireUser(gatehouse) preHandler');
  return request.gatehouse;
}
