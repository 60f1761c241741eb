/**
 * The request and reply as the HTTP core sees them. Small on purpose: an adapter provides them
 * straight from its framework's objects, without building a Web `Request` and `Response` —
 * on Node 20 those cost several times more than everything Gatehouse does for a session check
 * (bench/README.md). `handler(Request)` wraps the same core for Web-standard runtimes.
 */

import { GatehouseError } from '../core/errors.js';
import { readCapped } from '../core/read-capped.js';

export interface IncomingRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/auth/session?x=1`. */
  readonly target: string;
  /** `scheme://host` as the server saw it (used only when `baseUrl` is not set). */
  readonly origin: string;
  /** A request header by lower-case name; several values are joined with `, `. */
  header(name: string): string | null | undefined;
  /** Whether a body was sent. */
  readonly hasBody: boolean;
  /** The whole body, refused with `PAYLOAD_TOO_LARGE` as soon as it passes `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array>;
}

/** Response headers: a plain object plus the list of cookies to set. */
export class ReplyHeaders {
  readonly values: Record<string, string> = {};
  readonly cookies: string[] = [];
  set(name: string, value: string): void {
    this.values[name] = value;
  }
  get(name: string): string | undefined {
    return this.values[name];
  }
  appendCookie(cookie: string): void {
    this.cookies.push(cookie);
  }
}

export interface Reply {
  readonly status: number;
  readonly headers: ReplyHeaders;
  /** The whole body, or chunks written as they come (exports; never buffered whole). */
  readonly body: string | AsyncIterable<string>;
}

/** A route's answer sent as a stream: a long export written chunk by chunk. */
export class StreamedBody {
  constructor(
    readonly contentType: string,
    readonly chunks: AsyncIterable<string>,
    /** Offered as the download's file name (`Content-Disposition: attachment`). */
    readonly filename?: string,
  ) {}
}

export function payloadTooLarge(limit: number): GatehouseError {
  return new GatehouseError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes`);
}

/** Reads a Web stream with a cap enforced while reading. */
export async function readWebStream(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  const bytes = await readCapped(body, limit);
  if (bytes === null) throw payloadTooLarge(limit);
  return bytes;
}

/** The core's view of a Web `Request`. */
export function fromWebRequest(request: Request): IncomingRequest {
  const url = new URL(request.url);
  const contentLength = request.headers.get('content-length');
  return {
    method: request.method,
    target: url.pathname + url.search,
    origin: url.origin,
    header: (name) => request.headers.get(name),
    hasBody: request.body !== null && contentLength !== '0',
    readBody: (limit) => readWebStream(request.body, limit),
  };
}

/** A Web `Response` for a reply. */
export function toWebResponse(reply: Reply): Response {
  const headers = new Headers(reply.headers.values);
  for (const cookie of reply.headers.cookies) headers.append('set-cookie', cookie);
  // A 204 must have no body at all: `new Response('', { status: 204 })` throws.
  if (reply.status === 204) return new Response(null, { status: reply.status, headers });
  if (typeof reply.body === 'string') return new Response(reply.body, { status: reply.status, headers });
  return new Response(webStream(reply.body), { status: reply.status, headers });
}

/** Pulls one chunk at a time, so a slow client slows the producer instead of filling memory. */
function webStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
