/**
 * Flametrench `update_user` and the display name (fixtures/identity/user-display-name.json):
 * `createUser` with a display name, `updateUser` setting and clearing it, a suspended user
 * renamed, a revoked one refused (`USER_REVOKED`), an unknown one `NOT_FOUND` — every case on a
 * fresh instance, on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { openGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { loadStepFixture, runSteps } from './identity-steps.js';

const fixture = loadStepFixture('identity/user-display-name.json');

describe.each(storeKinds)('identity/user-display-name.json (update_user) on %s', (kind) => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('update_user');
    expect(fixture.tests).toHaveLength(8);
  });
  for (const testCase of fixture.tests) {
    it(testCase.id, async () => {
      const t = await openGatehouse(kind);
      try {
        await runSteps(t, testCase);
      } finally {
        await t.close();
      }
    });
  }
});
