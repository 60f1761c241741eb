/**
 * What every page handler answers with: a rendered page, a redirect to a result, and the
 * strings of the page's locale. Paths between mailed-link pages are relative
 * (`verify-email?result=…`), so they keep working when a proxy serves them under a prefix of
 * `baseUrl`.
 */
import type { Locale } from '../core/locale.js';
import type { PageReply, PageView } from '../http/route.js';
import { render, type SafeHtml } from './html.js';
import { type LayoutOptions, layout } from './layout.js';
import { de } from './locales/de.js';
import { en, type PageStrings } from './locales/en.js';
import { overriddenPage } from './overrides.js';

const STRINGS: Readonly<Record<Locale, PageStrings>> = { en, de };

/** The shared strings for this request's locale (areas keep their own: `locales/<area>.ts`). */
export function stringsFor(view: Pick<PageView, 'locale'>): PageStrings {
  return STRINGS[view.locale];
}

/** A page in the shared layout, or in the operator's template for it (`pages.templatesDir`). */
export function page(
  view: PageView,
  status: number,
  title: string,
  content: SafeHtml,
  options: LayoutOptions = {},
): PageReply {
  const strings = stringsFor(view);
  const html =
    overriddenPage(view, strings, title, content, options) ??
    render(layout(view, strings, title, content, options));
  return { kind: 'page', status, html };
}

/** A 303 to another page (or the same one showing a result); never carries a token. */
export function seeOther(location: string): PageReply {
  return { kind: 'redirect', location };
}

/** A page's path as a reference relative to a sibling page: `/verify-email` → `verify-email`. */
export function relative(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
