/**
 * The console's own pages for being turned away at its door, instead of the page server's
 * generic refusal: someone who is not an operator (or signed in to an app rather than the
 * console), an operator whose sign-in lacks the second factor the console needs, an operator's
 * browser that is impersonating a user, and an operator whose role does not allow the action.
 * Each says why in plain words and offers the way on. The page server admits operators before
 * any console page runs, so these are reached through its refusal page (`consoleRefusal`).
 */
import type { GatehouseError } from '../../core/errors.js';
import type { PageReply, PageView } from '../../http/route.js';
import { STATUS_BY_CODE } from '../../http/status.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users.js';
import { consolePage } from './console-page.js';
import { END_IMPERSONATION_PATH } from './impersonation-banner.js';
import { CONSOLE_HOME } from './nav.js';

/** Where the console's refusals send someone to sign in again: the console, after signing in. */
const SIGN_IN_AGAIN = `/sign-in?returnTo=${encodeURIComponent(CONSOLE_HOME)}`;

/**
 * Signing out first: the sign-in page sends someone signed in straight on, so "sign in again"
 * with a session is the layout's sign-out form (which then shows the sign-in page).
 */
function signOutAndIn(view: PageView, label: string): SafeHtml {
  if (!view.signedIn) return html`<p><a href="${SIGN_IN_AGAIN}">${label}</a></p>`;
  return html`<form method="post" action="/sign-out">
${csrfField(view)}
<button type="submit" class="gh-button-secondary">${label}</button>
</form>`;
}

function refusal(
  view: PageView,
  error: GatehouseError,
  title: string,
  body: string,
  next: SafeHtml,
): PageReply {
  return consolePage(
    view,
    STATUS_BY_CODE[error.code],
    title,
    html`<h1>${title}</h1>
<div class="gh-notice gh-notice-problem" role="alert"><p>${body}</p></div>
${next}`,
  );
}

/**
 * The console's page for `error` on a console path, or undefined (anything else, or another
 * path): `refusalPage` answers the rest.
 *
 * @example
 * export function refusalPage(view, error, requestId) {
 *   const console = consoleRefusal(view, error);
 *   if (console) return console;
 *   …
 * }
 */
export function consoleRefusal(view: PageView, error: GatehouseError): PageReply | undefined {
  if (view.path !== '/console' && !view.path.startsWith('/console/')) return undefined;
  const s = consoleUsersStringsFor(view).refusals;
  switch (error.code) {
    case 'NOT_AN_OPERATOR':
      return refusal(
        view,
        error,
        s.notOperator.title,
        s.notOperator.body,
        html`<p><a href="/account">${s.notOperator.account}</a></p>
${signOutAndIn(view, s.signInAgain)}`,
      );
    case 'MFA_REQUIRED':
      return refusal(
        view,
        error,
        s.mfaRequired.title,
        s.mfaRequired.body,
        html`<p><a href="/account/security">${s.mfaRequired.addFactor}</a></p>
${signOutAndIn(view, s.signInAgain)}`,
      );
    case 'IMPERSONATION_RESTRICTED':
      return refusal(
        view,
        error,
        s.impersonating.title,
        s.impersonating.body,
        html`<form method="post" action="${END_IMPERSONATION_PATH}">
${csrfField(view)}
<button type="submit">${s.impersonating.end}</button>
</form>`,
      );
    case 'INSUFFICIENT_PERMISSION':
      return refusal(
        view,
        error,
        s.insufficient.title,
        s.insufficient.body,
        html`<p><a href="${CONSOLE_HOME}">${s.insufficient.back}</a></p>`,
      );
    default:
      return undefined;
  }
}
