/**
 * A field for a one-time code (authenticator app, text message, email, recovery code): like
 * `inputField`, with the keyboard and autofill a code wants — digits on phones, the code a
 * text message or mail just brought offered by the system.
 */
import { html, type SafeHtml } from '../html.js';

export interface CodeField {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  /** Digits only (a recovery code has letters). */
  readonly numeric: boolean;
}

export function codeField(f: CodeField): SafeHtml {
  const hintId = f.hint ? `${f.id}-hint` : undefined;
  const errorId = f.error ? `${f.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${f.hint && html`<span class="gh-hint" id="${hintId}">${f.hint}</span>`}
${f.error && html`<span class="gh-field-error" id="${errorId}">${f.error}</span>`}
<input id="${f.id}" name="code" type="text" autocomplete="one-time-code" required maxlength="64" spellcheck="false" autocapitalize="off"${
    f.numeric ? html` inputmode="numeric"` : ''
  }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}
