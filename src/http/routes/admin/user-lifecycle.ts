/**
 * `/admin/users/:id/…`: the status of a user — suspend, reactivate, revoke, delete (soft),
 * restore, purge — for console operators (docs/admin.md, "Users"). Each answers with the status
 * the user has now and whether this request changed it, so repeating one is harmless. Purging
 * needs a deleted user: erasing is always a second decision. Nobody can do these to their own
 * account, nor take out the console's last active admin.
 */
import { z } from 'zod';
import type { SettableStatus } from '../../../services/admin/set-user-status.js';
import type { Route, RouteContext } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

const statusChange = z
  .object({
    id: z.string(),
    status: z.enum(['active', 'suspended', 'revoked', 'deleted']),
    changed: z.boolean().meta({ description: 'false: the user already had this status, nothing happened' }),
  })
  .register(apiSchemas, { id: 'AdminUserStatus' });

const userId = (ctx: RouteContext) => ctx.params.id ?? '';

function statusRoute(
  action: 'suspend' | 'reactivate' | 'revoke',
  status: SettableStatus,
  summary: string,
  errors: readonly string[],
): Route {
  return {
    method: 'POST',
    path: `/admin/users/:id/${action}`,
    operationId: `admin${action[0]!.toUpperCase()}${action.slice(1)}User`,
    summary,
    tag: 'Admin',
    admin: { permission: status === 'revoked' ? 'users:delete' : 'users:write' },
    status: 200,
    response: statusChange,
    errors: [...ADMIN_ERRORS, 'NOT_FOUND', ...errors],
    handle: (ctx) => ctx.ops.setUserStatus(userId(ctx), status, ctx.operator!),
  };
}

export const suspendUserRoute = statusRoute(
  'suspend',
  'suspended',
  'Suspend a user: every session ends, credentials are kept (reactivate undoes it)',
  ['USER_REVOKED', 'CANNOT_ACT_ON_SELF', 'LAST_ADMIN'],
);

export const reactivateUserRoute = statusRoute(
  'reactivate',
  'active',
  'Reactivate a suspended user (their ended sessions stay ended)',
  ['USER_REVOKED'],
);

export const revokeUserRoute = statusRoute(
  'revoke',
  'revoked',
  'Revoke a user for good: every credential, personal access token and session ends',
  ['CANNOT_ACT_ON_SELF', 'LAST_ADMIN'],
);

export const deleteUserRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id',
  operationId: 'adminDeleteUser',
  summary: 'Delete a user softly: sessions end, restorable for the retention period, then erased',
  tag: 'Admin',
  admin: { permission: 'users:delete' },
  status: 200,
  response: statusChange
    .extend({ restorableUntil: z.string().meta({ format: 'date-time' }) })
    .register(apiSchemas, { id: 'AdminUserDeletion' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND', 'USER_NOT_ACTIVE', 'CANNOT_ACT_ON_SELF', 'LAST_ADMIN'],
  handle: (ctx) => ctx.ops.deleteUser(userId(ctx), ctx.operator!),
};

export const restoreUserRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/restore',
  operationId: 'adminRestoreUser',
  summary: 'Bring back a deleted user within the retention period (they sign in again)',
  tag: 'Admin',
  admin: { permission: 'users:delete' },
  status: 200,
  response: statusChange,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: async (ctx) => {
    // A user deleted while suspended or revoked comes back as they were.
    const status = await ctx.ops.restoreUser(userId(ctx));
    return { id: userId(ctx), status, changed: true };
  },
};

export const purgeUserRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/purge',
  operationId: 'adminPurgeUser',
  summary: 'Erase a deleted user now (one not deleted first is 409 USER_NOT_DELETED)',
  tag: 'Admin',
  admin: { permission: 'users:delete' },
  status: 200,
  response: z
    .object({ id: z.string(), purged: z.literal(true) })
    .register(apiSchemas, { id: 'AdminUserPurge' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND', 'USER_NOT_DELETED', 'CANNOT_ACT_ON_SELF'],
  handle: (ctx) => ctx.ops.purgeUser(userId(ctx), ctx.operator!),
};

export const USER_LIFECYCLE_ROUTES: readonly Route[] = [
  suspendUserRoute,
  reactivateUserRoute,
  revokeUserRoute,
  deleteUserRoute,
  restoreUserRoute,
  purgeUserRoute,
];
