/** Flametrench recovery-code format (fixtures/identity/mfa/recovery-code-format.json): the format predicate. */
import { describe, expect, it } from 'vitest';
import { systemRandom } from '../../src/core/random.js';
import { isValidRecoveryCode, newRecoveryCodes } from '../../src/crypto/recovery-codes.js';
import { loadFixture } from './fixtures.js';

const fixture = loadFixture<{ code: string }, { result: boolean }>('identity/mfa/recovery-code-format.json');

describe('identity/mfa/recovery-code-format.json (generate_recovery_code)', () => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('generate_recovery_code');
    expect(fixture.tests.length).toBe(12);
  });
  for (const t of fixture.tests) {
    it(t.id, () => {
      expect(isValidRecoveryCode(t.input.code)).toBe(t.expected.result);
    });
  }
  it('generated codes satisfy the predicate the fixture pins', () => {
    for (const code of newRecoveryCodes(systemRandom, 50)) expect(isValidRecoveryCode(code), code).toBe(true);
  });
});
