/**
 * Names nobody may take: roles, system mailboxes and words a person could be fooled by ("a
 * message from admin"). `settings.usernames.reserved` replaces the built-in list; either way the
 * names are compared in canonical form, so `ADMIN` and `ａｄｍｉｎ` are reserved with `admin`.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { canonicalUsername } from './canonical-username.js';

/** The built-in list (see docs/usernames.md). */
export const DEFAULT_RESERVED_USERNAMES: readonly string[] = [
  'abuse',
  'account',
  'accounts',
  'admin',
  'administrator',
  'anonymous',
  'api',
  'auth',
  'billing',
  'contact',
  'gatehouse',
  'guest',
  'help',
  'hostmaster',
  'info',
  'mail',
  'moderator',
  'no-reply',
  'noreply',
  'null',
  'official',
  'owner',
  'postmaster',
  'root',
  'security',
  'staff',
  'support',
  'sysadmin',
  'system',
  'undefined',
  'webmaster',
  'www',
];

/** Whether the canonical username `name` is reserved under these settings. */
export function isReservedUsername(settings: Pick<ResolvedSettings, 'usernames'>, name: string): boolean {
  const list = settings.usernames.reserved ?? DEFAULT_RESERVED_USERNAMES;
  // A few dozen short names: canonicalising them per sign-up costs next to nothing. An entry that
  // is no valid username (too short, say) canonicalises to null and matches nothing.
  return list.some((entry) => canonicalUsername(entry) === name);
}
