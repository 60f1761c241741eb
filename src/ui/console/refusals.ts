/**
 * The console's own pages for being turned away at its door, instead of the page server's
 * generic refusal: someone who is not an operator (or signed in to an app rather than the
 * console), an operator whose sign-in lacks the second factor the console needs, an operator's
 * browser that is impersonating a user, and an operator whose role does not allow the action.
 * Each says why in plain words and offers the way on. The page server admits operators before
 * any console page runs, so these are reached through its refusal page (`consoleRefusal`).
 */
import type { GatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageReply, PageView } from '../../http/route.js';
import { STATUS_BY_CODE } from '../../http/status.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users/index.js';
import { consolePage } from './console-page.js';
import { END_IMPERSONATION_PATH } from './impersonation-banner.js';
import { CONSOLE_HOME } from './nav.js';

/** Where the console's refusals send someone to sign in again: the console, after signing in. */
const SIGN_IN_AGAIN = `/sign-in?returnTo=${encodeURIComponent(CONSOLE_HOME)}`;

/** The console page that was refused, with its query: where signing in again comes back to. */
function here(view: PageView): string {
  const query = view.query.toString();
  return query === '' ? view.path : `${view.path}?${query}`;
}

/**
 * Signing in again. A session for another app (a user's, or a tenant admin's) is no console
 * session: the sign-in page shows its form for a console `returnTo` all the same, and signs in
 * at the console, coming back to this page. A console session must sign out first — the
 * sign-in page would send it straight back — so it gets the sign-out form, which returns to
 * the console's sign-in.
 */
function signOutAndIn(view: PageView, label: string): SafeHtml {
  if (!view.signedIn || view.signedIn.session.appId !== CONSOLE_APP_ID)
    return html`<p><a href="/sign-in?returnTo=${encodeURIComponent(here(view))}">${label}</a></p>`;
  return html`<form method="post" action="/sign-out">
${csrfField(view)}
<input type="hidden" name="returnTo" value="${SIGN_IN_AGAIN}">
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
