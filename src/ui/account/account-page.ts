/**
 * What every account page shares: the wide layout with the account navigation and the account
 * pages' few extra styles, status and problem messages (`role="status"` / `role="alert"`), and
 * dates written in the page's language.
 */
import type { PageReply, PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { page } from '../view.js';
import { accountNav } from './nav.js';

/** Styles only the account pages use: checkboxes, date and select fields, fieldsets, sections. */
const ACCOUNT_CSS = `
input[type="date"] {
  display: block; width: 100%; max-width: 14rem; font: inherit; color: inherit; background: var(--gh-surface);
  border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 0.625rem 0.75rem;
}
.gh-field select { display: block; width: 100%; max-width: 20rem; padding: 0.625rem 0.75rem; }
.gh-check { display: flex; gap: 0.5rem; align-items: flex-start; }
.gh-check input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
.gh-check label { font-weight: 400; margin: 0; }
fieldset { border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 1rem 1rem 0; margin: 0 0 1.25rem; min-width: 0; }
legend { font-weight: 600; padding: 0 0.25rem; }
.gh-section { margin: 2rem 0 0; padding: 1.5rem 0 0; border-top: 1px solid var(--gh-border); }
.gh-badge { display: inline-block; font-size: 0.875rem; font-weight: 600; border: 1px solid var(--gh-success); border-radius: var(--gh-radius); padding: 0 0.375rem; }
input[aria-invalid="true"], select[aria-invalid="true"] { border: 2px solid var(--gh-error); }
.gh-account-table th, .gh-account-table td { overflow-wrap: break-word; }
.gh-sessions { list-style: none; margin: 0 0 1rem; padding: 0; }
.gh-session { border-top: 1px solid var(--gh-border); padding: 1rem 0; }
.gh-session:last-child { border-bottom: 1px solid var(--gh-border); }
.gh-session-device { margin: 0 0 0.5rem; }
.gh-session dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.75rem; }
.gh-session dt { color: var(--gh-muted); }
.gh-session dd { margin: 0; overflow-wrap: anywhere; }
.gh-session form button { padding: 0.375rem 0.75rem; }
.gh-notice { margin: 0 0 1.5rem; }
main > form + p, main > form + section { margin-top: 1.25rem; }
.gh-notice p:last-child { margin-bottom: 0; }
`;

/** An account page: the wide layout, the account navigation, the account styles. */
export function accountPage(view: PageView, status: number, title: string, content: SafeHtml): PageReply {
  return page(view, status, title, content, { wide: true, nav: accountNav(view), css: ACCOUNT_CSS });
}

/** A finished action's message, announced politely; nothing when there is none. */
export function statusNotice(text: string | undefined, body?: string): SafeHtml {
  if (!text) return html``;
  return html`<div class="gh-notice gh-notice-success" role="status">
<p>${body ? html`<strong>${text}</strong>` : text}</p>
${body && html`<p>${body}</p>`}
</div>`;
}

/** A problem that is not about one field, announced at once. */
export function problemNotice(title: string, body?: string): SafeHtml {
  return html`<div class="gh-notice gh-notice-problem" role="alert">
<p><strong>${title}</strong></p>
${body && html`<p>${body}</p>`}
</div>`;
}

/** A moment as the page's language writes it, in UTC (the server does not know the reader's zone). */
export function dateTime(view: Pick<PageView, 'locale'>, iso: string): string {
  return new Intl.DateTimeFormat(view.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A day as the page's language writes it. */
export function day(view: Pick<PageView, 'locale'>, iso: string): string {
  return new Intl.DateTimeFormat(view.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}
