/**
 * The page locales: German has every English string, of the same kind, actually translated, and
 * no locale smuggles markup into text the templates will escape.
 */
import { describe, expect, it } from 'vitest';
import { de } from '../../src/ui/locales/de.js';
import { en, type PageStrings } from '../../src/ui/locales/en.js';

/**
 * Sample arguments for every function string, by path. Each value must show up in the result,
 * so a translation cannot drop one; numbers stay below 1000 so German grouping leaves them as is.
 */
const SAMPLE_ARGS: Record<string, readonly unknown[]> = {
  'layout.documentTitle': ['Seite', 'Gatehouse'],
  'form.passwordTooShort': [12],
  'form.passwordTooLong': [128],
  'resetPassword.passwordHint': [12],
  'acceptInvitation.passwordHint': [12],
  'errors.internal': ['req_7f3a9c'],
};

/**
 * Strings that may read the same in both languages: only pure placeholders or brand names.
 * `documentTitle` is just `page – product`.
 */
const SAME_IN_BOTH = new Set(['layout.documentTitle']);

type Leaf = { kind: 'string'; value: string } | { kind: 'function'; fn: (...args: unknown[]) => unknown };

/** Every leaf of a locale by dotted path; what a function returns is walked under its own path. */
function leaves(value: unknown, path = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  if (typeof value === 'string') out.set(path, { kind: 'string', value });
  else if (typeof value === 'function') out.set(path, { kind: 'function', fn: value as never });
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [p, leaf] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, leaf);
    }
  } else throw new Error(`${path || '(root)'} is neither text, a function nor a group`);
  return out;
}

/** Every piece of text a locale shows, by path, with function strings called on their samples. */
function texts(locale: PageStrings): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, leaf] of leaves(locale)) {
    if (leaf.kind === 'string') {
      out.set(path, leaf.value);
      continue;
    }
    const args = SAMPLE_ARGS[path];
    if (!args) throw new Error(`${path} takes values: add sample arguments to SAMPLE_ARGS`);
    for (const [p, text] of leaves(leaf.fn(...args), path)) {
      if (text.kind !== 'string') throw new Error(`${p} returned a function`);
      out.set(p, text.value);
    }
  }
  return out;
}

const locales = { en, de } as const;

describe('page locales', () => {
  it('German has every English key, of the same kind, and no others', () => {
    const enLeaves = leaves(en);
    const deLeaves = leaves(de);
    expect([...deLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    for (const [path, leaf] of enLeaves) {
      const other = deLeaves.get(path);
      expect(other?.kind, path).toBe(leaf.kind);
      if (leaf.kind === 'function' && other?.kind === 'function') {
        expect(other.fn.length, `${path} parameters`).toBe(leaf.fn.length);
      }
    }
    expect(de.lang).toBe('de');
    expect(en.lang).toBe('en');
  });

  it.each(Object.entries(locales))(
    '%s: function strings return text that holds every value given',
    (_, locale) => {
      const result = texts(locale);
      for (const [path, leaf] of leaves(locale)) {
        if (leaf.kind !== 'function') continue;
        const args = SAMPLE_ARGS[path] ?? [];
        const produced = [...result]
          .filter(([p]) => p === path || p.startsWith(`${path}.`))
          .map(([, t]) => t);
        expect(produced.length, path).toBeGreaterThan(0);
        const joined = produced.join('\n');
        for (const t of produced) expect(t.trim(), path).not.toBe('');
        for (const arg of args) expect(joined, `${path} shows ${String(arg)}`).toContain(String(arg));
      }
    },
  );

  it.each(Object.entries(locales))('%s: every text is non-empty and has no HTML markup', (_, locale) => {
    for (const [path, text] of texts(locale)) {
      expect(text.trim(), path).not.toBe('');
      expect(text, path).not.toContain('<');
      expect(text, `${path} holds an HTML entity`).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
    }
  });

  it('every German text is translated, except the listed placeholders', () => {
    const enTexts = texts(en);
    const same = [...texts(de)].filter(([path, text]) => enTexts.get(path) === text).map(([path]) => path);
    const sameRoots = new Set(same.map((path) => [...SAME_IN_BOTH].find((s) => path.startsWith(s)) ?? path));
    expect([...sameRoots].sort()).toEqual([...SAME_IN_BOTH].sort());
  });

  it('German text uses German quotation marks and grouped numbers', () => {
    for (const [path, text] of texts(de)) {
      expect(text, `${path} has straight double quotes`).not.toContain('"');
      expect(text.split('„').length, `${path} pairs „ with “`).toBe(text.split('“').length);
      expect(text, `${path} has an English opening quote`).not.toMatch(/(^|[\s(])“/);
    }
    expect(de.form.passwordTooLong(1000)).toContain('1.000');
  });

  it('German points at the forgot-password page by its German title', () => {
    expect(de.acceptInvitation.passwordHint(12)).toContain(`„${de.forgotPassword.title}“`);
  });
});
