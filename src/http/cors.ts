/**
 * CORS from an allow-list only (`corsOrigins`). An `Origin` equal to a listed
 * `scheme://host[:port]` gets credentialed access; any other origin gets no CORS header at all —
 * never a reflection, never `*`. A preflight from an origin not on the list is still answered
 * 204 (without CORS headers), as most servers do: the browser then refuses the real request.
 */
import type { IncomingRequest, ReplyHeaders } from './exchange.js';

/** Methods the API uses. */
export const CORS_METHODS = 'GET, POST, PATCH, DELETE';
/** Request headers a browser may send beyond the CORS-safelisted ones. */
export const CORS_HEADERS = 'authorization, content-type, gatehouse-app, gatehouse-transport, x-request-id';
/** How long (seconds) a browser may cache a preflight answer. */
export const CORS_MAX_AGE = '600';

const GRANT: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-credentials': 'true',
  // Retry-After too, so a browser app can honour a 429.
  'access-control-expose-headers': 'x-request-id, retry-after',
});

const PREFLIGHT: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-methods': CORS_METHODS,
  'access-control-allow-headers': CORS_HEADERS,
  'access-control-max-age': CORS_MAX_AGE,
});

export interface Cors {
  /** Every response: `Vary: Origin`, and for an allowed origin the grant with that origin. */
  decorate(request: IncomingRequest, headers: ReplyHeaders): Promise<void>;
  /** A preflight (`OPTIONS` with `Access-Control-Request-Method`): what an allowed origin may send. */
  preflight(request: IncomingRequest, headers: ReplyHeaders): Promise<void>;
}

/** The origins the registered apps allow (their `corsOrigins`), as `scheme://host[:port]`. */
export type AppOrigins = () => Promise<ReadonlySet<string>>;

/**
 * @param corsOrigins URLs whose origins may call the API from a browser; paths are ignored.
 * @param appOrigins the apps' own origins, asked only for an Origin the settings do not list.
 * @example
 * const cors = createCors(['https://app.example.com']);
 * await cors.decorate(request, headers);
 */
export function createCors(corsOrigins: readonly string[], appOrigins?: AppOrigins): Cors {
  const allowed = new Set(corsOrigins.map((o) => new URL(o).origin));
  // Browsers send the origin serialised (lower-case, no default port), so exact string equality
  // is the whole comparison: no parsing of the client's header, no suffix or prefix matching.
  const allowedOrigin = async (request: IncomingRequest) => {
    const origin = request.header('origin');
    if (!origin) return undefined;
    if (allowed.has(origin)) return origin;
    if (appOrigins && (await appOrigins().catch(() => new Set<string>())).has(origin)) return origin;
    return undefined;
  };
  return {
    async decorate(request, headers) {
      // Even without a grant: a shared cache must not hand one origin's answer to another.
      headers.set('vary', 'Origin');
      const origin = await allowedOrigin(request);
      if (origin === undefined) return;
      headers.set('access-control-allow-origin', origin);
      Object.assign(headers.values, GRANT);
    },
    async preflight(request, headers) {
      if (request.header('access-control-request-method') && (await allowedOrigin(request)) !== undefined)
        Object.assign(headers.values, PREFLIGHT);
    },
  };
}
