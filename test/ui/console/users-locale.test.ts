/**
 * The console users area's strings: German has every English key, of the same kind, actually
 * translated; function strings keep every value they are given; no string carries markup; counts
 * read naturally for one and for many.
 */
import { describe, expect, it } from 'vitest';
import { consoleUsersStrings } from '../../../src/ui/locales/console-users.js';

const WHO = ['ada@example.com'];
/** Sample arguments for each function string, by path; each must appear in the result. */
const SAMPLE_ARGS: Record<string, readonly (string | number)[]> = {
  'impersonation.bannerBody': ['ada@example.com', '14:05 UTC'],
  'impersonation.endBody': WHO,
  'create.passwordHint': [15],
  'detail.profile.passwordSince': ['3 Mar 2025'],
  'detail.links.intro': WHO,
  'detail.factors.onSince': ['3 Mar 2025'],
  'detail.factors.passkey': ['YubiKey', '3 Mar 2025'],
  'detail.factors.codesLeft': [7],
  'detail.apps.changeAt': ['Billing'],
  'detail.apps.rolesAt': ['Billing'],
  'detail.apps.planAt': ['Billing'],
  'detail.apps.permissionsAt': ['Billing'],
  'detail.sessions.impersonatedBy': ['usr_0190f2a8'],
  'detail.sessions.endNamed': ['Firefox on Linux', '3 Mar 2025'],
  'detail.impersonate.intro': [15],
  ...Object.fromEntries(
    [
      'suspend',
      'revoke',
      'delete',
      'purge',
      'reset-mfa',
      'end-sessions',
      'revoke-tokens',
      'remove-membership',
      'impersonate',
    ].map((action) => [`confirm.titles.${action}`, WHO]),
  ),
  'confirm.removeMembership': ['Billing'],
  'confirm.endSessions': [3],
  'confirm.revokeTokens': [3],
  'confirm.impersonate': [15],
  'confirm.invalid.reasonTooLong': [500],
  'done.createdLinkSent': WHO,
  'done.delete': ['3 Mar 2025'],
  'done.restore': ['Active'],
  'done.endSessions': [3],
  'done.revokeTokens': [3],
};
/** Words that are the same in both languages. */
const SAME_IN_BOTH = new Set([
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
]);

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

describe('console users strings', () => {
  const en = texts(consoleUsersStrings.en);
  const de = texts(consoleUsersStrings.de);

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
