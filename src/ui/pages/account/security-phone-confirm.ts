/**
 * `/account/security/phone/confirm`: adding a phone, second step — the code from the text
 * message (recent sign-in needed; wrong codes count towards the second-factor lockout). The
 * right code makes the phone the account's SMS factor; a first factor's recovery codes are shown
 * once in the answer.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage, problemNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { recoveryCodesPage } from '../../account-security/recovery-codes.js';
import { messagePage, refusalOrThrow } from '../../account-security/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';
import { securityDone } from './security.js';
import { PHONE_CONFIRM_PATH } from './security-phone.js';

const PATH = PHONE_CONFIRM_PATH;
const START = '/account/security/phone';

function form(view: PageView, status: number, error?: string, notice?: string): PageReply {
  const s = accountSecurityStringsFor(view);
  const p = s.phone;
  return accountPage(
    view,
    status,
    p.confirmTitle,
    html`<h1>${p.confirmTitle}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, error ? [{ field: 'phone-code', message: error }] : [])}
${notice && problemNotice(notice)}
<p>${p.confirmIntro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'phone-code',
  name: 'code',
  type: 'text',
  label: p.codeLabel,
  hint: p.codeHint,
  error,
  autocomplete: 'one-time-code',
  inputMode: 'numeric',
  maxLength: 16,
})}
<button type="submit">${p.confirm}</button>
</form>
<p><a href="${START}">${p.sendAgain}</a></p>`,
  );
}

export const securityPhoneConfirmPage: PageRoute = {
  path: PATH,
  access: 'user',
  show: (view) => form(view, 200),
  async submit(submission) {
    const s = accountSecurityStringsFor(submission);
    const code = (submission.form.get('code') ?? '').trim();
    if (code === '') return form(submission, 400, s.phone.codeMissing);
    try {
      const added = await submission.ops.confirmPhone(
        submission.signedIn!.accessToken,
        code,
        submission.client,
      );
      if (added.recoveryCodes)
        return recoveryCodesPage(submission, added.recoveryCodes, s.overview.done.phoneAdded);
      return {
        kind: 'redirect',
        location: securityDone('phone-added'),
        accessToken: { token: added.accessToken, expiresIn: added.expiresIn },
      };
    } catch (error) {
      if (isGatehouseError(error)) {
        if (error.code === 'INVALID_CODE') return form(submission, 400, s.phone.codeWrong);
        if (error.code === 'VALIDATION_ERROR') return form(submission, 400, s.phone.codeMissing);
        if (error.code === 'NOT_FOUND') return form(submission, 409, undefined, s.phone.notStarted);
        if (error.code === 'FACTOR_EXISTS')
          return messagePage(submission, 409, s.phone.exists, {
            href: '/account/security',
            label: s.common.backToSecurity,
          });
      }
      return refusalOrThrow(submission, error, PATH);
    }
  },
};
