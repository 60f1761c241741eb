/**
 * Apps sharing one user base: what an app is, what a person is in it (a membership with roles,
 * a plan and direct permissions), roles with permission strings, invitations and personal
 * access tokens. Pure data and rules; no I/O.
 */
import type { AppId, InvitationId, PatId, UserId } from './ids.js';

/**
 * The app every request belongs to when it names none: single-app installations never see any
 * other. Its token audience is the instance's `audience` setting.
 */
export const DEFAULT_APP_ID = 'app_00000000000070008000000000000000' as AppId;

/**
 * A way to sign in (or up) that an app may allow: `password` (email and password), `username`,
 * `passkey`, `magic_link`, `email_code`, `oauth:<provider>` and `id_token:<provider>`.
 */
export type SignInMethod =
  | 'password'
  | 'username'
  | 'passkey'
  | 'magic_link'
  | 'email_code'
  | `oauth:${string}`
  | `id_token:${string}`;

export interface Plan {
  readonly name: string;
  /** Moving a member onto a paid plan needs a verified address. */
  readonly paid: boolean;
}

/** The plans an app has unless it says otherwise, lowest first. */
export const DEFAULT_PLANS: readonly Plan[] = [
  { name: 'free', paid: false },
  { name: 'pro', paid: true },
  { name: 'enterprise', paid: true },
];

export type AppStatus = 'active' | 'disabled';
export type AppSignUp = 'open' | 'invite_only';

export interface App {
  readonly id: AppId;
  readonly name: string;
  readonly status: AppStatus;
  /** SHA-256 of the app's secret (shown once at creation), or null when it has none. */
  readonly secretHash: string | null;
  /** The methods the app allows; null allows every method the instance has configured. */
  readonly signInMethods: readonly SignInMethod[] | null;
  /** Exact URLs a browser may be sent back to after a sign-in started for this app. */
  readonly redirectUrls: readonly string[];
  /** Origins whose browsers may call the API for this app (added to `corsOrigins`). */
  readonly corsOrigins: readonly string[];
  /** `aud` of the app's access tokens; null for the default app (the `audience` setting). */
  readonly audience: string | null;
  readonly defaultRole: string;
  readonly defaultPlan: string;
  /** `open`: a first sign-in (or sign-up) makes the person a member; `invite_only`: invitations only. */
  readonly signUp: AppSignUp;
  /** Ordered, lowest first. */
  readonly plans: readonly Plan[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Membership {
  readonly appId: AppId;
  readonly userId: UserId;
  readonly roles: readonly string[];
  readonly plan: string;
  /** Permissions granted to this member directly, beside those of its roles. */
  readonly permissions: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Role {
  readonly appId: AppId;
  readonly name: string;
  readonly description: string | null;
  readonly permissions: readonly string[];
  /** `admin`, `member` and `guest`: every app has them, and they cannot be deleted. */
  readonly builtIn: boolean;
  readonly createdAt: number;
}

/** The roles every app starts with. `admin` holds every permission (`*`). */
export const BUILT_IN_ROLES: ReadonlyArray<Pick<Role, 'name' | 'description' | 'permissions'>> = [
  { name: 'admin', description: 'Everything in the app', permissions: ['*'] },
  { name: 'member', description: 'A member of the app', permissions: [] },
  { name: 'guest', description: 'A guest with no permissions of its own', permissions: [] },
];

export interface Invitation {
  readonly id: InvitationId;
  readonly appId: AppId;
  /** Canonical address the invitation went to. */
  readonly email: string;
  readonly role: string;
  readonly invitedBy: UserId | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly acceptedAt: number | null;
  readonly acceptedBy: UserId | null;
  readonly revokedAt: number | null;
}

export interface PersonalAccessToken {
  readonly id: PatId;
  readonly userId: UserId;
  /** The app the token works at (the app of the session that made it). */
  readonly appId: AppId;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** Role names: lower case letters, digits, `_` and `-`, starting with a letter. */
export const ROLE_NAME = /^[a-z][a-z0-9_-]{0,39}$/;
/** Plan names: as role names. */
export const PLAN_NAME = ROLE_NAME;
/**
 * Permission strings: `resource:action` (`invoices:read`), where the action may be `*`
 * (`invoices:*`), or `*` alone (everything).
 */
export const PERMISSION = /^(\*|[a-z0-9][a-z0-9_.-]{0,63}:(\*|[a-z0-9][a-z0-9_.-]{0,63}))$/;
/** Scopes of personal access tokens: app-defined, printable, no spaces or commas. */
export const SCOPE = /^[A-Za-z0-9][A-Za-z0-9_.:*/-]{0,63}$/;

/**
 * Whether holding `held` grants `wanted`: an exact match, `*`, or `resource:*` for any action
 * on that resource.
 *
 * @example
 * grants(['invoices:*'], 'invoices:read'); // true
 */
export function grants(held: readonly string[], wanted: string): boolean {
  for (const permission of held) {
    if (permission === '*' || permission === wanted) return true;
    if (permission.endsWith(':*') && wanted.startsWith(permission.slice(0, -1))) return true;
  }
  return false;
}

/** The position of `plan` in the app's order (-1 when the app has no such plan). */
export function planRank(app: Pick<App, 'plans'>, plan: string): number {
  return app.plans.findIndex((p) => p.name === plan);
}
