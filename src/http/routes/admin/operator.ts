/** `GET /admin/me`: who the admin API takes the caller for, and what they may do there. */
import { z } from 'zod';
import type { Route } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

export const adminMeRoute: Route = {
  method: 'GET',
  path: '/admin/me',
  operationId: 'adminMe',
  summary: 'The operator behind this bearer: their user, reach and admin permissions',
  tag: 'Admin',
  admin: { permission: 'users:read', tenant: true },
  status: 200,
  response: z
    .object({
      userId: z.string(),
      email: z.string().nullable(),
      kind: z.enum(['session', 'pat']),
      appId: z.string().nullable().meta({ description: 'null: every app (a console operator)' }),
      permissions: z.array(z.string()),
    })
    .register(apiSchemas, { id: 'AdminOperator' }),
  errors: [...ADMIN_ERRORS],
  handle: async ({ operator }) => {
    const o = operator!;
    return {
      userId: o.user.id,
      email: o.user.email,
      kind: o.kind,
      appId: o.appId,
      permissions: o.permissions,
    };
  },
};
