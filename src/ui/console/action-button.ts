/**
 * The button for one user action, in a form of its own that works without JavaScript. An action
 * that changes something at once posts to the user's page (with the page's CSRF token); a
 * destructive one is a GET to its confirmation page, which says what will happen and does it
 * only when confirmed there.
 */
import type { PageView } from '../../http/route.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { USER_ACTIONS, type UserAction } from './user-actions.js';
import { userPath } from './user-facts.js';

export interface ActionButtonOptions {
  /** Hidden fields the action reads besides its name (a session, an app, a token). */
  readonly fields?: Readonly<Record<string, string>>;
  readonly tone?: 'primary' | 'secondary' | 'danger';
  /** Words only screen readers get after the label, naming what the button acts on in a table row. */
  readonly named?: string;
}

/** The confirmation page of `action` on `userId`, with the action's fields in its query. */
export function confirmPath(userId: string, action: UserAction, fields: Record<string, string> = {}): string {
  return `${userPath(userId)}/confirm?${new URLSearchParams({ action, ...fields })}`;
}

export function actionButton(
  view: PageView,
  userId: string,
  action: UserAction,
  label: string,
  options: ActionButtonOptions = {},
): SafeHtml {
  const confirm = USER_ACTIONS[action].confirm;
  const tone = options.tone ?? (confirm ? 'danger' : 'secondary');
  const fields = Object.entries(options.fields ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const button = html`<button type="submit"${tone === 'primary' ? '' : html` class="gh-button-${tone}"`}>${label}${
    options.named && html`<span class="gh-visually-hidden"> – ${options.named}</span>`
  }</button>`;
  if (confirm) {
    return html`<form method="get" action="${userPath(userId)}/confirm">
<input type="hidden" name="action" value="${action}">
${fields}
${button}
</form>`;
  }
  return html`<form method="post" action="${userPath(userId)}">
${csrfField(view)}
<input type="hidden" name="action" value="${action}">
${fields}
${button}
</form>`;
}
