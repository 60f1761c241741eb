/**
 * The security pages' strings: German has every English string, of the same kind and arity,
 * actually translated (but for names the same in both languages), function strings show every
 * value given, and no text smuggles markup into what the templates escape.
 */
import { describe, expect, it } from 'vitest';
import {
  type AccountSecurityStrings,
  accountSecurityStrings,
} from '../../../src/ui/locales/account-security.js';

/** Sample arguments for every function string, by path; each must show up in the result. */
const SAMPLE_ARGS: Record<string, readonly unknown[]> = {
  'overview.totpOn': ['12 May 2026'],
  'overview.recoveryRemaining': [7],
  'overview.passkeyManageNamed': ['Work laptop'],
  'overview.phoneOn': ['+•••••••••00', '3 May 2026'],
  'recovery.fileTitle': ['Acme'],
  'recovery.fileAccount': ['ada@example.com'],
  'passkeys.nameInvalid': [64],
  'passkeys.manageTitle': ['Work laptop'],
  'passkeys.details': ['1 May 2026', '2 May 2026'],
  'identities.unlinkNamed': ['GitHub'],
  'identities.link': ['GitHub'],
  'identities.linked': ['GitHub'],
  'identities.unlinkConfirm.title': ['GitHub'],
  'identities.unlinkConfirm.body': ['GitHub'],
  'tokens.revokeNamed': ['CI deploys'],
  'tokens.expiresHintLimited': [90],
  'tokens.expiresTooFar': [90],
  'tokens.revokeConfirm.title': ['CI deploys'],
};

/** Texts that read the same in both languages: names and loan words German uses as they are. */
const SAME_IN_BOTH = new Set([
  'overview.passkeysHeading',
  'overview.passkeyName',
  'passkeys.nameLabel',
  'passkeys.manageTitle',
  'totp.codeLabel',
  'phone.codeLabel',
  'tokens.name',
  'tokens.nameLabel',
  'tokens.tokenLabel',
]);

type Leaf = { kind: 'string'; value: string } | { kind: 'function'; fn: (...args: unknown[]) => unknown };

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

function texts(locale: AccountSecurityStrings): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, leaf] of leaves(locale)) {
    if (leaf.kind === 'string') out.set(path, leaf.value);
    else {
      const args = SAMPLE_ARGS[path];
      if (!args) throw new Error(`${path} takes values: add sample arguments to SAMPLE_ARGS`);
      out.set(path, String(leaf.fn(...args)));
    }
  }
  return out;
}

const { en, de } = accountSecurityStrings;

describe('the security pages’ locales', () => {
  it('German has every English key, of the same kind and arity, and no others', () => {
    const enLeaves = leaves(en);
    const deLeaves = leaves(de);
    expect([...deLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    for (const [path, leaf] of enLeaves) {
      const other = deLeaves.get(path);
      expect(other?.kind, path).toBe(leaf.kind);
      if (leaf.kind === 'function' && other?.kind === 'function')
        expect(other.fn.length, path).toBe(leaf.fn.length);
    }
  });

  it.each([
    ['en', en],
    ['de', de],
  ] as const)(
    '%s: every text is non-empty, without markup, and shows the values it is given',
    (_, locale) => {
      const all = texts(locale);
      for (const [path, text] of all) {
        expect(text.trim(), path).not.toBe('');
        expect(text, path).not.toContain('<');
        expect(text, path).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
        for (const arg of SAMPLE_ARGS[path] ?? [])
          expect(text, `${path} shows ${String(arg)}`).toContain(String(arg));
      }
    },
  );

  it('every German text is translated, except names the same in both', () => {
    const enTexts = texts(en);
    const same = [...texts(de)].filter(([path, text]) => enTexts.get(path) === text).map(([path]) => path);
    expect(same.sort()).toEqual([...SAME_IN_BOTH].sort());
  });

  it('German text uses German quotation marks', () => {
    for (const [path, text] of texts(de)) {
      expect(text, `${path} has straight double quotes`).not.toContain('"');
      expect(text.split('„').length, `${path} pairs „ with “`).toBe(text.split('“').length);
    }
  });
});
