/**
 * The console users area's strings: counts read naturally for one and for many. Completeness
 * (every key, translated, no markup) is checked for every locale module in
 * `test/ui/locale-completeness.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { consoleUsersStrings } from '../../../src/ui/locales/console-users/index.js';

describe('console users strings', () => {
  it('counts read naturally for one and for many', () => {
    const { en: e, de: d } = consoleUsersStrings;
    expect(e.done.endSessions(1)).toBe('1 session ended.');
    expect(e.done.endSessions(2)).toBe('2 sessions ended.');
    expect(d.done.endSessions(1)).toBe('1 Sitzung wurde beendet.');
    expect(d.done.revokeTokens(2)).toBe('2 Tokens wurden widerrufen.');
    expect(e.confirm.endSessions(1)).toBe(
      '1 live session ends at once, on every device. The user can sign in again.',
    );
    expect(e.detail.factors.codesLeft(1)).toBe('1 code left');
  });
});
