/**
 * The admin console's users area strings in every language, and the lookup a page uses
 * (`consoleUsersStringsFor(view)`).
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { en } from './en.js';
import type { ConsoleUsersStrings } from './types.js';

export type { ConsoleMessage, ConsoleUsersStrings } from './types.js';

export const consoleUsersStrings: Readonly<Record<Locale, ConsoleUsersStrings>> = { en, de };

/** The console users area's strings in the page's language. */
export function consoleUsersStringsFor(view: Pick<PageView, 'locale'>): ConsoleUsersStrings {
  return consoleUsersStrings[view.locale];
}
