/**
 * Flametrench PAT wire-format vectors (fixtures/identity/pat/token-format.json): structural
 * validation of `pat_<32 hex>_<base64url secret>`, and tokens we mint pass it.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { newPatToken, parsePatToken } from '../../src/crypto/pat-token.js';
import { loadFixture } from './fixtures.js';

const fixture = loadFixture<{ token: string }, { result: boolean }>('identity/pat/token-format.json');

describe('identity/pat/token-format.json (verify_pat_token)', () => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('verify_pat_token');
    expect(fixture.tests.length).toBe(11);
  });
  for (const t of fixture.tests) {
    it(t.id, () => {
      const parsed = parsePatToken(t.input.token);
      expect(parsed !== null).toBe(t.expected.result);
      if (parsed) {
        // The parts put back together are the token: nothing is dropped or normalised.
        expect(`${parsed.id}_${parsed.secret}`).toBe(t.input.token);
      }
    });
  }
});

describe('minted tokens', () => {
  it('parse back to their id and a 43-character (32-byte) secret', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId('pat', Date.now(), systemRandom);
      const { token, secret } = newPatToken(id, systemRandom);
      expect(token).toMatch(/^pat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
      expect(parsePatToken(token)).toEqual({ id, secret });
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    }
  });
});
