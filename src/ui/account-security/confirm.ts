/**
 * The confirmation step of a destructive change, without script: a page saying what will happen,
 * a required "I understand" checkbox and the button, posting to the page itself. A post without
 * the box ticked comes back (400) with the error next to it and in the summary.
 */
import type { PageReply, PageView } from '../../http/route.js';
import { accountPage } from '../account/account-page.js';
import { confirmCheckbox } from '../account/fields.js';
import { csrfField, errorSummary } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { accountSecurityStringsFor } from '../locales/account-security/index.js';
import { stringsFor } from '../view.js';

export interface Confirmation {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly submit: string;
  /** Where the form posts (the page itself). */
  readonly action: string;
  /** Where "Cancel" goes. */
  readonly cancel: string;
  /** Shown above the text: why the last attempt was refused. */
  readonly notice?: SafeHtml;
  /** Markup before the form (details of what is being removed). */
  readonly details?: SafeHtml;
}

/** The field name of the checkbox; `confirmed(form)` reads it. */
const FIELD = 'confirm';
const ID = 'confirm-remove';

/** Whether the form's box was ticked. */
export function confirmed(form: URLSearchParams): boolean {
  return form.get(FIELD) === 'yes';
}

/** The confirmation page; `missing` when the box was not ticked. */
export function confirmationPage(view: PageView, c: Confirmation, status = 200, missing = false): PageReply {
  const error = missing ? accountSecurityStringsFor(view).common.confirmMissing : undefined;
  return accountPage(
    view,
    status,
    c.title,
    html`<h1>${c.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, error ? [{ field: ID, message: error }] : [])}
${c.notice}
${c.details}
<p>${c.body}</p>
<form method="post" action="${c.action}" novalidate>
${csrfField(view)}
${confirmCheckbox({ id: ID, name: FIELD, label: c.confirmLabel, error })}
<div class="gh-actions">
<button type="submit" class="gh-button-danger">${c.submit}</button>
<a href="${c.cancel}">${accountSecurityStringsFor(view).common.cancel}</a>
</div>
</form>`,
  );
}
