/**
 * The frame the account's form pages share (password, email): the heading, the error summary
 * linking to the fields that were refused, a refusal not about one field, the finished action's
 * status message, then the page's own content.
 */
import type { PageReply, PageView } from '../../http/route.js';
import { errorSummary } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { stringsFor } from '../view.js';
import { accountPage } from './account-page.js';

/** A refused field: the input's id and what to fix. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export interface AccountFormParts {
  /** Refused fields, in the order of the form (absent ones are skipped). */
  readonly problems?: readonly (FieldProblem | undefined)[];
  /** A refusal not about one field (impersonation…). */
  readonly notice?: SafeHtml | undefined;
  /** The finished action's status message. */
  readonly done?: SafeHtml;
  readonly content: SafeHtml;
}

/** `message` for `field`, or nothing when there is no message. */
export function problem(field: string, message: string | undefined): FieldProblem | undefined {
  return message ? { field, message } : undefined;
}

export function accountFormPage(
  view: PageView,
  status: number,
  title: string,
  parts: AccountFormParts,
): PageReply {
  const problems = (parts.problems ?? []).filter((p): p is FieldProblem => p !== undefined);
  return accountPage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, problems)}
${parts.notice}
${parts.done}
${parts.content}`,
  );
}
