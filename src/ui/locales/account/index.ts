/**
 * The account pages' strings in every language, and the lookup a page uses
 * (`accountStringsFor(view)`).
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { type AccountStrings, en } from './en.js';

export type { AccountMessage, AccountStrings } from './en.js';

export const accountStrings: Readonly<Record<Locale, AccountStrings>> = { en, de };

/** The account strings in the page's language. */
export function accountStringsFor(view: Pick<PageView, 'locale'>): AccountStrings {
  return accountStrings[view.locale];
}
