/**
 * Recovery codes, shown once: the page that lists a new set (after a first factor arrives or
 * after regenerating), with a copy button and a download form, and the download itself. The
 * codes are never stored readable, so the download posts the codes the page showed back to
 * `/account/security/recovery-codes` — in a form body, never a URL — and gets them as a file.
 */
import { isValidRecoveryCode } from '../../crypto/recovery-codes.js';
import type { PageReply, PageView } from '../../http/route.js';
import { accountPage, statusNotice } from '../account/account-page.js';
import { csrfField } from '../forms.js';
import { html } from '../html.js';
import { accountSecurityStringsFor } from '../locales/account-security/index.js';
import { copyButton } from './secrets.js';

export const RECOVERY_CODES_PATH = '/account/security/recovery-codes';
/** A set has ten; the download takes no more than that. */
const MAX_CODES = 10;

/**
 * The page showing `codes` this once (200, the answer to the POST that made them), with `done`
 * — what else just happened (a factor was added) — announced above them. `accessToken`: the
 * session's new token when the factor raised it to aal2, for the browser's cookie.
 */
export function recoveryCodesPage(
  view: PageView,
  codes: readonly string[],
  done?: string,
  accessToken?: { readonly token: string; readonly expiresIn: number },
): PageReply {
  const s = accountSecurityStringsFor(view);
  const r = s.recovery;
  const reply = accountPage(
    view,
    200,
    r.title,
    html`<h1>${r.title}</h1>
${statusNotice(done)}
<p>${r.intro}</p>
<p><strong>${r.once}</strong></p>
<div class="gh-copyable">
<ol id="recovery-codes" class="gh-codes gh-secret" aria-label="${r.listLabel}">
${codes.map(
  (c) => html`<li>${c}</li>
`,
)}</ol>
${copyButton('recovery-codes', r.codesCopy)}
</div>
<form method="post" action="${RECOVERY_CODES_PATH}">
${csrfField(view)}
<input type="hidden" name="action" value="download">
<input type="hidden" name="codes" value="${codes.join(' ')}">
<button type="submit" class="gh-button-secondary">${r.download}</button>
</form>
<p class="gh-section"><a href="/account/security">${r.continue}</a></p>`,
  );
  return reply.kind === 'page' && accessToken ? { ...reply, accessToken } : reply;
}

/** The codes a download form sent, when they are a set of valid codes; else undefined. */
export function postedCodes(value: string | null): string[] | undefined {
  const codes = (value ?? '').split(/\s+/).filter(Boolean);
  if (codes.length === 0 || codes.length > MAX_CODES || !codes.every(isValidRecoveryCode)) return undefined;
  return codes;
}

/** The codes as a text file in the page's language: what they are for, the account, one code a line. */
export function recoveryCodesFile(view: PageView, codes: readonly string[]): PageReply {
  const r = accountSecurityStringsFor(view).recovery;
  const user = view.signedIn?.user;
  const account = user?.email ?? user?.username ?? '';
  const lines = [
    r.fileTitle(view.settings.pages.productName),
    ...(account ? [r.fileAccount(account)] : []),
    r.fileBody,
    '',
    ...codes,
    '',
  ];
  return {
    kind: 'file',
    contentType: 'text/plain; charset=utf-8',
    filename: r.fileName,
    body: lines.join('\r\n'),
  };
}
