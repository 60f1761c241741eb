/**
 * Which app a request is for: the id it names (`Gatehouse-App` header, an `app` parameter, or
 * `client.app` from code), else the default app. An id that names no app is 404
 * `APP_NOT_FOUND`; a disabled app is 403 `APP_INACTIVE`.
 */
import { type App, DEFAULT_APP_ID } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { type AppId, isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

/** The app id a request names, or the default app's when it names none. */
export function requestedAppId(requested: string | null | undefined): AppId {
  if (requested === undefined || requested === null || requested === '') return DEFAULT_APP_ID;
  if (!isValidId(requested, 'app')) throw appNotFound();
  return requested;
}

export async function resolveApp(
  ctx: ServiceContext,
  requested: string | null | undefined,
  options: { readonly fresh?: boolean } = {},
): Promise<App> {
  const id = requestedAppId(requested);
  const app = options.fresh ? await ctx.apps.fresh(id) : await ctx.apps.get(id);
  if (!app) throw appNotFound();
  if (app.status !== 'active') throw new GatehouseError('APP_INACTIVE', 'This app is disabled');
  return app;
}

export function appNotFound(): GatehouseError {
  return new GatehouseError('APP_NOT_FOUND', 'No app has that id');
}

/** The `aud` of an app's access tokens. */
export function audienceOf(ctx: ServiceContext, app: App): string {
  return app.audience ?? ctx.settings.audience;
}
