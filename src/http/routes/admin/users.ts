/**
 * `/admin/users`: find, inspect, create and change users (docs/admin.md, "Users"). Listing and
 * the detail also serve an app's own admin, for their app's members only (anyone else is 404,
 * AZ-04); creating and changing are for console operators. Ending a user's time here
 * (suspend, delete, purge…) is in `user-lifecycle.ts`; their sessions, factors, links, apps
 * and tokens in `user-access.ts`.
 */
import { z } from 'zod';
import { provisionUserSchema } from '../../../services/admin/create-user.js';
import { profilePatchSchema } from '../../../services/profile/profile-patch.js';
import type { Route, RouteContext } from '../../route.js';
import { apiSchemas, userView } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

const isoTime = z.string().meta({ format: 'date-time' });
const text = z.string().nullable();
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

const listQuery = z.strictObject({
  status: z.enum(['active', 'suspended', 'revoked', 'deleted']).optional().meta({
    description: 'Without it, every status but deleted',
  }),
  app: z
    .string()
    .optional()
    .meta({ description: 'Only members of this app (a tenant admin: always theirs)' }),
  role: z.string().optional().meta({ description: 'Only members holding this role at `app`' }),
  plan: z.string().optional().meta({ description: 'Only members on this plan at `app`' }),
  verified: flag.meta({ description: 'true or false: whether the address is verified' }),
  hasMfa: flag.meta({ description: 'true or false: an authenticator app, a passkey or a phone' }),
  q: z
    .string()
    .optional()
    .meta({ description: 'Case-insensitive substring of email, username, name, display name' }),
  cursor: z.string().optional().meta({ description: '`nextCursor` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: '1–200, default 50' }),
});

const userSummary = z
  .object({
    id: z.string().meta({ example: 'usr_0190f2a81b3c7abc8123456789abcdef' }),
    email: text,
    username: text,
    name: text,
    displayName: text,
    status: z.enum(['active', 'suspended', 'revoked', 'deleted']),
    emailVerified: z.boolean(),
    createdAt: isoTime,
  })
  .register(apiSchemas, { id: 'AdminUserSummary' });

const adminUser = userView
  .extend({
    updatedAt: isoTime,
    displayName: text,
    imageUrl: text,
    phone: text,
    dateOfBirth: text,
    address: z.object({ street: text, city: text, state: text, country: text, postalCode: text }).nullable(),
    locale: text,
    metadata: z.record(z.string(), z.unknown()),
  })
  .register(apiSchemas, { id: 'AdminUser' });

const detailUser = adminUser.extend({
  deletedAt: isoTime.nullable(),
  restorableUntil: isoTime.nullable().meta({ description: 'A deleted user: until when it can be restored' }),
});

const membership = z.object({
  appId: z.string(),
  userId: z.string(),
  roles: z.array(z.string()),
  plan: z.string(),
  permissions: z.array(z.string()),
  createdAt: isoTime,
  updatedAt: isoTime,
});

const userDetail = z
  .object({
    user: detailUser,
    password: z.object({ set: z.boolean(), setAt: isoTime.nullable() }),
    factors: z.object({
      totp: z.object({ enabled: z.boolean(), activatedAt: isoTime.nullable() }),
      passkeys: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          createdAt: isoTime,
          lastUsedAt: isoTime.nullable(),
          backedUp: z.boolean(),
          transports: z.array(z.string()),
        }),
      ),
      phone: z
        .object({ phone: z.string().meta({ example: '+•••••••••23' }), verifiedAt: isoTime })
        .nullable(),
      recoveryCodes: z.object({ remaining: z.number().int() }),
    }),
    identities: z.array(
      z.object({
        id: z.string(),
        provider: z.string(),
        email: text,
        createdAt: isoTime,
        lastUsedAt: isoTime.nullable(),
      }),
    ),
    memberships: z.array(membership),
    sessions: z.array(
      z.object({
        id: z.string(),
        appId: z.string(),
        createdAt: isoTime,
        lastUsedAt: isoTime,
        expiresAt: isoTime,
        authenticatedAt: isoTime,
        ip: text,
        userAgent: text,
        device: z.string(),
        aal: z.enum(['aal1', 'aal2']),
        amr: z.array(z.string()),
        impersonatorId: text.meta({ description: 'The operator who started it as the user' }),
      }),
    ),
    tokens: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        scopes: z.array(z.string()),
        appId: z.string(),
        createdAt: isoTime,
        expiresAt: isoTime.nullable(),
        lastUsedAt: isoTime.nullable(),
      }),
    ),
    recentEvents: z
      .array(
        z.object({
          id: z.string(),
          at: isoTime,
          type: z.string(),
          outcome: z.enum(['success', 'failure']),
          actorId: text,
          targetId: text,
          userId: text,
          sessionId: text,
          ip: text,
          userAgent: text,
          data: z.record(z.string(), z.unknown()),
        }),
      )
      .meta({ description: 'The 20 latest events about the user, newest first; empty for a tenant admin' }),
  })
  .register(apiSchemas, { id: 'AdminUserDetail' });

const createBody = provisionUserSchema.register(apiSchemas, {
  id: 'AdminCreateUserRequest',
  description: 'An email, a username or both; without a password the address is mailed a link to set one',
});

const patchBody = profilePatchSchema
  .extend({
    emailVerified: z.boolean().optional().meta({ description: 'Not with `email`' }),
    email: z
      .string()
      .max(320)
      .optional()
      .meta({ description: 'Moves the account now; the old address is told' }),
    reverify: z
      .boolean()
      .optional()
      .meta({ description: 'With `email`: set it unverified and mail it a link (default: set verified)' }),
  })
  .register(apiSchemas, { id: 'AdminUpdateUserRequest' });

const userId = (ctx: RouteContext) => ctx.params.id ?? '';

export const listUsersRoute: Route = {
  method: 'GET',
  path: '/admin/users',
  operationId: 'adminListUsers',
  summary: 'Users by id, a page at a time, with filters and a search (a tenant admin: their app’s members)',
  tag: 'Admin',
  admin: { permission: 'users:read', tenant: true },
  query: listQuery,
  status: 200,
  response: z
    .object({
      users: z.array(userSummary),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
    })
    .register(apiSchemas, { id: 'AdminUserList' }),
  errors: [...ADMIN_ERRORS, 'VALIDATION_ERROR', 'APP_NOT_FOUND'],
  handle: async (ctx) => {
    const { app, q, ...filters } = ctx.query as z.output<typeof listQuery>;
    return ctx.ops.listUsers(
      { ...filters, ...(app === undefined ? {} : { appId: app }), ...(q === undefined ? {} : { query: q }) },
      ctx.operator!,
    );
  },
};

export const getUserRoute: Route = {
  method: 'GET',
  path: '/admin/users/:id',
  operationId: 'adminGetUser',
  summary:
    'One user: profile, password set or not, factors, identities, apps, sessions, tokens, recent events',
  tag: 'Admin',
  admin: { permission: 'users:read', tenant: true },
  status: 200,
  response: userDetail,
  errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  handle: (ctx) => ctx.ops.getUserDetail(userId(ctx), ctx.operator!),
};

export const createUserRoute: Route = {
  method: 'POST',
  path: '/admin/users',
  operationId: 'adminCreateUser',
  summary: 'Create a user with a password, or mail them a link to set one; optionally with app memberships',
  tag: 'Admin',
  admin: { permission: 'users:write' },
  hashes: true,
  body: createBody,
  status: 201,
  response: z
    .object({
      user: adminUser,
      memberships: z.array(membership),
      setPasswordLinkSent: z.boolean(),
    })
    .register(apiSchemas, { id: 'AdminCreatedUser' }),
  errors: [
    ...ADMIN_ERRORS,
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'USER_EXISTS',
    'USERNAME_TAKEN',
    'APP_NOT_FOUND',
    'ROLE_NOT_FOUND',
    'PLAN_NOT_FOUND',
    'EMAIL_REQUIRED_FOR_PAID',
  ],
  handle: (ctx) => ctx.ops.provisionUser(ctx.body as z.output<typeof provisionUserSchema>),
};

export const updateUserRoute: Route = {
  method: 'PATCH',
  path: '/admin/users/:id',
  operationId: 'adminUpdateUser',
  summary: 'Change profile fields, the verified flag, and the address (with or without re-verification)',
  tag: 'Admin',
  admin: { permission: 'users:write' },
  body: patchBody,
  status: 200,
  response: adminUser,
  errors: [
    ...ADMIN_ERRORS,
    'VALIDATION_ERROR',
    'NOT_FOUND',
    'USER_EXISTS',
    'USER_REVOKED',
    'USER_NOT_ACTIVE',
  ],
  handle: (ctx) => ctx.ops.editUser(userId(ctx), ctx.body, ctx.operator!),
};

export const USER_ROUTES: readonly Route[] = [listUsersRoute, createUserRoute, getUserRoute, updateUserRoute];
