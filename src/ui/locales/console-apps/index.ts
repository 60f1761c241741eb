/**
 * The admin console's apps pages' strings in every language, and the ones for a page's
 * language.
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { type ConsoleAppsStrings, en } from './en.js';

export type { ConsoleAppsStrings } from './en.js';

export const consoleAppsStrings: Readonly<Record<Locale, ConsoleAppsStrings>> = { en, de };

/** The apps pages' strings in `view`'s language. */
export function consoleAppsStringsFor(view: Pick<PageView, 'locale'>): ConsoleAppsStrings {
  return consoleAppsStrings[view.locale];
}
