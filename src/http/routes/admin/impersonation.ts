/**
 * `POST /admin/users/:id/impersonate`: an operator starts a short session as a user (see
 * services/admin/impersonate.ts). Console operators only. The answer carries an access token and
 * no refresh token, and sets no cookie: the operator's own session stays as it was.
 */
import { z } from 'zod';
import { impersonationInputSchema } from '../../../services/admin/impersonate.js';
import type { Route } from '../../route.js';
import { apiSchemas, sessionView, userView } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

export const impersonateRoute: Route = {
  method: 'POST',
  path: '/admin/users/:id/impersonate',
  operationId: 'adminImpersonateUser',
  summary: 'Start a short session as a user (no refresh; the token carries `act`)',
  tag: 'Admin',
  admin: { permission: 'users:impersonate' },
  body: impersonationInputSchema.register(apiSchemas, { id: 'ImpersonationRequest' }),
  status: 201,
  response: z
    .object({
      user: userView,
      session: sessionView,
      accessToken: z.string().meta({
        description: 'Carries `act: {sub: <operator id>}` (RFC 8693); lives as long as the session',
      }),
      expiresIn: z.number().int().meta({ description: 'Access-token lifetime in seconds' }),
      expiresAt: z
        .string()
        .meta({ format: 'date-time', description: 'When the session ends; nothing extends it' }),
    })
    .register(apiSchemas, { id: 'Impersonation' }),
  errors: [
    ...ADMIN_ERRORS,
    'VALIDATION_ERROR',
    'NOT_FOUND',
    'CANNOT_IMPERSONATE_OPERATOR',
    'USER_SUSPENDED',
    'USER_REVOKED',
    'APP_NOT_FOUND',
    'APP_INACTIVE',
    'NOT_A_MEMBER',
  ],
  handle: ({ ops, operator, params, body, client }) =>
    ops.impersonate(operator!.user.id, params.id ?? '', body, client),
};
