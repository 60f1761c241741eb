/**
 * What a route is. A JSON `Route`: its method and path, its schemas (for validation and OpenAPI)
 * and its handler. A `PageRoute`: a server-rendered page at an absolute path whose form posts
 * back to it, answered with a page or a redirect (never part of the OpenAPI document).
 */
import type { z } from 'zod';
import type { ResolvedSettings } from '../core/config.js';
import type { Locale } from '../core/locale.js';
import type { AdminPermission } from '../core/operators.js';
import type { Caller } from '../services/access/resolve-caller.js';
import type { ClientInfo } from '../services/context.js';
import type { Operations } from '../services/operations.js';
import type { AdminNeed, Operator } from '../services/operators/resolve-operator.js';
import type { AuthResult, Me, PublicSession } from '../services/views.js';
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
  /**
   * The caller a personal access token resolved to, on a route with a `patScope` the token holds;
   * null for a session's access token (the route's operation checks the session itself).
   */
  readonly caller: Caller | null;
  /** The operator behind the bearer (admin routes only). */
  readonly operator: Operator | null;
  /** The parsed, validated query string (routes with a `query` schema only). */
  readonly query: unknown;
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
  /** The query string's parameters (all strings on the wire; the schema may coerce them). */
  readonly query?: z.ZodObject;
  /** The body may be omitted (refresh with a cookie). */
  readonly bodyOptional?: boolean;
  readonly auth?: boolean;
  /**
   * The scope a personal access token needs here (`auth` routes only). Without it the route is
   * session-only: a PAT gets 403 `INSUFFICIENT_SCOPE`, after the token itself verified.
   */
  readonly patScope?: string;
  /**
   * An admin API route: the bearer must be an operator holding this permission (see
   * services/operators/resolve-operator.ts); it runs with the operator as the audit actor. A
   * GET reads; any other method writes (a PAT then needs `admin:write`). Implies `auth`.
   */
  readonly admin?: Omit<AdminNeed, 'write'>;
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

/** What a page answers: a document, a redirect after a form (Post/Redirect/Get), or a download. */
export type PageReply =
  | {
      readonly kind: 'page';
      readonly status: number;
      readonly html: string;
      /** A new access token for the same session, when the answer is a page (codes shown once). */
      readonly accessToken?: { readonly token: string; readonly expiresIn: number };
    }
  | {
      readonly kind: 'redirect';
      readonly location: string;
      /** A sign-in the page finished: its tokens go to the browser as the API's cookies. */
      readonly signedIn?: AuthResult;
      /** A new access token for the same session (a step-up, a reauthentication). */
      readonly accessToken?: { readonly token: string; readonly expiresIn: number };
      /** The session ended: the browser's token cookies are cleared. */
      readonly signedOut?: boolean;
    }
  | {
      readonly kind: 'file';
      readonly contentType: string;
      readonly filename: string;
      readonly body: string;
    };

/** The signed-in person a page is shown to (from the access cookie, checked live). */
export interface PageSession {
  readonly accessToken: string;
  /** The user with their profile (its `locale` picks the page's language). */
  readonly user: Me;
  readonly session: PublicSession;
}

/** What a page is shown with. */
export interface PageView {
  readonly settings: ResolvedSettings;
  /** The query string: a mailed link's `token`, a result page's `result`. */
  readonly query: URLSearchParams;
  /** This response's CSP nonce; the page's `<style>` and `<script>` carry it. */
  readonly nonce: string;
  /** The page's path as requested (no query), e.g. `/account/sessions`. */
  readonly path: string;
  /** The page's name, from its route path: `/console/users/:id` → `console-users-id` (template overrides use it). */
  readonly name: string;
  /** Values of the path's `:name` segments. */
  readonly params: Readonly<Record<string, string>>;
  /** The language the page is written in: the user's profile locale, else `Accept-Language`. */
  readonly locale: Locale;
  /** The CSRF token every form carries in its `csrf` field (bound to the browser and its session). */
  readonly csrf: string;
  /** The signed-in user, when the access cookie carries a live session. */
  readonly signedIn: PageSession | undefined;
  /** The operator, on console pages (`access: 'operator'`), admitted with the page's `admin` need. */
  readonly operator?: Operator;
}

/** A form sent to a page: the view plus the operations, the decoded fields and the client. */
export interface PageSubmission extends PageView {
  readonly ops: Operations;
  readonly form: URLSearchParams;
  readonly client: ClientInfo;
}

/** A page shown with the operations at hand (pages that read data, e.g. the account pages). */
export interface PageRead extends PageView {
  readonly ops: Operations;
  readonly client: ClientInfo;
}

export interface PageRoute {
  /** Absolute path, e.g. `/verify-email`; `:name` segments match one segment (`/console/users/:id`). */
  readonly path: string;
  /**
   * Who may open the page: anyone (default), or a signed-in user — someone without a live
   * session is sent to sign in and brought back (`returnTo`).
   */
  readonly access?: 'anyone' | 'user' | 'operator';
  /**
   * Console pages: the permission showing the page needs (submitting counts as a write) and
   * whether tenant admins may use it. Admitted as the admin API admits (`resolveOperator`), and
   * the page runs inside the operator's audit actor (`via: 'console'`).
   */
  readonly admin?: { readonly permission: AdminPermission; readonly tenant?: boolean };
  /**
   * The JSON route (`operationId`) whose rate limits a submission counts against; a function of
   * the form when the page's form does several things (sign-in by password, passkey or mail),
   * so each counts where its API route does. Applied after the body is read, before the CSRF check.
   */
  readonly limitedAs?: string | ((form: URLSearchParams) => string | undefined);
  /** Submitting needs a password hash: refused at once with 503 while hashing is saturated. */
  readonly hashes?: boolean;
  /** `GET`: never changes state (mail scanners prefetch links). */
  show(view: PageRead): PageReply | Promise<PageReply>;
  /** `POST` of the page's form, after the same-origin and CSRF checks, the limits and the body read. */
  submit?(submission: PageSubmission): Promise<PageReply>;
}
