/**
 * The app registry as the request path reads it: a short-lived per-instance cache in front of
 * the store. Sign-in and sign-up read fresh (a disabled app is refused at once, on every
 * process); guards and CORS read through the cache, so an app's plans or origins changed in
 * another process apply here within `CACHE_MS`. Changes made through this instance apply at once.
 */
import type { App } from '../../core/apps.js';
import type { Clock } from '../../core/clock.js';
import type { AppId } from '../../core/ids.js';
import type { AppStore } from '../../store/ports/app-store.js';

const CACHE_MS = 5_000;

export interface AppDirectory {
  /** The app, at most `CACHE_MS` old; null when unknown (an id the cache lacks is read from the store). */
  get(id: AppId): Promise<App | null>;
  /** The app as the database has it now. */
  fresh(id: AppId): Promise<App | null>;
  /** Every app, at most `CACHE_MS` old. */
  all(): Promise<readonly App[]>;
  /** Forgets what is cached (after a change through this instance). */
  invalidate(): void;
}

export function createAppDirectory(store: AppStore, clock: Clock): AppDirectory {
  let cached: { readonly at: number; readonly apps: Promise<readonly App[]> } | undefined;

  function all(): Promise<readonly App[]> {
    const now = clock.now();
    if (!cached || now - cached.at >= CACHE_MS || now < cached.at) {
      const apps = store.list();
      cached = { at: now, apps };
      // A failed read is not kept: the next call asks again.
      apps.catch(() => {
        if (cached?.apps === apps) cached = undefined;
      });
    }
    return cached.apps;
  }

  return {
    async get(id) {
      const known = (await all()).find((app) => app.id === id);
      if (known) return known;
      // An app made since (here or by another process): read it, and the list again next time.
      const found = await store.find(id);
      if (found) cached = undefined;
      return found;
    },
    fresh: (id) => store.find(id),
    all,
    invalidate() {
      cached = undefined;
    },
  };
}
