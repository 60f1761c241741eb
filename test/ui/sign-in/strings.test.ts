/**
 * The sign-in area's strings: German has every English string, of the same kind, actually
 * translated; function strings keep every value they are given; no string carries markup.
 */
import { describe, expect, it } from 'vitest';
import { type SignInStrings, signInStrings } from '../../../src/ui/locales/sign-in.js';

/** Sample arguments for every function string, by path (each must show up in the result). */
const SAMPLE_ARGS: Record<string, readonly unknown[]> = {
  'signIn.withProvider': ['Staff SSO'],
  'errors.locked': [7],
  'mfa.locked': [7],
  'code.sentTo': ['ada@example.com'],
  'signUp.ruleMin': [12],
  'signUp.ruleMax': [256],
  'signUp.passwordTooShort': [12],
  'signUp.passwordTooLong': [256],
};
/** The same word in both languages. */
const SAME_IN_BOTH = new Set(['mfa.passkeyTitle', 'code.codeLabel']);

function texts(strings: SignInStrings): Map<string, string | ((...args: unknown[]) => string)> {
  const out = new Map<string, string | ((...args: unknown[]) => string)>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' || typeof value === 'function') out.set(path, value as never);
    else
      for (const [key, child] of Object.entries(value as object)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(strings, '');
  return out;
}

describe('the sign-in strings', () => {
  const en = texts(signInStrings.en);
  const de = texts(signInStrings.de);

  it('German has every English string, of the same kind, and no others', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [path, value] of en) expect(typeof de.get(path), path).toBe(typeof value);
  });

  it.each(['en', 'de'] as const)('%s: function strings hold every value; no markup anywhere', (locale) => {
    for (const [path, value] of locale === 'en' ? en : de) {
      let text: string;
      if (typeof value === 'function') {
        const args = SAMPLE_ARGS[path];
        expect(args, `${path}: add sample arguments`).toBeDefined();
        text = value(...args!);
        for (const arg of args!) expect(text, path).toContain(String(arg));
      } else text = value;
      expect(text.trim(), path).not.toBe('');
      expect(text, path).not.toMatch(/[<>]/);
    }
  });

  it('German is translated: no string reads as the English one', () => {
    for (const [path, value] of en) {
      if (SAME_IN_BOTH.has(path)) continue;
      const other = de.get(path)!;
      const sample = (v: typeof value) => (typeof v === 'function' ? v(...SAMPLE_ARGS[path]!) : v);
      expect(sample(other), path).not.toBe(sample(value));
    }
  });
});
