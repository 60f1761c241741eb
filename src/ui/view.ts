/**
 * What every page handler answers with: a rendered page, a redirect to a result, and the
 * strings of the page's locale. Paths between pages are relative (`verify-email?result=…`), so
 * the pages keep working when a proxy serves them under a prefix of `baseUrl`.
 */
import type { PageReply, PageView } from '../http/route.js';
import { render, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { en, type PageStrings } from './locales/en.js';

/** The strings for this request (English until a second locale exists). */
export function stringsFor(_view: PageView): PageStrings {
  return en;
}

/** A page in the shared layout. */
export function page(view: PageView, status: number, title: string, content: SafeHtml): PageReply {
  return { kind: 'page', status, html: render(layout(view, stringsFor(view), title, content)) };
}

/** A 303 to another page (or the same one showing a result); never carries a token. */
export function seeOther(location: string): PageReply {
  return { kind: 'redirect', location };
}

/** A page's path as a reference relative to a sibling page: `/verify-email` → `verify-email`. */
export function relative(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
