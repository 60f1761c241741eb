/**
 * What a person does with apps over HTTP (operators' routes are the admin API's): accept an
 * invitation with its mailed token — a new account gets a session (201, like sign-up), an
 * existing one joins and signs in as usual (200, no session) — and list the apps they belong to.
 * Rules in docs/apps.md#invitations.
 */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../../crypto/password-policy.js';
import { type AcceptInvitationInput, isNewAccount } from '../../services/invitations/accept-invitation.js';
import type { Route } from '../route.js';
import { apiSchemas, authResult } from '../schemas.js';
import { tokenResponse } from './token-response.js';

const acceptBody = z
  .strictObject({
    token: z.string().min(1).max(256),
    password: z
      .string()
      .max(MAX_PASSWORD_LENGTH * 4)
      .nullable()
      .optional()
      .meta({ description: 'A new account’s first password (optional; ignored for an existing account)' }),
    name: z.string().max(200).nullable().optional(),
  })
  .register(apiSchemas, { id: 'AcceptInvitationRequest' });

const joined = z
  .object({ accepted: z.literal(true), appId: z.string(), role: z.string() })
  .register(apiSchemas, {
    id: 'InvitationAccepted',
    description: 'An existing account joined the app; no session — sign in as usual',
  });

const myApps = z
  .object({
    apps: z.array(
      z.object({
        appId: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
        plan: z.string(),
        joinedAt: z.string().meta({ format: 'date-time' }),
      }),
    ),
  })
  .register(apiSchemas, { id: 'MyApps' });

export const acceptInvitationRoute: Route = {
  method: 'POST',
  path: '/invitations/accept',
  operationId: 'acceptInvitation',
  limited: true,
  hashes: true,
  summary:
    'Accept an invitation: a new account at the invited address gets a session (201); an existing account joins the app and signs in as usual (200, no session)',
  tag: 'Apps',
  body: acceptBody,
  status: 201,
  response: z.union([authResult, joined]),
  errors: [
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'LINK_INVALID',
    'LINK_EXPIRED',
    'LINK_USED',
    'APP_INACTIVE',
    'RATE_LIMITED',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  async handle(ctx) {
    const result = await ctx.ops.acceptInvitation(ctx.body as AcceptInvitationInput, ctx.client);
    if (isNewAccount(result)) return tokenResponse(ctx, result);
    ctx.setStatus(200);
    return result;
  },
};

export const listMyAppsRoute: Route = {
  method: 'GET',
  path: '/me/apps',
  operationId: 'listMyApps',
  summary: 'The apps the signed-in user belongs to, with their roles and plan in each',
  tag: 'Apps',
  auth: true,
  status: 200,
  response: myApps,
  errors: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  handle: (ctx) => ctx.ops.listMyApps(ctx.accessToken),
};

export const INVITATION_ROUTES: readonly Route[] = [acceptInvitationRoute, listMyAppsRoute];
