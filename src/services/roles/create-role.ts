/**
 * Operators: adds a custom role to an app, with the permissions it grants (`invoices:read`,
 * `invoices:*`, or `*`; see docs/apps.md). A name the app already has is 409 `ROLE_EXISTS`.
 * Emits `role.created`.
 *
 * @example
 * await gatehouse.createRole(appId, { name: 'billing', permissions: ['invoices:*'] });
 */
import { z } from 'zod';
import { GatehouseError } from '../../core/errors.js';
import { permissionList, readInput, roleDescription, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type RoleView, roleView } from './role-view.js';

export const newRoleSchema = z.strictObject({
  name: roleName,
  permissions: permissionList.optional(),
  description: roleDescription.optional(),
});

export type NewRole = z.input<typeof newRoleSchema>;

export async function createRole(ctx: ServiceContext, appId: string, input: NewRole): Promise<RoleView> {
  const app = await findApp(ctx, appId);
  const fields = readInput(newRoleSchema, input, 'role');
  const role = {
    appId: app.id,
    name: fields.name,
    description: fields.description ?? null,
    permissions: fields.permissions ?? [],
    builtIn: false,
    createdAt: ctx.clock.now(),
  };
  if (!(await ctx.store.roles.create(role))) {
    throw new GatehouseError('ROLE_EXISTS', 'The app already has a role by that name');
  }
  await ctx.events.emit({
    type: 'role.created',
    targetId: app.id,
    data: { appId: app.id, role: role.name, permissions: role.permissions.join(',') },
  });
  return roleView(role);
}
