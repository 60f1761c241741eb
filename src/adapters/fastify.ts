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
  authenticate,
  authenticateOptional,
  type GuardOptions,
  nodeHeaderReader,
  type SignedIn,
} from './authenticate.js';
import { toWebRequest } from './node.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and session, set by `requireUser` (and by `optionalUser` when signed in). */
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
 * `pages.enabled` is off, the pages mailed links open (never `/`). Register
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

/**
 * A `preHandler` hook letting a route run only for a signed-in user, whose `{ user, session }`
 * it puts on `request.gatehouse` (read it with `signedIn(request)`); anyone else gets the API's
 * own 401 JSON.
 */
export function requireUser(gatehouse: Gatehouse, options?: GuardOptions): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const guard = { method: request.method, header: nodeHeaderReader(request.headers) };
    const auth = await authenticate(gatehouse, guard, options);
    if (!auth.ok) return reply.code(auth.status).headers(auth.headers).send(JSON.stringify(auth.body));
    request.gatehouse = { user: auth.user, session: auth.session };
  };
}

/**
 * A `preHandler` hook that lets everyone through and puts the signed-in user on
 * `request.gatehouse` when there is one (undefined for anonymous requests: no token, or one that
 * no longer works). A cookie-authenticated state change from another origin is still refused.
 */
export function optionalUser(gatehouse: Gatehouse): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const auth = await authenticateOptional(gatehouse, {
      method: request.method,
      header: nodeHeaderReader(request.headers),
    });
    if (!auth.ok) return reply.code(auth.status).headers(auth.headers).send(JSON.stringify(auth.body));
    if (auth.user) request.gatehouse = { user: auth.user, session: auth.session };
  };
}

/** The `{ user, session }` that `requireUser` found; throws if the route is not behind it. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.gatehouse) throw new Error('signedIn(request) needs the requireUser(gatehouse) preHandler');
  return request.gatehouse;
}
