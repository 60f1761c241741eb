/**
 * `/account/security/passkeys`: adding a passkey, in two steps so that showing a page never
 * issues a challenge. The page (GET) asks for a name; posting it (recent sign-in needed) answers
 * with the registration options inside the next form, which the `webauthn` client part runs
 * (`navigator.credentials.create`) and posts back with the browser's answer; the page then calls
 * the same operation as `POST /auth/passkeys/register`. Without JavaScript (or WebAuthn) the second
 * form stays hidden and the page says a passkey needs it. A first factor's recovery codes are shown once.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import {
  DEFAULT_PASSKEY_NAME,
  MAX_PASSKEY_NAME,
  readPasskeyName,
} from '../../../services/passkeys/passkey-name.js';
import { accountPage, problemNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { recoveryCodesPage } from '../../account-security/recovery-codes.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';
import { securityDone } from './security.js';

const PATH = '/account/security/passkeys';

function namePage(view: PageView, status: number, name = '', error?: string, problem?: string): PageReply {
  const s = accountSecurityStringsFor(view);
  const p = s.passkeys;
  return accountPage(
    view,
    status,
    p.title,
    html`<h1>${p.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, error ? [{ field: 'passkey-name', message: error }] : [])}
${problem && problemNotice(problem)}
<p>${p.intro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="start">
${accountInput({
  id: 'passkey-name',
  name: 'name',
  type: 'text',
  label: p.nameLabel,
  hint: p.nameHint,
  error,
  value: name,
  autocomplete: 'off',
  maxLength: MAX_PASSKEY_NAME,
})}
<div class="gh-actions">
<button type="submit">${p.start}</button>
<a href="/account/security">${s.common.cancel}</a>
</div>
</form>`,
  );
}

function createPage(view: PageView, name: string, options: unknown): PageReply {
  const s = accountSecurityStringsFor(view);
  const p = s.passkeys;
  return accountPage(
    view,
    200,
    p.createTitle,
    html`<h1>${p.createTitle}</h1>
<p>${p.createIntro}</p>
<p class="gh-notice gh-notice-problem" data-webauthn-fallback>${p.needsScript}</p>
<form method="post" action="${PATH}" hidden data-webauthn="create" data-webauthn-options-json="${JSON.stringify(options)}" data-webauthn-result="response" data-webauthn-cancelled="${p.cancelled}" data-webauthn-failed="${p.failed}" data-webauthn-exists="${p.exists}">
${csrfField(view)}
<input type="hidden" name="action" value="register">
<input type="hidden" name="name" value="${name}">
<input type="hidden" name="response" value="">
<p role="status" data-webauthn-status></p>
<div class="gh-actions">
<button type="submit">${p.create}</button>
<a href="/account/security">${s.common.cancel}</a>
</div>
</form>`,
  );
}

/** The name as `readPasskeyName` takes it (the default when the field is left empty), or undefined when refused. */
function checkedName(raw: string): string | undefined {
  try {
    return readPasskeyName(raw.trim() === '' ? undefined : raw, DEFAULT_PASSKEY_NAME);
  } catch {
    return undefined;
  }
}

export const securityPasskeysPage: PageRoute = {
  path: PATH,
  access: 'user',
  show: (view) => namePage(view, 200),
  async submit(submission) {
    const s = accountSecurityStringsFor(submission).passkeys;
    const token = submission.signedIn!.accessToken;
    const raw = submission.form.get('name') ?? '';
    const name = checkedName(raw);
    if (name === undefined) return namePage(submission, 400, raw, s.nameInvalid(MAX_PASSKEY_NAME));
    if (submission.form.get('action') !== 'register') {
      try {
        return createPage(submission, name, await submission.ops.passkeyRegistrationOptions(token));
      } catch (error) {
        return refusalOrThrow(submission, error, PATH);
      }
    }
    let response: unknown;
    try {
      response = JSON.parse(submission.form.get('response') ?? '');
    } catch {
      return namePage(submission, 400, name, undefined, s.rejected);
    }
    try {
      const added = await submission.ops.registerPasskey(token, { response, name }, submission.client);
      const done = accountSecurityStringsFor(submission).overview.done.passkeyAdded;
      const accessToken = { token: added.accessToken, expiresIn: added.expiresIn };
      if (added.recoveryCodes) return recoveryCodesPage(submission, added.recoveryCodes, done, accessToken);
      return { kind: 'redirect', location: securityDone('passkey-added'), accessToken };
    } catch (error) {
      if (isGatehouseError(error) && (error.code === 'PASSKEY_REJECTED' || error.code === 'VALIDATION_ERROR'))
        return namePage(submission, 400, name, undefined, s.rejected);
      return refusalOrThrow(submission, error, PATH);
    }
  },
};
