/** Every admin API route (`/admin/*`), in documentation order; see docs/admin.md. */
import type { Route } from '../../route.js';
import { ADMIN_APP_ROUTES } from './apps.js';
import { AUDIT_ROUTES } from './audit.js';
import { impersonateRoute } from './impersonation.js';
import { ADMIN_INVITATION_ROUTES } from './invitations.js';
import { adminMeRoute } from './operator.js';
import { ADMIN_ROLE_ROUTES } from './roles.js';
import { statsRoute } from './stats.js';
import { USER_ACCESS_ROUTES } from './user-access.js';
import { USER_LIFECYCLE_ROUTES } from './user-lifecycle.js';
import { USER_ROUTES } from './users.js';

export const ADMIN_ROUTES: readonly Route[] = [
  adminMeRoute,
  // Users: find, inspect, create, change, and their status.
  ...USER_ROUTES,
  ...USER_LIFECYCLE_ROUTES,
  // A user's access (after the user routes, in documentation order).
  ...USER_ACCESS_ROUTES,
  // Apps, their members, roles and invitations.
  ...ADMIN_APP_ROUTES,
  ...ADMIN_ROLE_ROUTES,
  ...ADMIN_INVITATION_ROUTES,
  // The audit log, then the figures.
  ...AUDIT_ROUTES,
  statsRoute,
  // Impersonation (last, as in docs/admin.md).
  impersonateRoute,
];
