/**
 * Where a finished sign-in goes: the `returnTo` the sign-in pages were opened with, carried from
 * form to form in a hidden field, and followed only when `localReturn` finds it a path on this
 * server — never back into the sign-in pages themselves, which would send a signed-in browser
 * round in a loop.
 */
import { localReturn } from '../../http/pages.js';
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';

/** Where a signed-in person goes when nothing (or nothing safe) was asked for. */
export const DEFAULT_RETURN = '/account';

const OWN_PAGES = /^\/(sign-in|sign-up|sign-out)(\/|\?|#|$)/;

/** The safe target of a `returnTo` value; the default for anything else. */
export function returnTarget(requested: string | null | undefined): string {
  const target = localReturn(requested, DEFAULT_RETURN);
  return OWN_PAGES.test(target) ? DEFAULT_RETURN : target;
}

/** The target a page was opened for (`?returnTo=`), checked. */
export function requestedReturn(view: PageView): string {
  return returnTarget(view.query.get('returnTo'));
}

/** The hidden field carrying the target on to the next form (only a checked one, only when not the default). */
export function returnField(target: string): SafeHtml {
  return target === DEFAULT_RETURN ? html`` : html`<input type="hidden" name="returnTo" value="${target}">`;
}

/** `path` with the target in its query when it is not the default: links between the sign-in pages. */
export function withReturn(path: string, target: string): string {
  if (target === DEFAULT_RETURN) return path;
  return `${path}${path.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(target)}`;
}
