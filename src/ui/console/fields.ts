/**
 * Form fields the console needs besides the shared and the account pages' ones (`forms.ts`,
 * `account/fields.ts`, re-exported here): a checkbox that may be left unticked, and a text area.
 * Each wires its hint and error to the control as the others do.
 */

import { described } from '../account/fields.js';
import { html, type SafeHtml } from '../html.js';

export { accountInput as textField, selectField } from '../account/fields.js';

export function checkboxField(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly checked: boolean;
  readonly value?: string;
  readonly hint?: string;
}): SafeHtml {
  const hintId = f.hint ? `${f.id}-hint` : undefined;
  return html`<div class="gh-check">
<input id="${f.id}" name="${f.name}" type="checkbox" value="${f.value ?? 'true'}"${f.checked ? html` checked` : ''}${
    hintId ? html` aria-describedby="${hintId}"` : ''
  }>
<label for="${f.id}">${f.label}${f.hint && html` <span class="gh-hint" id="${hintId}">${f.hint}</span>`}</label>
</div>`;
}

/** A labelled text area (several lines: a reason). */
export function textAreaField(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly hint?: string;
  readonly error?: string;
  readonly maxLength?: number;
}): SafeHtml {
  const d = described(f.id, f.hint, f.error);
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${d.parts}
<textarea id="${f.id}" name="${f.name}" rows="3" required${
    f.maxLength !== undefined ? html` maxlength="${f.maxLength}"` : ''
  }${d.attributes}>${f.value ?? ''}</textarea>
</div>`;
}
