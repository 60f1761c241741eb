/**
 * A new password's field with the rules written under its label: the length the policy wants
 * (`passwordMinLength` to `MAX_PASSWORD_LENGTH`, in characters as the server counts them) and
 * no common or breached password. Without JavaScript the rules are a plain list; the script part
 * `client/password-rules.ts` marks each met or not as the person types (from the list's `data-`
 * attributes) and speaks a change in the list's live status. The server checks it all again.
 */
import { MAX_PASSWORD_LENGTH } from '../../crypto/password-policy.js';
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { signInStringsFor } from '../locales/sign-in/index.js';

export interface NewPasswordField {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly error?: string;
}

export function newPasswordField(view: PageView, f: NewPasswordField): SafeHtml {
  const s = signInStringsFor(view).signUp;
  const min = view.settings.passwordMinLength;
  const rulesId = `${f.id}-rules`;
  const errorId = f.error ? `${f.id}-error` : undefined;
  const describedBy = [`${rulesId}-title`, rulesId, errorId].filter(Boolean).join(' ');
  const rule = (name: string, text: string) =>
    html`<li data-rule="${name}" data-met="${s.ruleMet}" data-unmet="${s.ruleUnmet}"><span class="gh-rule-state gh-visually-hidden"></span>${text}</li>`;
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
<span class="gh-rules-title" id="${rulesId}-title">${s.rulesTitle}</span>
<ul class="gh-rules" id="${rulesId}" data-password-rules="${f.id}" data-min="${min}" data-max="${MAX_PASSWORD_LENGTH}">
${rule('min', s.ruleMin(min))}
${rule('max', s.ruleMax(MAX_PASSWORD_LENGTH))}
<li>${s.ruleCommon}</li>
</ul>
<p class="gh-visually-hidden" aria-live="polite" data-password-rules-status></p>
${f.error && html`<span class="gh-field-error" id="${errorId}">${f.error}</span>`}
<input id="${f.id}" name="${f.name}" type="password" autocomplete="new-password" required minlength="${min}" maxlength="${MAX_PASSWORD_LENGTH * 2}" aria-describedby="${describedBy}"${
    f.error ? html` aria-invalid="true"` : ''
  }>
</div>`;
}
