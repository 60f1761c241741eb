/**
 * `gatehouse-auth/node`: serve Gatehouse from `node:http` (and anything built on it). Requests are
 * read straight from Node's objects, without building Web `Request`/`Response` objects, which on
 * Node 20 cost more than the whole session check (see bench/README.md).
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createGatehouse } from 'gatehouse-auth';
 * import { toNodeHandler } from 'gatehouse-auth/node';
 * createServer(toNodeHandler(createGatehouse())).listen(3000);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { GatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { type IncomingRequest, payloadTooLarge, type Reply } from '../http/exchange.js';
import type { RequestContext } from '../http/handler.js';
import {
  authenticateOptional,
  authorizeRequest,
  type GuardOptions,
  type GuardRequest,
  type GuardRequirement,
  guardRequirement,
  nodeHeaderReader,
  type Refusal,
  type SignedIn,
} from './authenticate.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** A listener behind a guard: it gets what the guard found. */
type GuardedHandler = (req: IncomingMessage, res: ServerResponse, signedIn: SignedIn) => void | Promise<void>;

/** Reads a Node request body with the cap enforced while reading; past it, stops reading. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(payloadTooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = () => {
      done();
      reject(new GatehouseError('VALIDATION_ERROR', 'The request body could not be read'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/** The core's view of a Node request. */
export function fromNodeRequest(req: IncomingMessage): IncomingRequest {
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const length = req.headers['content-length'];
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    origin: `${protocol}://${req.headers.host ?? 'localhost'}`,
    header: nodeHeaderReader(req.headers),
    hasBody: (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined,
    readBody: (limit) => readNodeBody(req, limit),
  };
}

/** Writes a core reply to a Node response. */
export async function writeReply(reply: Reply, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = { ...reply.headers.values };
  if (reply.headers.cookies.length > 0) headers['set-cookie'] = reply.headers.cookies;
  if (typeof reply.body !== 'string') {
    res.writeHead(reply.status, headers);
    await writeChunks(reply.body, res);
    return;
  }
  // A 204 has no body and, per RFC 9110, no Content-Length either.
  if (reply.status !== 204) headers['content-length'] = String(Buffer.byteLength(reply.body));
  // Answered before the whole body arrived (e.g. 413): the rest will never be read, so close.
  if (res.req?.complete === false) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Chunked transfer, waiting for `drain` when the client reads slower than we produce. */
async function writeChunks(chunks: AsyncIterable<string>, res: ServerResponse): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } catch {
    // Headers are gone already: all that can be said now is that the body is cut short.
    res.destroy();
  }
}

/** Converts a Node request into a Web `Request` (the body is streamed, not buffered). */
export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    // Pseudo-headers of HTTP/2 are not request headers.
    if (raw[i]!.charCodeAt(0) !== 58) headers.append(raw[i]!, raw[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  // Only a request that announces a body gets one: a bodyless POST (sign-out) must not look
  // like one with an empty JSON body.
  const length = req.headers['content-length'];
  const announced =
    (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (method !== 'GET' && method !== 'HEAD' && announced) {
    init.body = Readable.toWeb(req) as ReadableStream;
    init.duplex = 'half';
  }
  return new Request(`${fromNodeRequest(req).origin}${req.url ?? '/'}`, init);
}

/** Writes a Web `Response` to a Node response. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) res.setHeader('content-length', body.byteLength);
  if (res.req?.complete === false) res.setHeader('connection', 'close');
  res.writeHead(response.status);
  res.end(body);
}

/** A `node:http` request listener that serves every Gatehouse route. */
export function toNodeHandler(
  gatehouse: Pick<Gatehouse, 'respond'>,
  options: { context?: (req: IncomingMessage) => RequestContext } = {},
): NodeHandler {
  return async (req, res) => {
    const context = options.context?.(req) ?? { ip: req.socket.remoteAddress ?? null };
    await writeReply(await gatehouse.respond(fromNodeRequest(req), context), res);
  };
}

const guardRequest = (req: IncomingMessage): GuardRequest => ({
  method: req.method ?? 'GET',
  header: nodeHeaderReader(req.headers),
});

/** Sends a guard's refusal: the API's own error JSON. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, refusal.headers);
  res.end(JSON.stringify(refusal.body));
}

/** Runs `next` only when the request meets `requirement`; anyone else gets the API's own JSON. */
function guard(gatehouse: Gatehouse, requirement: GuardRequirement, next: GuardedHandler): NodeHandler {
  return async (req, res) => {
    const auth = await authorizeRequest(gatehouse, guardRequest(req), requirement);
    if (!auth.ok) return refuse(res, auth);
    await next(req, res, { user: auth.user, session: auth.session, caller: auth.caller });
  };
}

/**
 * Wraps a `node:http` listener so it runs only for a signed-in user; anyone else gets the API's
 * own 401 JSON (403 for an unmet `aal` or `scope`). See docs/access-control.md.
 *
 * @example
 * createServer(requireUser(gatehouse, (req, res, { user }) => res.end(`Hello ${user.email}`)));
 */
export function requireUser(gatehouse: Gatehouse, next: GuardedHandler, options?: GuardOptions): NodeHandler {
  return guard(gatehouse, options ?? {}, next);
}

/**
 * Runs `next` only for a member holding one of `role` (any of a list), read live; else 403
 * `INSUFFICIENT_ROLE`.
 *
 * @example
 * createServer(requireRole(gatehouse, 'admin', (req, res) => res.end('admin area')));
 */
export function requireRole(
  gatehouse: Gatehouse,
  role: string | readonly string[],
  next: GuardedHandler,
  options?: GuardOptions,
): NodeHandler {
  return guard(gatehouse, guardRequirement.role(role, options), next);
}

/** Runs `next` only for a member holding `permission` (a PAT's scopes must grant it too); else 403 `INSUFFICIENT_PERMISSION`. */
export function requirePermission(
  gatehouse: Gatehouse,
  permission: string,
  next: GuardedHandler,
  options?: GuardOptions,
): NodeHandler {
  return guard(gatehouse, guardRequirement.permission(permission, options), next);
}

/** Runs `next` only for a member on `plan` or a higher one in the app's order; else 403 `INSUFFICIENT_PLAN`. */
export function requirePlan(
  gatehouse: Gatehouse,
  plan: string,
  next: GuardedHandler,
  options?: GuardOptions,
): NodeHandler {
  return guard(gatehouse, guardRequirement.plan(plan, options), next);
}

/** Runs `next` for a session, or a personal access token holding `scope`; else 403 `INSUFFICIENT_SCOPE`. */
export function requireScope(
  gatehouse: Gatehouse,
  scope: string,
  next: GuardedHandler,
  options?: Omit<GuardOptions, 'scope'>,
): NodeHandler {
  return guard(gatehouse, guardRequirement.scope(scope, options), next);
}

/**
 * Wraps a `node:http` listener so it runs for everyone, with the signed-in user when there is one
 * (`null` for anonymous requests: no token, or one that no longer works). A cookie-authenticated
 * state change from another origin is still refused with the API's JSON.
 *
 * @example
 * createServer(optionalUser(gatehouse, (req, res, signedIn) => res.end(signedIn ? `Hi ${signedIn.user.email}` : 'Hi')));
 */
export function optionalUser(
  gatehouse: Gatehouse,
  next: (req: IncomingMessage, res: ServerResponse, signedIn: SignedIn | null) => void | Promise<void>,
  options?: Pick<GuardOptions, 'app'>,
): NodeHandler {
  return async (req, res) => {
    const auth = await authenticateOptional(gatehouse, guardRequest(req), options);
    if (!auth.ok) return refuse(res, auth);
    await next(
      req,
      res,
      auth.caller ? { user: auth.user, session: auth.session, caller: auth.caller } : null,
    );
  };
}
