/** `GET /admin/stats`: the installation's figures, for console operators (docs/admin.md, "Stats"). */
import { z } from 'zod';
import type { Route } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

const count = z.number().int();
const day = z.object({
  date: z.string().meta({ example: '2024-06-30' }),
  signUps: count,
  signIns: count,
  failedSignIns: count,
});

const statsQuery = z.strictObject({
  app: z.string().max(100).optional().meta({ description: 'Only this app in `apps`' }),
});

export const statsRoute: Route = {
  method: 'GET',
  path: '/admin/stats',
  operationId: 'adminStats',
  summary: 'Users by status, sign-ups and sign-ins per day (30 UTC days), sessions, factors, apps',
  tag: 'Admin',
  admin: { permission: 'stats:read' },
  query: statsQuery,
  status: 200,
  response: z
    .object({
      at: z.string().meta({ format: 'date-time', description: 'When the figures were read' }),
      users: z.object({
        total: count.meta({ description: 'Every account, deleted (restorable) ones included' }),
        active: count,
        suspended: count,
        revoked: count,
        deleted: count,
        unverified: count.meta({ description: 'Not deleted, with an address not verified' }),
      }),
      days: z.array(day).meta({ description: 'The last 30 UTC days, oldest first, today last' }),
      last30Days: z.object({ signUps: count, signIns: count, failedSignIns: count }),
      activeSessions: count,
      factors: z
        .object({ totp: count, passkey: count, phone: count, recoveryCodes: count, any: count })
        .meta({ description: 'Active users with each kind of factor' }),
      apps: z.array(
        z.object({
          appId: z.string(),
          name: z.string(),
          status: z.enum(['active', 'disabled']),
          members: count,
          activeSessions: count,
          signIns: count.meta({ description: 'Successful sign-ins over the 30 days' }),
        }),
      ),
    })
    .register(apiSchemas, { id: 'AdminStats' }),
  errors: [...ADMIN_ERRORS, 'VALIDATION_ERROR', 'APP_NOT_FOUND'],
  handle: async ({ ops, query }) => {
    const q = query as z.output<typeof statsQuery>;
    return ops.getStats(q.app !== undefined ? { appId: q.app } : {});
  },
};
