/** Flametrench id wire-format vectors (fixtures/ids/*.json): encode, decode, reject, isValid, typeOf. */
import { describe, expect, it } from 'vitest';
import {
  decodeId,
  encodeId,
  type IdType,
  idType,
  isValidId,
  monotonicIds,
  newId,
} from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { loadFixture } from './fixtures.js';

type Expected = { result?: unknown; error?: string; error_matches?: string };

function expectOutcome(run: () => unknown, expected: Expected) {
  if (expected.error) {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe(expected.error);
    if (expected.error_matches)
      expect((thrown as Error).message).toMatch(new RegExp(expected.error_matches, 'i'));
  } else {
    expect(run()).toEqual(expected.result);
  }
}

for (const file of ['encode.json', 'decode.json', 'decode-reject.json', 'is-valid.json', 'type-of.json']) {
  const fixture = loadFixture<Record<string, string>>(`ids/${file}`);
  describe(`ids/${file} (${fixture.operation})`, () => {
    for (const t of fixture.tests) {
      it(t.id, () => {
        const input = t.input;
        switch (fixture.operation) {
          case 'encode':
            return expectOutcome(() => encodeId(input.type as IdType, input.uuid!), t.expected);
          case 'decode':
            return expectOutcome(() => decodeId(input.id!), t.expected);
          case 'is_valid':
            return expectOutcome(
              () => isValidId(input.id, input.expected_type as IdType | undefined),
              t.expected,
            );
          case 'type_of':
            return expectOutcome(() => idType(input.id!), t.expected);
          default:
            throw new Error(`unhandled operation ${fixture.operation}`);
        }
      });
    }
  });
}

describe('new ids', () => {
  it('are UUIDv7 with the RFC 4122 variant, time-ordered, and decode', () => {
    const a = newId('usr', Date.UTC(2026, 0, 1), systemRandom);
    const b = newId('usr', Date.UTC(2026, 0, 1) + 1, systemRandom);
    expect(a).toMatch(/^usr_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(a < b).toBe(true);
    expect(decodeId(a).uuid.replace(/-/g, '')).toBe(a.slice(4));
    expect(newId('cred', 0, systemRandom)).toMatch(/^cred_[0-9a-f]{32}$/);
    expect(parseInt(a.slice(4, 16), 16)).toBe(Date.UTC(2026, 0, 1));
  });

  it('from monotonicIds sort in creation order within one millisecond and across counter overflow', () => {
    const next = monotonicIds(systemRandom);
    const ids = Array.from({ length: 10_000 }, () => next('evt', Date.UTC(2026, 0, 1)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(isValidId(id, 'evt')).toBe(true);
    // A clock that steps back never makes ids go backwards.
    const later = next('evt', Date.UTC(2025, 0, 1));
    expect(later > ids[ids.length - 1]!).toBe(true);
  });
});
