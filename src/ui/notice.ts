/**
 * Pages that only say something: a finished action's result, a problem the user can act on, and
 * a request the server refused before any page handled it.
 */

import type { GatehouseError } from '../core/errors.js';
import type { PageReply, PageView } from '../http/route.js';
import { STATUS_BY_CODE } from '../http/status.js';
import { consoleRefusal } from './console/refusals.js';
import { html, type SafeHtml } from './html.js';
import type { LinkProblemStrings, ResultStrings } from './locales/en.js';
import { page, stringsFor } from './view.js';

function notice(
  view: PageView,
  status: number,
  tone: 'success' | 'problem',
  text: LinkProblemStrings | ResultStrings,
  next?: SafeHtml,
): PageReply {
  return page(
    view,
    status,
    text.title,
    html`<div class="gh-notice gh-notice-${tone}">
<h1>${text.title}</h1>
<p>${text.body}</p>
${next}
</div>`,
  );
}

/** What a finished action tells the user (200). */
export function resultPage(view: PageView, text: ResultStrings, next?: SafeHtml): PageReply {
  return notice(view, 200, 'success', text, next);
}

/** A refusal the user can act on, with its status. */
export function problemPage(
  view: PageView,
  status: number,
  text: LinkProblemStrings,
  next?: SafeHtml,
): PageReply {
  return notice(view, status, 'problem', text, next);
}

/**
 * A refusal from before any page ran (a cross-site form, an unreadable body, the limits, an
 * instance that is not up) as a page with the error's own status.
 */
export function refusalPage(view: PageView, error: GatehouseError, requestId: string): PageReply {
  const consoleReply = consoleRefusal(view, error);
  if (consoleReply) return consoleReply;
  const { errors } = stringsFor(view);
  const known: Partial<Record<string, LinkProblemStrings>> = {
    ORIGIN_NOT_ALLOWED: errors.crossSite,
    FORM_EXPIRED: errors.formExpired,
    VALIDATION_ERROR: errors.badForm,
    UNSUPPORTED_MEDIA_TYPE: errors.badForm,
    PAYLOAD_TOO_LARGE: errors.tooLarge,
    RATE_LIMITED: errors.rateLimited,
    UNAVAILABLE: errors.unavailable,
    METHOD_NOT_ALLOWED: errors.methodNotAllowed,
  };
  const status = STATUS_BY_CODE[error.code];
  const text = known[error.code] ?? (status >= 500 ? errors.internal(requestId) : errors.refused);
  return problemPage(view, status, text);
}
