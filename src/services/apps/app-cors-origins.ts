/**
 * The origins active apps allow to call the API from a browser (their `corsOrigins`), read
 * through the app directory's short cache — so an app added in another process is served within
 * its bound. Computed once per list the directory hands out.
 */
import type { App } from '../../core/apps.js';
import type { ServiceContext } from '../context.js';

const byList = new WeakMap<readonly App[], ReadonlySet<string>>();

export async function appCorsOrigins(ctx: ServiceContext): Promise<ReadonlySet<string>> {
  const apps = await ctx.apps.all();
  let origins = byList.get(apps);
  if (!origins) {
    const listed = new Set<string>();
    for (const app of apps) {
      if (app.status !== 'active') continue;
      for (const origin of app.corsOrigins) {
        try {
          listed.add(new URL(origin).origin);
        } catch {
          // Checked when the app is saved; a row that fails here allows nothing.
        }
      }
    }
    origins = listed;
    byList.set(apps, origins);
  }
  return origins;
}
