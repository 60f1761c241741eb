/**
 * The second step of a sign-in as a page. It is rendered as the answer to the form that did the
 * first step (status 200, no redirect), so the pending sign-in's `mfaToken` travels only in this
 * page's hidden fields and the POST bodies of its forms: never in a URL, never in a cookie, never
 * as a session (MFA-04). Every form posts to `/sign-in/mfa`, which answers with this page again
 * (an error next to the field) or with the session. Only the methods the sign-in's challenge
 * named are offered.
 */

import type { PageReply, PageView } from '../../http/route.js';
import type { MfaChallenge } from '../../services/mfa/pending-sign-in.js';
import { MFA_METHODS, type MfaMethod } from '../../services/mfa/second-factor.js';
import { csrfField, errorSummary, type FieldError } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { signInStringsFor } from '../locales/sign-in/index.js';
import { page, stringsFor } from '../view.js';
import { codeField } from './code-field.js';
import { SIGN_IN_CSS } from './css.js';
import { returnField, returnTarget } from './return-to.js';

export const MFA_PATH = '/sign-in/mfa';

/** The field ids of the step's inputs, by method (errors name them). */
export const MFA_FIELDS: Readonly<Record<MfaMethod, string>> = {
  totp: 'totp-code',
  sms: 'sms-code',
  recovery_code: 'recovery-code',
  passkey: 'passkey-button',
};

/** Where the step stands: the pending sign-in, what it offers, and what went wrong last. */
export interface MfaStep {
  readonly mfaToken: string;
  readonly methods: readonly MfaMethod[];
  readonly returnTo: string;
  /** A code was texted: the SMS section asks for it. */
  readonly smsSent?: boolean;
  readonly errors?: readonly FieldError[];
}

/** The step a sign-in's challenge starts. */
export function stepOf(challenge: MfaChallenge, returnTo: string): MfaStep {
  return { mfaToken: challenge.mfaToken, methods: challenge.methods, returnTo };
}

/** The step the hidden fields of one of its forms describe (the methods only choose what is shown). */
export function stepFromForm(form: URLSearchParams): MfaStep {
  const named = new Set((form.get('methods') ?? '').split(','));
  return {
    mfaToken: form.get('mfaToken') ?? '',
    methods: MFA_METHODS.filter((m) => named.has(m)),
    returnTo: returnTarget(form.get('returnTo')),
  };
}

/** The same step, kept by every form the page has. */
function carried(view: PageView, step: MfaStep, method: MfaMethod, intent = 'verify'): SafeHtml {
  return html`${csrfField(view)}
<input type="hidden" name="mfaToken" value="${step.mfaToken}">
<input type="hidden" name="methods" value="${step.methods.join(',')}">
${returnField(step.returnTo)}
<input type="hidden" name="method" value="${method}">
<input type="hidden" name="intent" value="${intent}">`;
}

const errorFor = (step: MfaStep, method: MfaMethod) =>
  step.errors?.find((e) => e.field === MFA_FIELDS[method])?.message;

export function mfaStepPage(view: PageView, status: number, step: MfaStep): PageReply {
  const s = signInStringsFor(view).mfa;
  const has = (m: MfaMethod) => step.methods.includes(m);
  const section = (method: MfaMethod, title: string, body: SafeHtml) =>
    html`<section class="gh-way" aria-labelledby="${method}-title">
<h2 id="${method}-title">${title}</h2>
${body}
</section>`;
  const passkeyError = errorFor(step, 'passkey');
  const passkey =
    has('passkey') &&
    html`<form method="post" action="${MFA_PATH}" class="gh-way" hidden aria-labelledby="passkey-title"
 data-webauthn="get" data-webauthn-options="${view.settings.basePath}/mfa/passkey/options"
 data-webauthn-send="mfaToken" data-webauthn-result="assertion"
 data-webauthn-cancelled="${s.passkeyCancelled}" data-webauthn-failed="${s.passkeyFailed}">
<h2 id="passkey-title">${s.passkeyTitle}</h2>
${carried(view, step, 'passkey')}
<input type="hidden" name="assertion" value="">
${passkeyError && html`<span class="gh-field-error" id="passkey-button-error">${passkeyError}</span>`}
<button type="submit" id="passkey-button"${passkeyError ? html` aria-describedby="passkey-button-error"` : ''}>${s.passkeyButton}</button>
<div class="gh-status" role="status" data-webauthn-status></div>
</form>`;
  const totp =
    has('totp') &&
    section(
      'totp',
      s.totpTitle,
      html`<form method="post" action="${MFA_PATH}" novalidate>
${carried(view, step, 'totp')}
${codeField({ id: MFA_FIELDS.totp, label: s.totpLabel, hint: s.totpHint, error: errorFor(step, 'totp'), numeric: true })}
<button type="submit">${s.submit}</button>
</form>`,
    );
  const sms =
    has('sms') &&
    section(
      'sms',
      s.smsTitle,
      html`${
        step.smsSent
          ? html`<p role="status">${s.smsSent}</p>
<form method="post" action="${MFA_PATH}" novalidate>
${carried(view, step, 'sms')}
${codeField({ id: MFA_FIELDS.sms, label: s.smsLabel, error: errorFor(step, 'sms'), numeric: true })}
<button type="submit">${s.submit}</button>
</form>`
          : html`<p>${s.smsIntro}</p>`
      }
<form method="post" action="${MFA_PATH}">
${carried(view, step, 'sms', 'send-sms')}
${!step.smsSent && errorFor(step, 'sms') && html`<span class="gh-field-error" id="sms-code-error">${errorFor(step, 'sms')}</span>`}
<button type="submit" id="${step.smsSent ? 'sms-send' : MFA_FIELDS.sms}"${step.smsSent ? html` class="gh-button-secondary"` : ''}${
        !step.smsSent && errorFor(step, 'sms') ? html` aria-describedby="sms-code-error"` : ''
      }>${step.smsSent ? s.smsResend : s.smsSend}</button>
</form>`,
    );
  const recovery =
    has('recovery_code') &&
    section(
      'recovery_code',
      s.recoveryTitle,
      html`<form method="post" action="${MFA_PATH}" novalidate>
${carried(view, step, 'recovery_code')}
${codeField({
  id: MFA_FIELDS.recovery_code,
  label: s.recoveryLabel,
  hint: s.recoveryHint,
  error: errorFor(step, 'recovery_code'),
  numeric: false,
})}
<button type="submit" class="gh-button-secondary">${s.submit}</button>
</form>`,
    );
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, step.errors ?? [])}
<p>${s.intro}</p>
${passkey}
${totp}
${sms}
${recovery}`,
    { css: SIGN_IN_CSS },
  );
}
