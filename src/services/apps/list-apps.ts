/** Operators: every app, oldest first (the default app first), as `AppView`s. */
import type { ServiceContext } from '../context.js';
import { type AppView, appView } from './app-view.js';

export async function listApps(ctx: ServiceContext): Promise<AppView[]> {
  const apps = await ctx.store.apps.list();
  return apps.map((app) => appView(ctx, app));
}
