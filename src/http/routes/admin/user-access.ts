/**
 * `/admin/users/:id/…`: what an operator does to a user's access — their sessions, second
 * factors, mailed links, memberships of apps and personal access tokens (docs/admin.md, "A
 * user's access"). Every change takes effect at once and is audited with the operator as actor.
 * Routes marked `tenant` also serve an app's own admin, for their app and its members only.
 */
import { z } from 'zod';
import { userAppAccessSchema } from '../../../services/admin/set-user-app-access.js';
import type { Route, RouteContext } from '../../route.js';
import { accepted, apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

const isoTime = z.string().meta({ format: 'date-time' });
const noContent = z.null().meta({ description: 'No content' });

const userSession = z
  .object({
    id: z.string().meta({ example: 'ses_0190f2a81b3c7abc8123456789abcdef' }),
    appId: z.string(),
    createdAt: isoTime,
    lastUsedAt: isoTime,
    expiresAt: isoTime.meta({ description: 'The earlier of the idle and the absolute expiry' }),
    authenticatedAt: isoTime,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    device: z.string().meta({ example: 'Firefox on Linux' }),
    aal: z.enum(['aal1', 'aal2']),
    amr: z.array(z.string()),
    impersonatorId: z
      .string()
      .nullable()
      .meta({ description: 'The operator who started the session as the user; null for their own' }),
  })
  .register(apiSchemas, { id: 'AdminUserSession' });

const membership = z
  .object({
    appId: z.string(),
    userId: z.string(),
    roles: z.array(z.string()),
    plan: z.string(),
    permissions: z.array(z.string()).meta({ description: 'Granted directly, beside those of the roles' }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .register(apiSchemas, { id: 'AdminMembership' });

const userApp = membership
  .extend({ appName: z.string(), appStatus: z.enum(['active', 'disabled']) })
  .register(apiSchemas, { id: 'AdminUserApp' });

const userToken = z
  .object({
    id: z.string().meta({ example: 'pat_0190f2a81b3c7abc8123456789abcdef' }),
    name: z.string(),
    scopes: z.array(z.string()),
    appId: z.string(),
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
  })
  .register(apiSchemas, { id: 'AdminUserToken' });

const userId = (ctx: RouteContext) => ctx.params.id ?? '';
const operator = (ctx: RouteContext) => ctx.operator!;

export const listUserSessionsRoute: Route = {
  method: 'GET',
  path: '/admin/users/:id/sessions',
  operationId: 'adminListUserSessions',
  summary: 'A user’s live sessions, newest first (a tenant admin: at their app only)',
  tag: 'Admin',
  admin: { permission: 'users:read', tenant: true },
  status: 200,
  response: z.object({ sessions: z.array(userSession) }).register(apiSchemas, { id: 'AdminUserSessionList' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: async (ctx) => ({ sessions: await ctx.ops.listUserSessions(userId(ctx), operator(ctx)) }),
};

export const endUserSessionsRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id/sessions',
  operationId: 'adminEndUserSessions',
  summary: 'End every session of a user at once (a tenant admin: at their app only)',
  tag: 'Admin',
  admin: { permission: 'sessions:revoke', tenant: true },
  status: 200,
  response: z
    .object({ ended: z.number().int().meta({ description: 'How many live sessions ended' }) })
    .register(apiSchemas, { id: 'AdminEndedSessions' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: (ctx) => ctx.ops.endUserSessions(userId(ctx), operator(ctx)),
};

export const endUserSessionRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id/sessions/:sessionId',
  operationId: 'adminEndUserSession',
  summary: 'End one session of a user at once (another user’s session is 404)',
  tag: 'Admin',
  admin: { permission: 'sessions:revoke', tenant: true },
  status: 204,
  response: noContent,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.endUserSession(userId(ctx), ctx.params.sessionId ?? '', operator(ctx));
    return undefined;
  },
};

export const resetUserMfaRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/reset-mfa',
  operationId: 'adminResetUserMfa',
  summary: 'Remove every second factor of a user; their sessions end and they are mailed a notice',
  tag: 'Admin',
  admin: { permission: 'mfa:reset' },
  status: 204,
  response: noContent,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.resetMfa(userId(ctx));
    return undefined;
  },
};

export const sendVerificationLinkRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/send-verification',
  operationId: 'adminSendVerificationLink',
  summary: 'Mail the user a new link to verify their address (the answer carries no link)',
  tag: 'Admin',
  admin: { permission: 'links:send' },
  status: 202,
  response: accepted,
  errors: [
    ...ADMIN_ERRORS,
    'NOT_FOUND',
    'EMAIL_ALREADY_VERIFIED',
    'EMAIL_MISSING',
    'USER_NOT_ACTIVE',
    'RATE_LIMITED',
  ],
  async handle(ctx) {
    await ctx.ops.sendVerificationLink(userId(ctx), operator(ctx));
    return { accepted: true };
  },
};

export const sendPasswordResetLinkRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/send-password-reset',
  operationId: 'adminSendPasswordResetLink',
  summary: 'Mail the user a password-reset link (an operator never sees or sets a password)',
  tag: 'Admin',
  admin: { permission: 'links:send' },
  status: 202,
  response: accepted,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND', 'EMAIL_MISSING', 'USER_NOT_ACTIVE', 'RATE_LIMITED'],
  async handle(ctx) {
    await ctx.ops.sendPasswordResetLink(userId(ctx), operator(ctx));
    return { accepted: true };
  },
};

export const listUserAppsRoute: Route = {
  method: 'GET',
  path: '/admin/users/:id/apps',
  operationId: 'adminListUserApps',
  summary: 'The apps a user is a member of, with roles, plan and permissions (a tenant admin: theirs)',
  tag: 'Admin',
  admin: { permission: 'users:read', tenant: true },
  status: 200,
  response: z.object({ apps: z.array(userApp) }).register(apiSchemas, { id: 'AdminUserAppList' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: async (ctx) => ({ apps: await ctx.ops.listUserApps(userId(ctx), operator(ctx)) }),
};

export const setUserAppAccessRoute: Route = {
  method: 'PATCH',
  path: '/admin/users/:id/apps/:appId',
  operationId: 'adminSetUserAppAccess',
  summary: 'Make a user a member of an app if needed, then set their roles, plan and permissions there',
  tag: 'Admin',
  admin: { permission: 'members:write', tenant: true },
  body: userAppAccessSchema.register(apiSchemas, { id: 'AdminUserAppAccess' }),
  status: 200,
  response: z
    .object({
      membership,
      created: z.boolean().meta({ description: 'true (and status 201) when the user just became a member' }),
    })
    .register(apiSchemas, { id: 'AdminUserAppAccessResult' }),
  errors: [
    ...ADMIN_ERRORS,
    'VALIDATION_ERROR',
    'NOT_FOUND',
    'APP_NOT_FOUND',
    'ROLE_NOT_FOUND',
    'PLAN_NOT_FOUND',
    'EMAIL_REQUIRED_FOR_PAID',
    'LAST_ADMIN',
  ],
  async handle(ctx) {
    const result = await ctx.ops.setUserAppAccess(
      userId(ctx),
      ctx.params.appId ?? '',
      ctx.body as z.infer<typeof userAppAccessSchema>,
      operator(ctx),
    );
    if (result.created) ctx.setStatus(201);
    return result;
  },
};

export const removeUserFromAppRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id/apps/:appId',
  operationId: 'adminRemoveUserFromApp',
  summary: 'Remove a user from an app; their sessions there end at once',
  tag: 'Admin',
  admin: { permission: 'members:write', tenant: true },
  status: 204,
  response: noContent,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND', 'APP_NOT_FOUND', 'MEMBERSHIP_NOT_FOUND', 'LAST_ADMIN'],
  async handle(ctx) {
    await ctx.ops.removeUserFromApp(userId(ctx), ctx.params.appId ?? '', operator(ctx));
    return undefined;
  },
};

export const listUserTokensRoute: Route = {
  method: 'GET',
  path: '/admin/users/:id/tokens',
  operationId: 'adminListUserTokens',
  summary: 'A user’s personal access tokens that are not revoked (never a secret)',
  tag: 'Admin',
  admin: { permission: 'users:read' },
  status: 200,
  response: z.object({ tokens: z.array(userToken) }).register(apiSchemas, { id: 'AdminUserTokenList' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: async (ctx) => ({ tokens: await ctx.ops.listUserTokens(userId(ctx), operator(ctx)) }),
};

export const revokeUserTokenRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id/tokens/:patId',
  operationId: 'adminRevokeUserToken',
  summary: 'Revoke one of a user’s personal access tokens at once (another user’s is 404)',
  tag: 'Admin',
  admin: { permission: 'sessions:revoke' },
  status: 204,
  response: noContent,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.revokeUserToken(userId(ctx), ctx.params.patId ?? '', operator(ctx));
    return undefined;
  },
};

export const revokeUserTokensRoute: Route = {
  method: 'DELETE',
  path: '/admin/users/:id/tokens',
  operationId: 'adminRevokeUserTokens',
  summary: 'Revoke every personal access token of a user at once',
  tag: 'Admin',
  admin: { permission: 'sessions:revoke' },
  status: 200,
  response: z
    .object({ revoked: z.number().int().meta({ description: 'How many were revoked' }) })
    .register(apiSchemas, { id: 'AdminRevokedUserTokens' }),
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: (ctx) => ctx.ops.revokeUserTokens(userId(ctx), operator(ctx)),
};

/** In documentation order. */
export const USER_ACCESS_ROUTES: readonly Route[] = [
  listUserSessionsRoute,
  endUserSessionsRoute,
  endUserSessionRoute,
  resetUserMfaRoute,
  sendVerificationLinkRoute,
  sendPasswordResetLinkRoute,
  listUserAppsRoute,
  setUserAppAccessRoute,
  removeUserFromAppRoute,
  listUserTokensRoute,
  revokeUserTokenRoute,
  revokeUserTokensRoute,
];
