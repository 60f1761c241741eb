/**
 * Operators: one app by id, disabled ones included (operators manage those too). `findApp` is
 * the lookup every operator operation on an app starts with: a malformed or unknown id is 404
 * `APP_NOT_FOUND`, read fresh from the store rather than the request path's cache.
 */
import type { App } from '../../core/apps.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { type AppView, appView } from './app-view.js';
import { appNotFound } from './resolve-app.js';

export async function findApp(ctx: ServiceContext, appId: unknown): Promise<App> {
  if (!isValidId(appId, 'app')) throw appNotFound();
  const app = await ctx.apps.fresh(appId);
  if (!app) throw appNotFound();
  return app;
}

export async function getApp(ctx: ServiceContext, appId: string): Promise<AppView> {
  return appView(ctx, await findApp(ctx, appId));
}
