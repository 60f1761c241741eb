/**
 * Operation refusals every account page answers the same way: a session an operator started as
 * the user (`IMPERSONATION_RESTRICTED`: a clear message, never a 500) and a change that needs a
 * recent sign-in (`REAUTH_REQUIRED`: off to `/account/reauth`, and back to the page afterwards).
 * The security pages use them too.
 */
import { type ErrorCode, type GatehouseError, isGatehouseError } from '../../core/errors.js';
import type { PageReply, PageView } from '../../http/route.js';
import type { SafeHtml } from '../html.js';
import { accountStringsFor } from '../locales/account/index.js';
import { problemNotice } from './account-page.js';

/** The reauthentication page. */
export const REAUTH_PATH = '/account/reauth';

/** Whether `error` is a GatehouseError with one of `codes`. */
export function hasCode(error: unknown, ...codes: ErrorCode[]): error is GatehouseError {
  return isGatehouseError(error) && codes.includes(error.code);
}

/** The reauthentication page, coming back to `returnTo` (a path on this server) when done. */
export function reauthLocation(returnTo: string): string {
  return `${REAUTH_PATH}?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The message for an impersonated session, to show above the page's form. */
export function impersonationNotice(view: PageView): SafeHtml {
  const s = accountStringsFor(view).impersonated;
  return problemNotice(s.title, s.body);
}

/**
 * The redirect for a change that needs a recent sign-in: to the reauthentication page, then back
 * to this page (its GET: the user sends the change again). Undefined for any other error.
 */
export function reauthRedirect(view: PageView, error: unknown): PageReply | undefined {
  if (!hasCode(error, 'REAUTH_REQUIRED')) return undefined;
  return { kind: 'redirect', location: reauthLocation(view.path) };
}
