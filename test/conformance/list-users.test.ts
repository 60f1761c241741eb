/**
 * Flametrench `list_users` (fixtures/identity/list-users.json): every case through `listUsers`
 * and the account operations, each on a fresh instance, on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { openGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { loadStepFixture, runSteps } from './identity-steps.js';

const fixture = loadStepFixture('identity/list-users.json');

/** Cases with no faithful Gatehouse counterpart, and why. */
const NOT_APPLICABLE: Record<string, string> = {
  'list_users.query_skips_revoked_credentials':
    'in Gatehouse an identifier (email, username) belongs to the account, not to a credential: ' +
    'revoking a credential leaves the address on the account, and the search rightly finds it; ' +
    'there is no revoke_credential to map to',
};

describe.each(storeKinds)('identity/list-users.json (list_users) on %s', (kind) => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('list_users');
    expect(fixture.tests.map((t) => t.id)).toHaveLength(9);
    for (const id of Object.keys(NOT_APPLICABLE)) expect(fixture.tests.map((t) => t.id)).toContain(id);
  });
  for (const testCase of fixture.tests) {
    const reason = NOT_APPLICABLE[testCase.id];
    if (reason !== undefined) {
      it.skip(`${testCase.id} — not applicable: ${reason}`, () => {});
      continue;
    }
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
