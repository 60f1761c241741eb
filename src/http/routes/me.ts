/**
 * GET, PATCH and DELETE /me, and GET /me/export: the signed-in user's own account. Reading and
 * changing the profile also take a personal access token with the `profile:read` or
 * `profile:write` scope; deleting and exporting the account take a session only.
 */
import { z } from 'zod';
import { profilePatchSchema } from '../../services/profile/profile-patch.js';
import { clearTokenCookies } from '../cookies.js';
import type { Route } from '../route.js';
import { apiSchemas, userView } from '../schemas.js';

const nullableText = z.string().nullable();
const meView = userView
  .extend({
    updatedAt: z.string().meta({ format: 'date-time' }),
    displayName: nullableText,
    imageUrl: nullableText,
    phone: nullableText,
    dateOfBirth: nullableText,
    address: z
      .object({
        street: nullableText,
        city: nullableText,
        state: nullableText,
        country: nullableText,
        postalCode: nullableText,
      })
      .nullable(),
    locale: nullableText,
    metadata: z.record(z.string(), z.unknown()),
    hasPassword: z.boolean().meta({ description: 'Whether the account has a password' }),
    pendingEmail: z
      .object({
        email: z.string().meta({ description: 'The new address waiting for its confirmation link' }),
        expiresAt: z
          .string()
          .meta({ format: 'date-time', description: 'When the confirmation link stops working' }),
      })
      .nullable()
      .meta({ description: 'A requested address change not yet confirmed, or null' }),
  })
  .register(apiSchemas, { id: 'Me' });
const patchBody = profilePatchSchema.register(apiSchemas, {
  id: 'ProfilePatch',
  description: 'Only these fields; null clears one, an absent one is kept. Anything else is refused.',
});
const deleteBody = z
  .strictObject({ password: z.string() })
  .register(apiSchemas, { id: 'DeleteAccountRequest' });
const deleted = z
  .object({
    mode: z.enum(['soft', 'hard']),
    restorableUntil: z
      .string()
      .nullable()
      .meta({ description: 'Soft deletion: until when it can be restored' }),
  })
  .register(apiSchemas, { id: 'AccountDeleted' });
const dataExport = z.record(z.string(), z.unknown()).register(apiSchemas, {
  id: 'DataExport',
  description: 'user, credentials, sessions, pendingLinks, auditEvents (no secrets)',
});
const SESSION_ERRORS = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];

export const getMeRoute: Route = {
  method: 'GET',
  path: '/me',
  operationId: 'getMe',
  summary: 'The signed-in user and their profile',
  tag: 'Profile',
  auth: true,
  patScope: 'profile:read',
  status: 200,
  response: meView,
  errors: [...SESSION_ERRORS, 'INSUFFICIENT_SCOPE'],
  handle: (ctx) => ctx.ops.getMe(ctx.caller ?? ctx.accessToken),
};

export const updateMeRoute: Route = {
  method: 'PATCH',
  path: '/me',
  operationId: 'updateMe',
  summary: 'Change profile fields (an allow-list; any other field is refused and nothing changes)',
  tag: 'Profile',
  auth: true,
  patScope: 'profile:write',
  body: patchBody,
  status: 200,
  response: meView,
  errors: ['VALIDATION_ERROR', ...SESSION_ERRORS, 'INSUFFICIENT_SCOPE'],
  handle: (ctx) => ctx.ops.updateProfile(ctx.caller ?? ctx.accessToken, ctx.body, ctx.client),
};

export const deleteMeRoute: Route = {
  method: 'DELETE',
  path: '/me',
  operationId: 'deleteMe',
  limited: true,
  hashes: true,
  summary: 'Delete the account (password required): soft (restorable for a while) or hard, per settings',
  tag: 'Profile',
  auth: true,
  body: deleteBody,
  status: 200,
  response: deleted,
  errors: ['IMPERSONATION_RESTRICTED', 'VALIDATION_ERROR', 'WRONG_PASSWORD', ...SESSION_ERRORS],
  async handle(ctx) {
    const result = await ctx.ops.deleteAccount(
      ctx.accessToken,
      (ctx.body as { password: string }).password,
      ctx.client,
    );
    // The session is gone: so are its cookies.
    if (ctx.cookieTransport || ctx.request.header('cookie')) clearTokenCookies(ctx.headers, ctx.cookies);
    return result;
  },
};

export const exportMeRoute: Route = {
  method: 'GET',
  path: '/me/export',
  operationId: 'exportMe',
  summary: 'Everything held about the signed-in user, as one JSON document',
  tag: 'Profile',
  auth: true,
  status: 200,
  response: dataExport,
  errors: ['IMPERSONATION_RESTRICTED', ...SESSION_ERRORS],
  async handle(ctx) {
    ctx.headers.set('content-disposition', 'attachment; filename="gatehouse-export.json"');
    return ctx.ops.exportData(ctx.accessToken, ctx.client);
  },
};
