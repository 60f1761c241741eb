/** Operators: an app's roles, by name, with the permissions each grants. */

import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type RoleView, roleView } from './role-view.js';

export async function listRoles(ctx: ServiceContext, appId: string): Promise<RoleView[]> {
  const app = await findApp(ctx, appId);
  return (await ctx.store.roles.list(app.id)).map(roleView);
}
