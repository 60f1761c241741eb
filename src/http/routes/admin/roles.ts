/**
 * The admin API's roles of an app: list, create, change, delete. A tenant admin reaches their
 * own app's roles only (404 `APP_NOT_FOUND` for any other); the console app's roles are changed
 * only by an operator holding every permission. Deleting a role in use is 409 `ROLE_IN_USE`
 * (docs/apps.md#roles-and-permissions).
 */
import { z } from 'zod';
import { newRoleSchema } from '../../../services/roles/create-role.js';
import { rolePatchSchema } from '../../../services/roles/update-role.js';
import type { Route, RouteContext } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { appRoute } from './app-route.js';
import { reachOf } from './apps.js';

const roleView = z
  .object({
    name: z.string().meta({ example: 'billing' }),
    description: z.string().nullable(),
    permissions: z.array(z.string()).meta({ example: ['invoices:*'] }),
    builtIn: z.boolean().meta({ description: 'Built-in roles cannot be deleted; `admin` always holds `*`' }),
    createdAt: z.string().meta({ format: 'date-time' }),
  })
  .register(apiSchemas, { id: 'AdminRole' });

const appId = (ctx: RouteContext) => ctx.params.appId ?? '';
const name = (ctx: RouteContext) => ctx.params.name ?? '';

export const listRolesRoute = appRoute({
  method: 'GET',
  path: '/admin/apps/:appId/roles',
  operationId: 'adminListRoles',
  summary: 'An app’s roles, by name, with the permissions each grants',
  permission: 'apps:read',
  status: 200,
  response: z.object({ roles: z.array(roleView) }).register(apiSchemas, { id: 'AdminRoleList' }),
  errors: ['APP_NOT_FOUND'],
  handle: async (ctx) => ({ roles: await ctx.ops.listRoles(appId(ctx), reachOf(ctx)) }),
});

export const createRoleRoute = appRoute({
  method: 'POST',
  path: '/admin/apps/:appId/roles',
  operationId: 'adminCreateRole',
  summary: 'Add a custom role with the permissions it grants',
  permission: 'apps:write',
  body: newRoleSchema.register(apiSchemas, { id: 'AdminCreateRoleRequest' }),
  status: 201,
  response: roleView,
  errors: ['VALIDATION_ERROR', 'APP_NOT_FOUND', 'ROLE_EXISTS'],
  handle: async (ctx) =>
    ctx.ops.createRole(appId(ctx), ctx.body as z.input<typeof newRoleSchema>, reachOf(ctx)),
});

export const updateRoleRoute = appRoute({
  method: 'PATCH',
  path: '/admin/apps/:appId/roles/:name',
  operationId: 'adminUpdateRole',
  summary: 'Replace a role’s permissions and/or description (`admin` keeps `*`)',
  permission: 'apps:write',
  body: rolePatchSchema.register(apiSchemas, { id: 'AdminUpdateRoleRequest' }),
  status: 200,
  response: roleView,
  errors: ['VALIDATION_ERROR', 'APP_NOT_FOUND', 'ROLE_NOT_FOUND'],
  handle: async (ctx) =>
    ctx.ops.updateRole(appId(ctx), name(ctx), ctx.body as z.input<typeof rolePatchSchema>, reachOf(ctx)),
});

export const deleteRoleRoute = appRoute({
  method: 'DELETE',
  path: '/admin/apps/:appId/roles/:name',
  operationId: 'adminDeleteRole',
  summary:
    'Delete a custom role; 409 ROLE_IN_USE while a member holds it, it is the default role or an open invitation’s, or it is built in',
  permission: 'apps:write',
  status: 204,
  response: z.null().meta({ description: 'No content' }),
  errors: ['APP_NOT_FOUND', 'ROLE_NOT_FOUND', 'ROLE_IN_USE'],
  async handle(ctx) {
    await ctx.ops.deleteRole(appId(ctx), name(ctx), reachOf(ctx));
    return undefined;
  },
});

/** In documentation order. */
export const ADMIN_ROLE_ROUTES: readonly Route[] = [
  listRolesRoute,
  createRoleRoute,
  updateRoleRoute,
  deleteRoleRoute,
];
