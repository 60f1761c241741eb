/**
 * `gatehouse/node`: serve Gatehouse from `node:http` (and anything built on it).
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createGatehouse } from 'gatehouse';
 * import { toNodeHandler } from 'gatehouse/node';
 * createServer(toNodeHandler(createGatehouse())).listen(3000);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Gatehouse } from '../gatehouse.js';
import { authenticate, type SignedIn } from './authenticate.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Converts a Node request into a Web `Request` (the body is streamed, not buffered). */
export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    // Pseudo-headers of HTTP/2 are not request headers.
    if (raw[i]!.charCodeAt(0) !== 58) headers.append(raw[i]!, raw[i + 1]!);
  }
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream;
    init.duplex = 'half';
  }
  return new Request(`${protocol}://${host}${req.url ?? '/'}`, init);
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
  // Answered before the whole body arrived (e.g. 413): the rest will never be read, so close.
  if (res.req?.complete === false) res.setHeader('connection', 'close');
  res.writeHead(response.status);
  res.end(body);
}

const BAD_REQUEST = JSON.stringify({ error: { code: 'VALIDATION_ERROR', message: 'Malformed request' } });

/** A `node:http` request listener that serves every Gatehouse route. */
export function toNodeHandler(gatehouse: Pick<Gatehouse, 'handler'>): NodeHandler {
  return async (req, res) => {
    let request: Request;
    try {
      request = toWebRequest(req);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(BAD_REQUEST);
      return;
    }
    const response = await gatehouse.handler(request, { ip: req.socket.remoteAddress ?? null });
    await writeWebResponse(response, res);
  };
}

/**
 * Wraps a `node:http` listener so it runs only for a signed-in user; anyone else gets the API's
 * own 401 JSON.
 *
 * @example
 * createServer(requireUser(gatehouse, (req, res, { user }) => res.end(`Hello ${user.email}`)));
 */
export function requireUser(
  gatehouse: Gatehouse,
  next: (req: IncomingMessage, res: ServerResponse, signedIn: SignedIn) => void | Promise<void>,
): NodeHandler {
  return async (req, res) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const auth = await authenticate(gatehouse, { method: req.method ?? 'GET', header });
    if (!auth.ok) {
      res.writeHead(auth.status, auth.headers);
      res.end(JSON.stringify(auth.body));
      return;
    }
    await next(req, res, { user: auth.user, session: auth.session });
  };
}
