/**
 * What every console page shares: the wide layout with the console navigation, and the few
 * styles console pages add to the shared ones — filter rows, facts lists, checkboxes, selects,
 * sections and badges. Status and problem messages and dates are the account pages' own
 * (`statusNotice`, `problemNotice`, `dateTime`), so both areas announce and write them alike.
 */
import type { PageReply, PageView } from '../../http/route.js';
import type { SafeHtml } from '../html.js';
import { page } from '../view.js';
import { consoleNav } from './nav.js';

export { dateTime, day, problemNotice, statusNotice } from '../account/account-page.js';

/** Styles the console pages use beyond the shared ones. Trusted, ours. */
export const CONSOLE_CSS = `
.gh-field select { display: block; width: 100%; max-width: 20rem; padding: 0.625rem 0.75rem; }
.gh-field textarea { display: block; width: 100%; min-height: 5rem; }
.gh-check { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0 0 1rem; }
.gh-check input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
.gh-check label { font-weight: 400; margin: 0; }
fieldset { border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 1rem 1rem 0; margin: 0 0 1.25rem; min-width: 0; }
legend { font-weight: 600; padding: 0 0.25rem; }
.gh-section { margin: 2rem 0 0; padding: 1.5rem 0 0; border-top: 1px solid var(--gh-border); }
.gh-badge { display: inline-block; font-size: 0.875rem; font-weight: 600; border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 0 0.375rem; }
.gh-badge-active { border-color: var(--gh-success); }
.gh-badge-suspended, .gh-badge-revoked, .gh-badge-deleted { border-color: var(--gh-error); }
.gh-filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0 1rem; }
.gh-filters .gh-field select { max-width: none; }
.gh-facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
.gh-facts dt { font-weight: 600; }
.gh-facts dd { margin: 0; overflow-wrap: anywhere; }
.gh-pager { display: flex; flex-wrap: wrap; gap: 1rem; }
.gh-inline-actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0 0 1rem; }
td form button, .gh-inline-actions button { padding: 0.375rem 0.75rem; }
.gh-table-scroll > table { min-width: 42rem; }
.gh-table-scroll th, .gh-table-scroll td { overflow-wrap: normal; }
.gh-table-scroll code { overflow-wrap: anywhere; }
.gh-notice { margin: 0 0 1.5rem; }
.gh-notice p:last-child { margin-bottom: 0; }
`;

/** A console page: the wide layout, the console navigation, the console styles. */
export function consolePage(view: PageView, status: number, title: string, content: SafeHtml): PageReply {
  return page(view, status, title, content, { wide: true, nav: consoleNav(view), css: CONSOLE_CSS });
}
