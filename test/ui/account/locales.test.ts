/**
 * The account pages' strings: counts read naturally for one and for many. Completeness (every
 * key, translated, no markup) is checked for every locale module in
 * `test/ui/locale-completeness.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';

describe('account page strings', () => {
  it('the session count reads naturally for one and for many', () => {
    expect(accountStrings.en.sessions.othersEnded(1)).toBe('1 other session is ended.');
    expect(accountStrings.de.sessions.othersEnded(1)).toBe('1 andere Sitzung ist beendet.');
    expect(accountStrings.en.sessions.othersEnded(2)).toBe('2 other sessions are ended.');
  });
});
