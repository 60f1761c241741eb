/**
 * The banner every page shows while an operator is signed in as a user (impersonation, started
 * from the console's user page): whose account this is, until when, and a button that ends it
 * and brings the operator back to the console.
 *
 * Whether the session is an impersonation, and by whom, is the session's own record
 * (`impersonatorId`, read with the session on every page request); such a session has no
 * refresh and ends when its access token does, so its `expiresAt` is the impersonation's end.
 */
import type { PageView } from '../../http/route.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users/index.js';

/** Where the banner's button posts: ends the impersonation, back to the console. */
export const END_IMPERSONATION_PATH = '/console/impersonation/end';

export interface Impersonation {
  /** The operator acting as the user. */
  readonly operatorId: string;
  /** When the session ends (ISO 8601). */
  readonly expiresAt: string;
}

/** The impersonation behind the view's session, if it is one. */
export function impersonationOf(view: Pick<PageView, 'signedIn'>): Impersonation | undefined {
  const session = view.signedIn?.session;
  if (!session?.impersonatorId) return undefined;
  return { operatorId: session.impersonatorId, expiresAt: session.expiresAt };
}

/** The banner for an impersonated session; nothing for any other page view. */
export function impersonationBanner(view: PageView): SafeHtml {
  const impersonation = impersonationOf(view);
  if (!impersonation || !view.signedIn) return html``;
  const s = consoleUsersStringsFor(view).impersonation;
  const user = view.signedIn.user;
  const who = user.email ?? user.username ?? user.id;
  const until = new Intl.DateTimeFormat(view.locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(impersonation.expiresAt));
  return html`<section class="gh-impersonation" aria-labelledby="gh-impersonation-title">
<p id="gh-impersonation-title"><strong>${s.bannerTitle}</strong></p>
<p>${s.bannerBody(who, until)}</p>
<form method="post" action="${END_IMPERSONATION_PATH}">
${csrfField(view)}
<button type="submit" class="gh-button-secondary">${s.end}</button>
</form>
</section>`;
}
