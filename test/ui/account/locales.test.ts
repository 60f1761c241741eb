/**
 * The account pages' strings: German has every English key, of the same kind, actually
 * translated; function strings keep every value they are given; no string carries markup.
 */
import { describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account.js';

/** Sample arguments for each function string, by path; each must appear in the result. */
const SAMPLE_ARGS: Record<string, readonly (string | number)[]> = {
  'profile.signedInAs': ['ada@example.com'],
  'password.newHint': [15],
  'email.current': ['ada@example.com'],
  'sessions.endWhich': ['Firefox on Linux', '3 Mar 2025'],
  'sessions.othersEnded': [3],
  'deleteAccount.soft': [30],
  'deleted.soft': [30],
};
/** Words that are the same in both languages. */
const SAME_IN_BOTH = new Set(['nav.tokens', 'nav.apps', 'apps.app']);

function texts(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') {
    const args = SAMPLE_ARGS[path];
    if (!args) throw new Error(`${path} takes values: add sample arguments`);
    const text = (value as (...a: unknown[]) => string)(...args);
    for (const arg of args) expect(text, path).toContain(String(arg));
    out.set(path, text);
  } else {
    for (const [key, child] of Object.entries(value as object))
      texts(child, path ? `${path}.${key}` : key, out);
  }
  return out;
}

describe('account page strings', () => {
  const en = texts(accountStrings.en);
  const de = texts(accountStrings.de);

  it('German has exactly the English keys, each translated', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [path, text] of en) {
      expect(de.get(path)?.trim(), path).toBeTruthy();
      if (!SAME_IN_BOTH.has(path)) expect(de.get(path), path).not.toBe(text);
    }
  });

  it('no string carries markup (the templates escape it)', () => {
    for (const [path, text] of [...en, ...de]) expect(text, path).not.toMatch(/[<>]/);
  });

  it('the session count reads naturally for one and for many', () => {
    expect(accountStrings.en.sessions.othersEnded(1)).toBe('1 other session is ended.');
    expect(accountStrings.de.sessions.othersEnded(1)).toBe('1 andere Sitzung ist beendet.');
    expect(accountStrings.en.sessions.othersEnded(2)).toBe('2 other sessions are ended.');
  });
});
