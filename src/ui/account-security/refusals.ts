/**
 * The refusals every security page expects from a factor, identity or token operation, answered
 * as pages: a sign-in that is not recent enough goes to reauthenticate and comes back
 * (`REAUTH_REQUIRED`), an operator's session as the user is told plainly that the change is the
 * owner's alone (`IMPERSONATION_RESTRICTED`), and something already gone is a 404 page. Anything
 * else is the caller's to handle or to let through to the page server's refusal page.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageReply, PageView } from '../../http/route.js';
import { accountPage } from '../account/account-page.js';
import { reauthLocation } from '../account/refusals.js';
import { html } from '../html.js';
import { accountSecurityStringsFor, type SecurityMessage } from '../locales/account-security/index.js';
import { seeOther } from '../view.js';

/** To reauthenticate (the account pages' `/account/reauth`), then back to `returnTo` (one of our own paths). */
export function reauthFirst(returnTo: string): PageReply {
  return seeOther(reauthLocation(returnTo));
}

/** A link back to a list page. */
export interface BackLink {
  readonly href: string;
  readonly label: string;
}

/** A page that only says why something cannot be done, with a way back. */
export function messagePage(
  view: PageView,
  status: number,
  message: SecurityMessage,
  back: BackLink,
): PageReply {
  return accountPage(
    view,
    status,
    message.title,
    html`<h1>${message.title}</h1>
<div class="gh-notice gh-notice-problem" role="alert"><p>${message.body}</p></div>
<p><a href="${back.href}">${back.label}</a></p>`,
  );
}

/**
 * The page for one of the refusals every security page shares, or undefined for anything else.
 * `returnTo` is the page to come back to after reauthenticating; `back` the list the refusal
 * page links to (the security overview unless given).
 */
export function sharedRefusal(
  view: PageView,
  error: unknown,
  returnTo: string,
  back?: BackLink,
): PageReply | undefined {
  if (!isGatehouseError(error)) return undefined;
  const s = accountSecurityStringsFor(view).common;
  back ??= { href: '/account/security', label: s.backToSecurity };
  switch (error.code) {
    case 'REAUTH_REQUIRED':
      return reauthFirst(returnTo);
    case 'IMPERSONATION_RESTRICTED':
      return messagePage(view, 403, s.impersonated, back);
    case 'NOT_FOUND':
      return messagePage(view, 404, s.notFound, back);
    default:
      return undefined;
  }
}

/** `sharedRefusal`, or the error again for the page server to answer. */
export function refusalOrThrow(view: PageView, error: unknown, returnTo: string, back?: BackLink): PageReply {
  const reply = sharedRefusal(view, error, returnTo, back);
  if (reply) return reply;
  throw error;
}
