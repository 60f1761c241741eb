/**
 * The sign-in area's strings by language, and the lookup pages use. The interfaces and English
 * live in `en.ts`, German in `de.ts`.
 */
import type { Locale } from '../../../core/locale.js';
import type { PageView } from '../../../http/route.js';
import { de } from './de.js';
import { en, type SignInStrings } from './en.js';

export type { SignInMessage, SignInStrings } from './en.js';

export const signInStrings: Readonly<Record<Locale, SignInStrings>> = { en, de };

/** The sign-in area's strings in the page's language. */
export function signInStringsFor(view: Pick<PageView, 'locale'>): SignInStrings {
  return signInStrings[view.locale];
}
