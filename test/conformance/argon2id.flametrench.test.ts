/** Flametrench Argon2id interop vectors (fixtures/identity/argon2id.json): hashes from another implementation verify. */
import { describe, expect, it } from 'vitest';
import type { PasswordHash, PlainPassword } from '../../src/core/secrets.js';
import { argon2Hasher } from '../../src/crypto/password-hasher.js';
import { loadFixture } from './fixtures.js';

const fixture = loadFixture<{ phc_hash: string; candidate_password: string }, { result: boolean }>(
  'identity/argon2id.json',
);
const hasher = argon2Hasher();

describe('identity/argon2id.json (verify_password)', () => {
  for (const t of fixture.tests) {
    it(t.id, async () => {
      const ok = await hasher.verify(
        t.input.phc_hash as PasswordHash,
        t.input.candidate_password as PlainPassword,
      );
      expect(ok).toBe(t.expected.result);
    });
  }
  it('the fixture hash is at the current parameters, so it is not re-hashed', () => {
    expect(hasher.needsRehash(fixture.tests[0]!.input.phc_hash as PasswordHash)).toBe(false);
  });
});
