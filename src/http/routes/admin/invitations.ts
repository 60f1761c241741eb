/**
 * The admin API's invitations to an app: list the open ones, invite an address (the link goes out
 * by mail and is never in an answer), revoke. An invitation to the console app makes an operator:
 * console operators only, and only to a console role whose permissions the inviter holds
 * (services/admin/invite-in-reach.ts). A tenant admin reaches their own app only.
 */
import { z } from 'zod';
import { newInvitationSchema } from '../../../services/invitations/create-invitation.js';
import type { Route, RouteContext } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';
import { reachOf } from './apps.js';

const isoTime = z.string().meta({ format: 'date-time' });

const invitationView = z
  .object({
    id: z.string().meta({ example: 'inv_0190f2a81b3c7abc8123456789abcdef' }),
    appId: z.string(),
    email: z.string(),
    role: z.string(),
    invitedBy: z.string().nullable(),
    createdAt: isoTime,
    expiresAt: isoTime,
    acceptedAt: isoTime.nullable(),
    acceptedBy: z.string().nullable(),
    revokedAt: isoTime.nullable(),
  })
  .register(apiSchemas, {
    id: 'AdminInvitation',
    description: 'Never its token: the mail is the only place it exists',
  });

const inviteBody = newInvitationSchema
  .omit({ appId: true })
  .register(apiSchemas, { id: 'AdminCreateInvitationRequest' });

const appId = (ctx: RouteContext) => ctx.params.appId ?? '';

export const listInvitationsRoute: Route = {
  method: 'GET',
  path: '/admin/apps/:appId/invitations',
  operationId: 'adminListInvitations',
  summary: 'An app’s open invitations (not accepted, revoked or expired), newest first',
  tag: 'Admin',
  admin: { permission: 'apps:read', tenant: true },
  status: 200,
  response: z
    .object({ invitations: z.array(invitationView) })
    .register(apiSchemas, { id: 'AdminInvitationList' }),
  errors: ['APP_NOT_FOUND', ...ADMIN_ERRORS],
  handle: async (ctx) => ({ invitations: await ctx.ops.listInvitations(appId(ctx), reachOf(ctx)) }),
};

export const createInvitationRoute: Route = {
  method: 'POST',
  path: '/admin/apps/:appId/invitations',
  operationId: 'adminCreateInvitation',
  summary:
    'Invite an address to an app with a role: a single-use link goes out by mail (never in this answer)',
  tag: 'Admin',
  admin: { permission: 'apps:write', tenant: true },
  body: inviteBody,
  status: 201,
  response: invitationView,
  errors: ['VALIDATION_ERROR', 'APP_NOT_FOUND', 'APP_INACTIVE', 'ROLE_NOT_FOUND', ...ADMIN_ERRORS],
  handle: async (ctx) =>
    ctx.ops.createInvitation(
      { ...(ctx.body as z.input<typeof inviteBody>), appId: appId(ctx) },
      reachOf(ctx),
    ),
};

export const revokeInvitationRoute: Route = {
  method: 'DELETE',
  path: '/admin/apps/:appId/invitations/:invitationId',
  operationId: 'adminRevokeInvitation',
  summary: 'Withdraw an open invitation; its link then answers LINK_INVALID',
  tag: 'Admin',
  admin: { permission: 'apps:write', tenant: true },
  status: 204,
  response: z.null().meta({ description: 'No content' }),
  errors: ['APP_NOT_FOUND', 'NOT_FOUND', ...ADMIN_ERRORS],
  async handle(ctx) {
    await ctx.ops.revokeInvitation(appId(ctx), ctx.params.invitationId ?? '', reachOf(ctx));
    return undefined;
  },
};

/** In documentation order. */
export const ADMIN_INVITATION_ROUTES: readonly Route[] = [
  listInvitationsRoute,
  createInvitationRoute,
  revokeInvitationRoute,
];
