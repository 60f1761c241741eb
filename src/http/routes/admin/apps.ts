/**
 * The admin API's apps and their members: list, create, read, change (plans, status…), rotate
 * the secret, list members. A tenant admin reaches their own app only — any other is 404
 * `APP_NOT_FOUND` — and cannot create apps or rotate secrets; the console app is changed only by
 * an operator holding every permission (services/admin/app-reach.ts). Rules in docs/admin.md.
 */
import { z } from 'zod';
import { GatehouseError } from '../../../core/errors.js';
import type { AppReach } from '../../../services/admin/app-reach.js';
import { newAppSchema } from '../../../services/apps/create-app.js';
import { appPatchSchema } from '../../../services/apps/update-app.js';
import type { Route, RouteContext } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { appRoute } from './app-route.js';

const isoTime = z.string().meta({ format: 'date-time' });

export const adminAppView = z
  .object({
    id: z.string().meta({ example: 'app_0190f2a81b3c7abc8123456789abcdef' }),
    name: z.string(),
    isDefault: z.boolean().meta({ description: 'The app of every request that names none' }),
    status: z.enum(['active', 'disabled']),
    signInMethods: z
      .array(z.string())
      .nullable()
      .meta({ description: 'null: every method the instance has configured' }),
    redirectUrls: z.array(z.string()),
    corsOrigins: z.array(z.string()),
    audience: z.string().meta({ description: 'The `aud` of the app’s access tokens' }),
    defaultRole: z.string(),
    defaultPlan: z.string(),
    signUp: z.enum(['open', 'invite_only']),
    plans: z.array(z.object({ name: z.string(), paid: z.boolean() })).meta({ description: 'Lowest first' }),
    hasSecret: z
      .boolean()
      .meta({ description: 'The secret itself is only ever in a create or rotate answer' }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .register(apiSchemas, { id: 'AdminApp' });

const createdApp = z
  .object({
    app: adminAppView,
    secret: z.string().meta({ description: 'The app secret: in this answer only, never shown again' }),
  })
  .register(apiSchemas, { id: 'AdminAppWithSecret' });

/** The operator the HTTP core resolved, as the reach of the app operations (never "everywhere" by omission). */
export function reachOf(ctx: RouteContext): AppReach {
  if (!ctx.operator) throw new GatehouseError('NOT_AN_OPERATOR', 'Only operators can use the admin API');
  return ctx.operator;
}

const appId = (ctx: RouteContext) => ctx.params.appId ?? '';

export const listAppsRoute = appRoute({
  method: 'GET',
  path: '/admin/apps',
  operationId: 'adminListApps',
  summary: 'Every app, oldest first (a tenant admin: their own app only)',
  permission: 'apps:read',
  status: 200,
  response: z.object({ apps: z.array(adminAppView) }).register(apiSchemas, { id: 'AdminAppList' }),
  handle: async (ctx) => ({ apps: await ctx.ops.listApps(reachOf(ctx)) }),
});

export const createAppRoute = appRoute({
  method: 'POST',
  path: '/admin/apps',
  operationId: 'adminCreateApp',
  summary: 'Register an app (console operators only); its secret is in this answer only',
  permission: 'apps:write',
  consoleOnly: true,
  body: newAppSchema.register(apiSchemas, { id: 'AdminCreateAppRequest' }),
  status: 201,
  response: createdApp,
  errors: ['VALIDATION_ERROR', 'AUDIENCE_TAKEN'],
  handle: async (ctx) => ctx.ops.createApp(ctx.body as z.input<typeof newAppSchema>),
});

export const getAppRoute = appRoute({
  method: 'GET',
  path: '/admin/apps/:appId',
  operationId: 'adminGetApp',
  summary: 'One app (never its secret)',
  permission: 'apps:read',
  status: 200,
  response: adminAppView,
  errors: ['APP_NOT_FOUND'],
  handle: async (ctx) => ctx.ops.getApp(appId(ctx), reachOf(ctx)),
});

export const updateAppRoute = appRoute({
  method: 'PATCH',
  path: '/admin/apps/:appId',
  operationId: 'adminUpdateApp',
  summary:
    'Change an app’s fields (only those given): name, sign-in methods, URLs, origins, audience, defaults, sign-up, plans, status — disabling ends every session at it',
  permission: 'apps:write',
  body: appPatchSchema.register(apiSchemas, { id: 'AdminUpdateAppRequest' }),
  status: 200,
  response: adminAppView,
  errors: ['VALIDATION_ERROR', 'APP_NOT_FOUND', 'AUDIENCE_TAKEN'],
  handle: async (ctx) =>
    ctx.ops.updateApp(appId(ctx), ctx.body as z.input<typeof appPatchSchema>, reachOf(ctx)),
});

export const rotateAppSecretRoute = appRoute({
  method: 'POST',
  path: '/admin/apps/:appId/rotate-secret',
  operationId: 'adminRotateAppSecret',
  summary: 'A new app secret, in this answer only; the old one stops working (console operators only)',
  permission: 'apps:write',
  consoleOnly: true,
  status: 200,
  response: createdApp,
  errors: ['APP_NOT_FOUND'],
  handle: async (ctx) => ctx.ops.rotateAppSecret(appId(ctx)),
});

const memberQuery = z.object({
  cursor: z.string().max(64).optional().meta({ description: '`nextCursor` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: '1–200, 50 by default' }),
});

export const listMembersRoute = appRoute({
  method: 'GET',
  path: '/admin/apps/:appId/members',
  operationId: 'adminListMembers',
  summary: 'An app’s members, ordered by user id, a page at a time',
  permission: 'apps:read',
  query: memberQuery,
  status: 200,
  response: z
    .object({
      items: z.array(
        z.object({
          appId: z.string(),
          userId: z.string(),
          roles: z.array(z.string()),
          plan: z.string(),
          permissions: z.array(z.string()).meta({ description: 'Granted directly, beside the roles’' }),
          createdAt: isoTime,
          updatedAt: isoTime,
        }),
      ),
      nextCursor: z.string().nullable().meta({ description: 'null after the last page' }),
    })
    .register(apiSchemas, { id: 'AdminMemberPage' }),
  errors: ['VALIDATION_ERROR', 'APP_NOT_FOUND'],
  handle: async (ctx) =>
    ctx.ops.listMembers(appId(ctx), ctx.query as z.output<typeof memberQuery>, reachOf(ctx)),
});

/** In documentation order. */
export const ADMIN_APP_ROUTES: readonly Route[] = [
  listAppsRoute,
  createAppRoute,
  getAppRoute,
  updateAppRoute,
  rotateAppSecretRoute,
  listMembersRoute,
];
