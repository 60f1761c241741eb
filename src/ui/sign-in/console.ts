/**
 * Signing in to the admin console through the sign-in pages. The console is an app of its own
 * (`CONSOLE_APP_ID`): a sign-in whose `returnTo` is a console page happens there, so the session
 * it makes is one the console admits, and a session for another app does not count as signed in
 * for it — the sign-in page shows its form rather than sending that browser back to a console
 * page that would only refuse it. The pages never sign in at any other app.
 */
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageRead, PageView } from '../../http/route.js';
import type { ClientInfo } from '../../services/context.js';

/** `returnTo` is a console page (`/console`, `/console/…`, with or without a query). */
export function forConsole(returnTo: string): boolean {
  return /^\/console(\/|\?|#|$)/.test(returnTo);
}

/** The browser's session, if any, is one `returnTo` can use: any, unless that is the console. */
export function sessionServes(view: PageView, returnTo: string): boolean {
  if (!view.signedIn) return false;
  return !forConsole(returnTo) || view.signedIn.session.appId === CONSOLE_APP_ID;
}

/** The client a sign-in for `returnTo` names: the console app for a console page. */
export function signInClient(view: Pick<PageRead, 'client'>, returnTo: string): ClientInfo {
  return forConsole(returnTo) ? { ...view.client, app: CONSOLE_APP_ID } : view.client;
}
