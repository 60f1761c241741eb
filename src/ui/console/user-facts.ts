/**
 * How the console's user pages write a user's facts: the name a user goes by in a table or a
 * heading (their address, else their username, else their id), their status as a badge, and
 * yes / no in the page's language.
 */
import type { UserStatus } from '../../core/entities.js';
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users/index.js';

/** The address, else the username, else the id. */
export function userLabel(user: {
  readonly id: string;
  readonly email: string | null;
  readonly username: string | null;
}): string {
  return user.email ?? user.username ?? user.id;
}

/** The status as a word in a badge (the word carries it: colour is only a hint). */
export function statusBadge(view: PageView, status: UserStatus): SafeHtml {
  return html`<span class="gh-badge gh-badge-${status}">${consoleUsersStringsFor(view).status[status]}</span>`;
}

export function yesNo(view: PageView, value: boolean): string {
  const s = consoleUsersStringsFor(view).common;
  return value ? s.yes : s.no;
}

/** The page of one user. */
export function userPath(id: string): string {
  return `/console/users/${encodeURIComponent(id)}`;
}
