/**
 * The strings of the console's pages about access to one app (roles, members, invitations) in
 * every language, and the ones for a page's language.
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { type ConsoleAppAccessStrings, en } from './en.js';

export type { ConsoleAppAccessStrings } from './en.js';

export const consoleAppAccessStrings: Readonly<Record<Locale, ConsoleAppAccessStrings>> = { en, de };

/** The app access pages' strings in `view`'s language. */
export function consoleAppAccessStringsFor(view: Pick<PageView, 'locale'>): ConsoleAppAccessStrings {
  return consoleAppAccessStrings[view.locale];
}
