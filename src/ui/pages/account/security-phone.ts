/**
 * `/account/security/phone`: adding a phone, first step — the number (recent sign-in needed). A
 * code goes to it by text message and the browser moves on to `/account/security/phone/confirm`
 * (a 303: nothing secret is in that URL). A malformed number, a code asked for too soon and a
 * phone already set up come back as messages on the page.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { messagePage, refusalOrThrow } from '../../account-security/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';

const PATH = '/account/security/phone';
export const PHONE_CONFIRM_PATH = '/account/security/phone/confirm';

function form(view: PageView, status: number, value = '', error?: string): PageReply {
  const s = accountSecurityStringsFor(view);
  const p = s.phone;
  return accountPage(
    view,
    status,
    p.title,
    html`<h1>${p.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, error ? [{ field: 'phone-number', message: error }] : [])}
<p>${p.intro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'phone-number',
  name: 'phone',
  type: 'tel',
  label: p.numberLabel,
  hint: p.numberHint,
  error,
  value,
  autocomplete: 'tel',
  maxLength: 32,
})}
<div class="gh-actions">
<button type="submit">${p.send}</button>
<a href="/account/security">${s.common.cancel}</a>
</div>
</form>`,
  );
}

function exists(view: PageView): PageReply {
  const s = accountSecurityStringsFor(view);
  return messagePage(view, 409, s.phone.exists, {
    href: '/account/security',
    label: s.common.backToSecurity,
  });
}

export const securityPhonePage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    const listing = await view.ops.listFactors(view.signedIn!.accessToken);
    return listing.factors.sms ? exists(view) : form(view, 200);
  },
  async submit(submission) {
    const s = accountSecurityStringsFor(submission).phone;
    const phone = submission.form.get('phone') ?? '';
    try {
      await submission.ops.startPhoneSetup(submission.signedIn!.accessToken, phone);
    } catch (error) {
      if (isGatehouseError(error)) {
        if (error.code === 'VALIDATION_ERROR') return form(submission, 400, phone, s.numberInvalid);
        if (error.code === 'RATE_LIMITED') return form(submission, 429, phone, s.tooSoon);
        if (error.code === 'FACTOR_EXISTS') return exists(submission);
      }
      return refusalOrThrow(submission, error, PATH);
    }
    return { kind: 'redirect', location: PHONE_CONFIRM_PATH };
  },
};
