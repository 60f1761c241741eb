/**
 * What the pages that mailed links open share: reading the link's token from the query, and
 * the page for a link that cannot be used — unknown, expired or already used — with what to do
 * next.
 */
import { isGatehouseError } from '../core/errors.js';
import type { PageReply, PageView } from '../http/route.js';
import { STATUS_BY_CODE } from '../http/status.js';
import { pageForm } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { problemPage } from './notice.js';
import { page, relative, stringsFor } from './view.js';

/** The token of the link that opened the page, or `undefined` when there is none. */
export function linkToken(view: PageView): string | undefined {
  const token = view.query.get('token');
  return token ? token : undefined;
}

/** The page a link opens: what using it does, and one button that posts its token back to `path`. */
export function useLinkPage(
  view: PageView,
  path: string,
  strings: { readonly title: string; readonly intro: string; readonly submit: string },
  token: string,
): PageReply {
  return page(
    view,
    200,
    strings.title,
    html`<h1>${strings.title}</h1>
<p>${strings.intro}</p>
${pageForm(view, relative(path), strings.submit, html``, token)}`,
  );
}

/** The page for a link without a token (cut short in the mail client, say): 400. */
export function missingLinkPage(view: PageView, next: SafeHtml): PageReply {
  return problemPage(view, 400, stringsFor(view).link.invalid, next);
}

/** The page for an operation refused because of its link; any other error is rethrown. */
export function linkErrorPage(view: PageView, error: unknown, next: SafeHtml): PageReply {
  const { link } = stringsFor(view);
  if (isGatehouseError(error)) {
    const text =
      error.code === 'LINK_EXPIRED'
        ? link.expired
        : error.code === 'LINK_USED'
          ? link.used
          : error.code === 'LINK_INVALID'
            ? link.invalid
            : undefined;
    if (text) return problemPage(view, STATUS_BY_CODE[error.code], text, next);
  }
  throw error;
}
