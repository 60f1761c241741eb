/**
 * How the security pages show a secret once: in a monospace block a person can select, with a
 * copy button (the `data-copy` client part shows it only when the clipboard is there) and a
 * polite status line saying it was copied. A setup key is shown in groups of four, spaced by CSS
 * rather than by characters, so what is copied or selected is the key itself.
 */
import { html, type SafeHtml } from '../html.js';
import type { CopyStrings } from '../locales/account-security/index.js';

/** `id`'s text and its copy button; `content` is the secret's markup (escaped text or groups). */
export function copyable(id: string, content: SafeHtml, copy: CopyStrings): SafeHtml {
  return html`<div class="gh-copyable">
<code id="${id}" class="gh-secret">${content}</code>
${copyButton(id, copy)}
</div>`;
}

/** The button copying element `id`'s text, hidden until the script finds a clipboard, and its status line. */
export function copyButton(id: string, copy: CopyStrings): SafeHtml {
  return html`<div class="gh-actions">
<button type="button" class="gh-button-secondary" data-copy="#${id}" data-copied="${copy.copied}" data-copy-failed="${copy.copyFailed}" aria-describedby="${id}-status" hidden>${copy.copy}</button>
<span id="${id}-status" role="status"></span>
</div>`;
}

/** `secret` in groups of four characters (each a `span`; no spaces in the text). */
export function grouped(secret: string): SafeHtml {
  const groups = secret.match(/.{1,4}/g) ?? [];
  return html`<span class="gh-grouped">${groups.map((g) => html`<span>${g}</span>`)}</span>`;
}
