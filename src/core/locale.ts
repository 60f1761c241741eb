/**
 * The languages pages and mails are written in, and how one is chosen for a person: the locale in
 * their profile when it names one we have, else the browser's `Accept-Language` by quality, else
 * English. `de-AT` counts as `de`.
 *
 * @example
 * pickLocale(null, 'fr-CH, de;q=0.8, en;q=0.5'); // 'de'
 * pickLocale('de-AT');                            // 'de'
 */

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The supported locale a language tag names (`de-AT` → `de`), if any. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === primary);
}

/** The languages of an `Accept-Language` header, best first (`q=0` dropped, bad entries ignored). */
function acceptedLanguages(header: string): string[] {
  const ranked: Array<{ tag: string; q: number; at: number }> = [];
  header
    .split(',')
    .slice(0, 20)
    .forEach((part, at) => {
      const [tag, ...params] = part.trim().split(';');
      if (!tag || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$|^\*$/.test(tag.trim())) return;
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      if (!Number.isFinite(q) || q <= 0 || q > 1) return;
      ranked.push({ tag: tag.trim(), q, at });
    });
  return ranked.sort((a, b) => b.q - a.q || a.at - b.at).map((r) => r.tag);
}

/** The locale for a person: their profile's, else the browser's best supported one, else English. */
export function pickLocale(profileLocale: string | null | undefined, acceptLanguage?: string | null): Locale {
  const fromProfile = supportedLocale(profileLocale);
  if (fromProfile) return fromProfile;
  if (acceptLanguage) {
    for (const tag of acceptedLanguages(acceptLanguage)) {
      const found = supportedLocale(tag);
      if (found) return found;
    }
  }
  return DEFAULT_LOCALE;
}
