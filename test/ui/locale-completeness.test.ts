/**
 * Every page locale module, checked the same way: each language has every English string, of the
 * same kind and arity, and no others; function strings show every value they are given; no text
 * is empty or smuggles markup into what the templates escape; every translation differs from the
 * English but for the few listed names; German uses German quotation marks. A guard fails when a
 * module under `src/ui/locales/` exports a `…Strings` record this list does not check, so a new
 * area cannot be forgotten.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/core/locale.js';
import { accountStrings } from '../../src/ui/locales/account/index.js';
import { accountSecurityStrings } from '../../src/ui/locales/account-security/index.js';
import { consoleAppAccessStrings } from '../../src/ui/locales/console-app-access/index.js';
import { consoleAppsStrings } from '../../src/ui/locales/console-apps/index.js';
import { consoleAuditStrings } from '../../src/ui/locales/console-audit.js';
import { consoleStatsStrings } from '../../src/ui/locales/console-stats.js';
import { consoleUsersStrings } from '../../src/ui/locales/console-users/index.js';
import { de } from '../../src/ui/locales/de.js';
import { en } from '../../src/ui/locales/en.js';
import { signInStrings } from '../../src/ui/locales/sign-in/index.js';

interface LocaleModule {
  readonly name: string;
  readonly strings: Readonly<Record<Locale, object>>;
  /**
   * Paths whose translation may read as the English: names, loan words and placeholders. A
   * path also covers what its function returns (`a.b` covers `a.b.title`). Each entry must
   * still be the same in some language, so the list cannot go stale.
   */
  readonly sameAllowed: readonly string[];
  /**
   * Sample arguments for function strings, by path; each value must show up in the result.
   * A function not listed gets distinct numbers (101, 102, …); list it when it needs other
   * values. Numbers stay below 1000 so German digit grouping leaves them as they are.
   */
  readonly samples?: Readonly<Record<string, readonly unknown[]>>;
  /**
   * Paths whose text shows `<` or `>` as themselves (a placeholder such as `oauth:<provider>`),
   * never as markup: the templates escape them.
   */
  readonly anglesAllowed?: readonly string[];
}

const WHO = ['ada@example.com'];

const MODULES: readonly LocaleModule[] = [
  {
    name: 'shared (en.ts / de.ts)',
    strings: { en, de },
    // `documentTitle` is just `page – product`.
    sameAllowed: ['layout.documentTitle'],
    samples: {
      'layout.documentTitle': ['Seite', 'Gatehouse'],
      'errors.internal': ['req_7f3a9c'],
    },
  },
  {
    name: 'account',
    strings: accountStrings,
    sameAllowed: ['nav.tokens', 'nav.apps', 'apps.app'],
    samples: {
      'profile.signedInAs': WHO,
      'email.current': WHO,
      'sessions.endWhich': ['Firefox on Linux', '3 Mar 2025'],
    },
  },
  {
    name: 'account-security',
    strings: accountSecurityStrings,
    sameAllowed: [
      'overview.passkeysHeading',
      'overview.passkeyName',
      'passkeys.nameLabel',
      'passkeys.manageTitle',
      'totp.codeLabel',
      'phone.codeLabel',
      'tokens.name',
      'tokens.nameLabel',
      'tokens.tokenLabel',
    ],
    samples: {
      'overview.totpOn': ['12 May 2026'],
      'overview.passkeyManageNamed': ['Work laptop'],
      'overview.phoneOn': ['+•••••••••00', '3 May 2026'],
      'recovery.fileTitle': ['Acme'],
      'recovery.fileAccount': WHO,
      'passkeys.manageTitle': ['Work laptop'],
      'passkeys.details': ['1 May 2026', '2 May 2026'],
      'identities.unlinkNamed': ['GitHub'],
      'identities.link': ['GitHub'],
      'identities.linked': ['GitHub'],
      'identities.unlinkConfirm.title': ['GitHub'],
      'identities.unlinkConfirm.body': ['GitHub'],
      'tokens.revokeNamed': ['CI deploys'],
      'tokens.revokeConfirm.title': ['CI deploys'],
    },
  },
  {
    name: 'sign-in',
    strings: signInStrings,
    sameAllowed: ['mfa.passkeyTitle', 'code.codeLabel'],
    samples: {
      'signIn.withProvider': ['Staff SSO'],
      'code.sentTo': WHO,
    },
  },
  {
    name: 'console-users',
    strings: consoleUsersStrings,
    sameAllowed: [
      'nav.apps',
      'list.statusLabel',
      'list.appLabel',
      'list.columns.name',
      'list.columns.status',
      'create.appsLegend',
      'detail.profile.status',
      'detail.factors.passkeys',
      'detail.apps.heading',
      'detail.apps.app',
      'detail.apps.addApp',
      'detail.sessions.app',
      'detail.tokens.name',
      'detail.tokens.app',
      'confirm.appLabel',
    ],
    samples: {
      'impersonation.bannerBody': ['ada@example.com', '14:05 UTC'],
      'impersonation.endBody': WHO,
      'detail.profile.passwordSince': ['3 Mar 2025'],
      'detail.links.intro': WHO,
      'detail.factors.onSince': ['3 Mar 2025'],
      'detail.factors.passkey': ['YubiKey', '3 Mar 2025'],
      'detail.apps.changeAt': ['Billing'],
      'detail.apps.rolesAt': ['Billing'],
      'detail.apps.planAt': ['Billing'],
      'detail.apps.permissionsAt': ['Billing'],
      'detail.sessions.impersonatedBy': ['usr_0190f2a8'],
      'detail.sessions.endNamed': ['Firefox on Linux', '3 Mar 2025'],
      'confirm.removeMembership': ['Billing'],
      'done.createdLinkSent': WHO,
      'done.delete': ['3 Mar 2025'],
      'done.restore': ['Active'],
    },
  },
  {
    name: 'console-audit',
    strings: consoleAuditStrings,
    // `—` stands for an empty cell.
    sameAllowed: ['results.columns.details', 'results.none'],
  },
  {
    name: 'console-stats',
    strings: consoleStatsStrings,
    sameAllowed: ['factors.passkey', 'apps.heading', 'apps.name', 'apps.status'],
  },
  {
    name: 'console-apps',
    strings: consoleAppsStrings,
    sameAllowed: [
      'list.title',
      'list.columns.name',
      'list.columns.id',
      'list.columns.status',
      'fields.nameLabel',
      'fields.statusLabel',
      'fields.audienceLabel',
      'settings.id',
    ],
    anglesAllowed: ['fields.methodsHint', 'invalid.methods'],
  },
  {
    name: 'console-app-access',
    strings: consoleAppAccessStrings,
    // `—` stands for an empty cell.
    sameAllowed: ['common.none', 'roles.nameLabel', 'invitations.status'],
  },
];

type Leaf = { kind: 'string'; value: string } | { kind: 'function'; fn: (...args: unknown[]) => unknown };

/** Every leaf of a locale by dotted path. */
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

function samplesFor(
  module: LocaleModule,
  path: string,
  fn: (...args: unknown[]) => unknown,
): readonly unknown[] {
  return module.samples?.[path] ?? Array.from({ length: fn.length }, (_, i) => 101 + i);
}

/**
 * Every text a locale shows, by path: function strings are called on their samples (what they
 * return is walked under their own path) and must show every sample in what they return.
 */
function texts(module: LocaleModule, locale: object): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, leaf] of leaves(locale)) {
    if (leaf.kind === 'string') {
      out.set(path, leaf.value);
      continue;
    }
    const args = samplesFor(module, path, leaf.fn);
    const produced = leaves(leaf.fn(...args), path);
    for (const [p, text] of produced) {
      if (text.kind !== 'string') throw new Error(`${module.name}: ${p} returned a function`);
      out.set(p, text.value);
    }
    const joined = [...produced.values()].map((t) => (t.kind === 'string' ? t.value : '')).join('\n');
    for (const arg of args) {
      expect(
        joined,
        `${module.name}: ${path} shows ${String(arg)} (list samples if it needs others)`,
      ).toContain(String(arg));
    }
  }
  return out;
}

const translations = LOCALES.filter((locale) => locale !== 'en');

describe.each(MODULES)('locale module $name', (module) => {
  it('has exactly the supported languages', () => {
    expect(Object.keys(module.strings).sort()).toEqual([...LOCALES].sort());
  });

  it.each(translations)('%s has every English key, of the same kind and arity, and no others', (locale) => {
    const english = leaves(module.strings.en);
    const other = leaves(module.strings[locale]);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, leaf] of english) {
      const theirs = other.get(path);
      expect(theirs?.kind, path).toBe(leaf.kind);
      if (leaf.kind === 'function' && theirs?.kind === 'function') {
        expect(theirs.fn.length, `${path} parameters`).toBe(leaf.fn.length);
      }
    }
  });

  it.each(LOCALES)(
    '%s: every text is non-empty, has no markup, and shows the values it is given',
    (locale) => {
      for (const [path, text] of texts(module, module.strings[locale])) {
        expect(text.trim(), path).not.toBe('');
        if (!module.anglesAllowed?.includes(path)) expect(text, `${path} holds markup`).not.toMatch(/[<>]/);
        expect(text, `${path} holds an HTML entity`).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      }
    },
  );

  it.each(translations)('%s is translated, but for the listed names', (locale) => {
    const english = texts(module, module.strings.en);
    const same = [...texts(module, module.strings[locale])]
      .filter(([path, text]) => english.get(path) === text)
      .map(([path]) => path);
    const allowed = (path: string) =>
      module.sameAllowed.some((entry) => path === entry || path.startsWith(`${entry}.`));
    expect(
      same.filter((path) => !allowed(path)),
      'untranslated',
    ).toEqual([]);
    const used = module.sameAllowed.filter((entry) =>
      same.some((path) => path === entry || path.startsWith(`${entry}.`)),
    );
    expect(used, 'sameAllowed lists only texts that are the same').toEqual([...module.sameAllowed]);
  });

  it('German uses German quotation marks', () => {
    for (const [path, text] of texts(module, module.strings.de)) {
      expect(text, `${path} has straight double quotes`).not.toContain('"');
      expect(text.split('„').length, `${path} pairs „ with “`).toBe(text.split('“').length);
      expect(text, `${path} has an English opening quote`).not.toMatch(/(^|[\s(])“/);
    }
  });
});

describe('the list of locale modules', () => {
  const root = fileURLToPath(new URL('../../src/ui/locales/', import.meta.url));
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, file));

  it('checks every `…Strings` record a locale module exports', async () => {
    const listed = new Set<object>(MODULES.map((m) => m.strings));
    const missing: string[] = [];
    for (const file of files) {
      const exports = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (!name.endsWith('Strings') || typeof value !== 'object' || value === null) continue;
        if (!listed.has(value)) missing.push(`${relative(root, file)}: ${name}`);
      }
    }
    expect(files.length).toBeGreaterThan(MODULES.length);
    expect(missing, 'add these to MODULES in test/ui/locale-completeness.test.ts').toEqual([]);
  });
});
