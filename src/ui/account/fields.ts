/**
 * Form fields the account pages need beyond `forms.ts`'s text inputs: more input types (web
 * address, phone, date), a select and a confirmation checkbox — each with its label, hint and
 * error wired up the same way (`aria-describedby`, `aria-invalid`).
 */
import { html, type SafeHtml } from '../html.js';

export interface AccountInput {
  readonly id: string;
  readonly name: string;
  readonly type: 'text' | 'email' | 'password' | 'url' | 'tel' | 'date';
  readonly label: string;
  readonly autocomplete: string;
  readonly hint?: string;
  readonly error?: string;
  /** What the user typed or has (never shown for passwords). */
  readonly value?: string | null;
  readonly optional?: boolean;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly inputMode?: 'numeric' | 'tel' | 'url' | 'email';
}

/** The `aria-describedby` value and the hint and error elements it names. */
export function described(id: string, hint?: string, error?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids = [hintId, errorId].filter(Boolean).join(' ');
  return {
    parts: html`${hint && html`<span class="gh-hint" id="${hintId}">${hint}</span>`}
${error && html`<span class="gh-field-error" id="${errorId}">${error}</span>`}`,
    attributes: html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
  };
}

/** A labelled input of any of the account pages' types. */
export function accountInput(f: AccountInput): SafeHtml {
  const d = described(f.id, f.hint, f.error);
  const value = f.type !== 'password' && f.value ? html` value="${f.value}"` : '';
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${d.parts}
<input id="${f.id}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}"${f.optional ? '' : html` required`}${value}${
    f.minLength !== undefined ? html` minlength="${f.minLength}"` : ''
  }${f.maxLength !== undefined ? html` maxlength="${f.maxLength}"` : ''}${
    f.inputMode ? html` inputmode="${f.inputMode}"` : ''
  }${d.attributes}>
</div>`;
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  /** The option's own language, when its label is written in it (a language's own name). */
  readonly lang?: string;
}

/** A labelled select. */
export function selectField(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly options: readonly SelectOption[];
  readonly selected: string;
  readonly hint?: string;
  readonly error?: string;
}): SafeHtml {
  const d = described(f.id, f.hint, f.error);
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${d.parts}
<select id="${f.id}" name="${f.name}"${d.attributes}>
${f.options.map(
  (o) =>
    html`<option value="${o.value}"${o.lang ? html` lang="${o.lang}"` : ''}${o.value === f.selected ? html` selected` : ''}>${o.label}</option>`,
)}
</select>
</div>`;
}

/** A required "I understand" checkbox: the confirmation step of a destructive form, without script. */
export function confirmCheckbox(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly error?: string;
}): SafeHtml {
  const d = described(f.id, undefined, f.error);
  return html`<div class="gh-field">
${d.parts}
<div class="gh-check">
<input id="${f.id}" name="${f.name}" type="checkbox" value="yes" required${d.attributes}>
<label for="${f.id}">${f.label}</label>
</div>
</div>`;
}
