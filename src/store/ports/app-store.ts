/** Port: the app registry. */
import type { App } from '../../core/apps.js';
import type { AppId } from '../../core/ids.js';

export type AppChanges = Partial<Omit<App, 'id' | 'createdAt' | 'updatedAt'>>;

export interface AppStore {
  /** Stores a new app and its built-in roles, in one transaction. */
  create(
    app: App,
    builtInRoles: ReadonlyArray<{ name: string; description: string | null; permissions: readonly string[] }>,
  ): Promise<void>;
  find(id: AppId): Promise<App | null>;
  /** Every app, oldest first (the default app first). */
  list(): Promise<App[]>;
  /** Applies `changes` and sets `updatedAt`; returns the app as it now is, or null when unknown. */
  update(id: AppId, changes: AppChanges, now: number): Promise<App | null>;
}
