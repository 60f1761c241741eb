/**
 * The account's security pages' strings in every language, and the lookup a page uses
 * (`accountSecurityStringsFor(view)`).
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { en } from './en.js';
import type { AccountSecurityStrings } from './types.js';

export type { AccountSecurityStrings, ConfirmStrings, CopyStrings, SecurityMessage } from './types.js';

/** Every language's strings for the security pages. */
export const accountSecurityStrings: Readonly<Record<Locale, AccountSecurityStrings>> = { en, de };

/** The security pages' strings in the page's language. */
export function accountSecurityStringsFor(view: Pick<PageView, 'locale'>): AccountSecurityStrings {
  return accountSecurityStrings[view.locale];
}
