/**
 * Flametrench bearer-routing vectors (fixtures/identity/pat/bearer-prefix-routing.json): a
 * bearer goes to the PAT, share or session verifier by its prefix alone, malformed ones included.
 */
import { describe, expect, it } from 'vitest';
import { classifyBearer } from '../../src/crypto/pat-token.js';
import { loadFixture } from './fixtures.js';

const fixture = loadFixture<{ token: string }, { result: string }>('identity/pat/bearer-prefix-routing.json');

describe('identity/pat/bearer-prefix-routing.json (resolve_bearer)', () => {
  it('is the operation these tests run', () => {
    expect(fixture.operation).toBe('resolve_bearer');
    expect(fixture.tests.length).toBe(6);
  });
  for (const t of fixture.tests) {
    it(t.id, () => {
      expect(classifyBearer(t.input.token)).toBe(t.expected.result);
    });
  }
});
