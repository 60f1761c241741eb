/** What a route is: its method and path, its schemas (for validation and OpenAPI) and its handler. */
import type { z } from 'zod';
import type { ResolvedSettings } from '../core/config.js';
import type { ClientInfo } from '../services/context.js';
import type { Operations } from '../services/operations.js';
import type { CookieNames } from './cookies.js';
import type { IncomingRequest, ReplyHeaders } from './exchange.js';

export interface RouteContext {
  readonly request: IncomingRequest;
  readonly ops: Operations;
  readonly settings: ResolvedSettings;
  readonly client: ClientInfo;
  readonly params: Readonly<Record<string, string>>;
  /** Headers the response will carry (cookies are appended here). */
  readonly headers: ReplyHeaders;
  readonly cookies: CookieNames;
  /** Whether the client asked for cookie transport. */
  readonly cookieTransport: boolean;
  /** The parsed, validated body (routes with a `body` schema only). */
  readonly body: unknown;
  /** The access token from `Authorization: Bearer` or the access cookie (routes with `auth` only). */
  readonly accessToken: string;
  /** Answers with another success status than the route's usual one. */
  setStatus(status: number): void;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the base path, or absolute when `absolute` is set; `:name` marks a parameter. */
  readonly path: string;
  readonly absolute?: boolean;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  /** The body may be omitted (refresh with a cookie). */
  readonly bodyOptional?: boolean;
  readonly auth?: boolean;
  /**
   * A credential or mail route: each request counts against the client address's limits
   * (overall and for this route) before the body is read.
   */
  readonly limited?: boolean;
  /**
   * Needs a password hash: refused at once with 503 while the hash queue is full, before the
   * body is read or the database touched (overload control).
   */
  readonly hashes?: boolean;
  readonly status: number;
  readonly response: z.ZodType;
  readonly errors: readonly string[];
  readonly cacheable?: string;
  /** Answers even before the instance has started (liveness): the handler must not touch `ops`. */
  readonly withoutStartup?: boolean;
  handle(ctx: RouteContext): Promise<unknown>;
}
