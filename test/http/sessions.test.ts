/**
 * Sessions over HTTP on SQLite and PostgreSQL: refresh input that cannot be a token. Rotation,
 * reuse, sign-out, listing, revocation and expiry are in test/security/sessions.test.ts and
 * test/security/refresh-tokens.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('sessions over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.request('POST', '/auth/refresh', { body: { refreshToken } });

  it('an unknown or garbage refresh token is INVALID_TOKEN', async () => {
    expect((await refresh('A'.repeat(43))).body.error.code).toBe('INVALID_TOKEN');
    expect((await refresh('')).body.error.code).toBe('INVALID_TOKEN');
    expect((await refresh("' OR 1=1 --")).body.error.code).toBe('INVALID_TOKEN');
  });
});
