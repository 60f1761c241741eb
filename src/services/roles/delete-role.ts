/**
 * Operators: deletes a custom role. Refused (409 `ROLE_IN_USE`) while it is in use — held by a
 * member, the app's default role, or the role of an open invitation — and always for the
 * built-in roles: revoke it from its members (or change the default, revoke the invitations)
 * first. Nothing cascades, so no member ever loses a permission as a side effect. Holding is
 * checked atomically with the deletion (a grant racing it lands first and the deletion is
 * refused, or fails with `ROLE_NOT_FOUND` after it). Emits `role.deleted`.
 */
import { GatehouseError } from '../../core/errors.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';

export async function deleteRole(ctx: ServiceContext, appId: string, name: string): Promise<void> {
  const app = await findApp(ctx, appId);
  const role = typeof name === 'string' ? await ctx.store.roles.find(app.id, name) : null;
  if (!role) throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  if (role.builtIn) throw inUse('Built-in roles cannot be deleted');
  if (app.defaultRole === role.name)
    throw inUse("It is the app's default role: choose another default first");
  const invitations = await ctx.store.invitations.listOpen(app.id, ctx.clock.now());
  if (invitations.some((i) => i.role === role.name)) {
    throw inUse('Open invitations give this role: revoke them first');
  }
  const outcome = await ctx.store.roles.deleteUnused(app.id, role.name);
  if (outcome === 'not_found') throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  if (outcome === 'built_in') throw inUse('Built-in roles cannot be deleted');
  if (outcome === 'in_use') throw inUse('Members hold this role: revoke it from them first');
  await ctx.events.emit({ type: 'role.deleted', targetId: app.id, data: { appId: app.id, role: role.name } });
}

function inUse(message: string): GatehouseError {
  return new GatehouseError('ROLE_IN_USE', message);
}
