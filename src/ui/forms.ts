/**
 * Form pieces every page uses, accessible without JavaScript: each input has a label, a field's
 * error sits next to it and is named by `aria-describedby`, and the error summary at the top
 * links to the field it is about.
 */
import { MAX_PASSWORD_LENGTH, passwordLength } from '../crypto/password-policy.js';
import type { PageView } from '../http/route.js';
import { html, type SafeHtml } from './html.js';
import { stringsFor } from './view.js';

/** A problem with one field: its input's `id` and the message. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The summary above a form that was sent back with errors; empty when there are none. */
export function errorSummary(title: string, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="gh-error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${title}</h2>
<ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

export interface InputField {
  readonly id: string;
  readonly name: string;
  readonly type: 'email' | 'password' | 'text';
  readonly label: string;
  readonly autocomplete: string;
  readonly hint?: string;
  readonly error?: string;
  /** What the user typed, shown again (never for passwords). */
  readonly value?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** May be left empty (required by default). */
  readonly optional?: boolean;
}

/** A labelled input with its hint and error. */
export function inputField(f: InputField): SafeHtml {
  const hintId = f.hint ? `${f.id}-hint` : undefined;
  const errorId = f.error ? `${f.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${f.hint && html`<span class="gh-hint" id="${hintId}">${f.hint}</span>`}
${f.error && html`<span class="gh-field-error" id="${errorId}">${f.error}</span>`}
<input id="${f.id}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}"${f.optional ? '' : html` required`}${
    f.value !== undefined && f.type !== 'password' ? html` value="${f.value}"` : ''
  }${f.minLength !== undefined ? html` minlength="${f.minLength}"` : ''}${
    f.maxLength !== undefined ? html` maxlength="${f.maxLength}"` : ''
  }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

/**
 * A form posting to `action` (a page path relative to this one), with the CSRF token and the
 * mailed link's token in hidden fields — the only place a page carries either.
 */
export function pageForm(
  view: PageView,
  action: string,
  submit: string,
  fields: SafeHtml,
  token?: string,
): SafeHtml {
  return html`<form method="post" action="${action}" novalidate>
${csrfField(view)}
${token !== undefined && html`<input type="hidden" name="token" value="${token}">`}
${fields}
<button type="submit">${submit}</button>
</form>`;
}

/** The hidden field carrying this page's CSRF token: every form posting to a page has it. */
export function csrfField(view: PageView): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${view.csrf}">`;
}

/** Why the password policy refused `password`, in the page's words (the operation's message is English). */
export function passwordRefusal(view: PageView, password: string): string {
  const s = stringsFor(view).form;
  const length = passwordLength(password);
  if (length < view.settings.passwordMinLength) return s.passwordTooShort(view.settings.passwordMinLength);
  if (length > MAX_PASSWORD_LENGTH) return s.passwordTooLong(MAX_PASSWORD_LENGTH);
  return s.passwordRefused;
}
