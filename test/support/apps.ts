/** Apps for tests, made straight in the store (the operations under test are elsewhere). */
import { type App, BUILT_IN_ROLES, DEFAULT_PLANS } from '../../src/core/apps.js';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import type { Store } from '../../src/store/ports/store.js';

export async function seedApp(store: Store, overrides: Partial<App> = {}): Promise<App> {
  const now = Date.now();
  const id = overrides.id ?? newId('app', now, systemRandom);
  const app: App = {
    id,
    name: `App ${id.slice(-6)}`,
    status: 'active',
    secretHash: null,
    signInMethods: null,
    redirectUrls: [],
    corsOrigins: [],
    audience: `https://api.example/${id}`,
    defaultRole: 'member',
    defaultPlan: DEFAULT_PLANS[0]!.name,
    signUp: 'open',
    plans: DEFAULT_PLANS,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await store.apps.create(app, BUILT_IN_ROLES);
  return app;
}
