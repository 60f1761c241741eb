/**
 * The banner every page shows while an operator is signed in as a user (impersonation, started
 * from the console's user page): whose account this is, until when, and a button that ends it
 * and brings the operator back to the console.
 *
 * Whether the session is an impersonation is read from the access token's `act` claim (RFC 8693
 * §4.1; `services/sessions/access-tokens.ts` signs it for every token of a session that has an
 * impersonator), and its end from `exp` (such a token lives exactly as long as its session). The
 * page server verified that token and found its session live in this same request, so reading
 * its claims here trusts nothing new. (`PublicSession` does not carry the impersonator.)
 */
import type { PageView } from '../../http/route.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users.js';

/** Where the banner's button posts: ends the impersonation, back to the console. */
export const END_IMPERSONATION_PATH = '/console/impersonation/end';

export interface ImpersonationClaims {
  /** The operator acting as the user. */
  readonly operatorId: string;
  /** When the session ends (epoch seconds). */
  readonly expiresAt: number;
}

/** The impersonation behind the view's session, if it is one. */
export function impersonationOf(view: Pick<PageView, 'signedIn'>): ImpersonationClaims | undefined {
  const token = view.signedIn?.accessToken;
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      act?: { sub?: unknown };
      exp?: unknown;
    };
    const operatorId = claims.act?.sub;
    if (typeof operatorId !== 'string' || typeof claims.exp !== 'number') return undefined;
    return { operatorId, expiresAt: claims.exp };
  } catch {
    return undefined;
  }
}

/** The banner for an impersonated session; nothing for any other page view. */
export function impersonationBanner(view: PageView): SafeHtml {
  const claims = impersonationOf(view);
  if (!claims || !view.signedIn) return html``;
  const s = consoleUsersStringsFor(view).impersonation;
  const user = view.signedIn.user;
  const who = user.email ?? user.username ?? user.id;
  const until = new Intl.DateTimeFormat(view.locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(claims.expiresAt * 1000));
  return html`<section class="gh-impersonation" aria-labelledby="gh-impersonation-title">
<p id="gh-impersonation-title"><strong>${s.bannerTitle}</strong></p>
<p>${s.bannerBody(who, until)}</p>
<form method="post" action="${END_IMPERSONATION_PATH}">
${csrfField(view)}
<button type="submit" class="gh-button-secondary">${s.end}</button>
</form>
</section>`;
}
