/**
 * Operators: the people (and their automation tokens) who run an installation through the admin
 * API and the CLI. An operator is a member of the built-in console app; their roles there say
 * what they may do, as permission strings from `ADMIN_PERMISSIONS`. A member holding the built-in
 * `admin` role of another app is that app's administrator (a tenant admin): the admin API lets
 * them act on that app and its members only (`TENANT_ADMIN_PERMISSIONS`). Pure data; no I/O.
 */
import type { Role } from './apps.js';
import type { AppId } from './ids.js';

/** The built-in console app: invite-only; its members are the operators. It cannot be disabled. */
export const CONSOLE_APP_ID = 'app_00000000000070008000000000000001' as AppId;

/** The `aud` of access tokens issued at the console app. */
export const CONSOLE_AUDIENCE = 'urn:gatehouse:console';

/** What each admin permission allows; every admin route names exactly one. */
export const ADMIN_PERMISSIONS = {
  'users:read': 'List, search and inspect users, their sessions, factors, apps and tokens',
  'users:write':
    'Create users and change their profile, address, verified flag and status (suspend, reactivate)',
  'users:delete': 'Revoke, delete, restore and purge users',
  'users:impersonate': 'Start a short session as a user who is not an operator',
  'sessions:revoke': 'End a user’s sessions and revoke their personal access tokens',
  'mfa:reset': 'Remove every second factor of a user',
  'links:send': 'Send a verification or password-reset link',
  'members:write': 'Set a member’s roles, plan and direct permissions at an app; add and remove members',
  'apps:read': 'Read apps, roles, plans, members and invitations',
  'apps:write': 'Create and change apps, roles, plans and invitations',
  'audit:read': 'Query and export the audit log',
  'stats:read': 'Read the installation’s figures',
} as const;

export type AdminPermission = keyof typeof ADMIN_PERMISSIONS;

/**
 * The console app's built-in roles. `support` reads everything and sends links, and cannot
 * change, delete or impersonate anyone.
 */
export const CONSOLE_ROLES: ReadonlyArray<Pick<Role, 'name' | 'description' | 'permissions'>> = [
  { name: 'admin', description: 'Runs the installation: every admin permission', permissions: ['*'] },
  {
    name: 'support',
    description: 'Reads users, apps and the audit log, and sends verification and reset links',
    permissions: ['users:read', 'apps:read', 'audit:read', 'stats:read', 'links:send'],
  },
];

/**
 * What the `admin` of an app (not the console) may do through the admin API, and only for that
 * app: its members are the only users they can see, and other apps answer 404 (AZ-04).
 */
export const TENANT_ADMIN_PERMISSIONS: readonly AdminPermission[] = [
  'users:read',
  'members:write',
  'sessions:revoke',
  'apps:read',
  'apps:write',
];

/** PAT scopes for automation: `admin:read` for reading routes, `admin:write` for every route. */
export const ADMIN_READ_SCOPE = 'admin:read';
export const ADMIN_WRITE_SCOPE = 'admin:write';

/** Whether a PAT's scopes let it call an admin route that reads (`write` false) or changes. */
export function adminScopeAllows(scopes: readonly string[], write: boolean): boolean {
  return scopes.includes(ADMIN_WRITE_SCOPE) || (!write && scopes.includes(ADMIN_READ_SCOPE));
}
