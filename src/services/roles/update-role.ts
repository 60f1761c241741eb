/**
 * Operators: replaces a role's permissions and/or description. Built-in `member` and `guest`
 * may be given permissions (what every member or guest of the app may do); built-in `admin`
 * always holds every permission (`*`), so only its description changes. Members see the change
 * at once in Gatehouse's guards and `permissionsOf`, and in their tokens at the next refresh.
 * Emits `role.updated`.
 */
import { z } from 'zod';
import { GatehouseError } from '../../core/errors.js';
import { invalidField, permissionList, readInput, roleDescription } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type RoleView, roleView } from './role-view.js';

export const rolePatchSchema = z.strictObject({
  permissions: permissionList.optional(),
  description: roleDescription.optional(),
});

export type RolePatch = z.input<typeof rolePatchSchema>;

export async function updateRole(
  ctx: ServiceContext,
  appId: string,
  name: string,
  patch: RolePatch,
): Promise<RoleView> {
  const app = await findApp(ctx, appId);
  const fields = readInput(rolePatchSchema, patch, 'role change');
  const current = typeof name === 'string' ? await ctx.store.roles.find(app.id, name) : null;
  if (!current) throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  if (current.builtIn && current.name === 'admin' && fields.permissions !== undefined) {
    throw invalidField('role change', 'permissions', 'the admin role always holds every permission (*)');
  }
  if (Object.keys(fields).length === 0) return roleView(current);
  const updated = await ctx.store.roles.update(app.id, current.name, fields);
  if (!updated) throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  await ctx.events.emit({
    type: 'role.updated',
    targetId: app.id,
    data: {
      appId: app.id,
      role: updated.name,
      fields: Object.keys(fields).sort().join(','),
      permissions: updated.permissions.join(','),
    },
  });
  return roleView(updated);
}
