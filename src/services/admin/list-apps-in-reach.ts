/**
 * Operators: the apps within reach, oldest first — every app for a console operator, the one app
 * a tenant admin runs for them (see app-reach.ts).
 */
import type { AppView } from '../apps/app-view.js';
import { getApp } from '../apps/get-app.js';
import { listApps } from '../apps/list-apps.js';
import type { ServiceContext } from '../context.js';
import type { AppReach } from './app-reach.js';

export async function listAppsInReach(ctx: ServiceContext, reach?: AppReach): Promise<AppView[]> {
  if (!reach?.appId) return listApps(ctx);
  return [await getApp(ctx, reach.appId)];
}
