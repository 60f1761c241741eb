/**
 * `/account/email`: the current address and whether it is verified, and a form asking to move to
 * a new one (new address + password), through the same operation as `POST /auth/change-email`.
 * The answer is the same whether or not another account holds the new address (303 to
 * `?result=sent`, which says what happens next); the address changes only when the link mailed
 * to the new address is used, and the old one gets a link to cancel.
 */
import { canonicalEmail, MAX_EMAIL_LENGTH } from '../../../core/email.js';
import { MAX_PASSWORD_LENGTH } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { hasCode, impersonationNotice, reauthRedirect } from '../../account/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account.js';
import { stringsFor } from '../../view.js';

const PATH = '/account/email';
const FORGOT = '/forgot-password';

interface Problems {
  readonly email?: string;
  readonly password?: string;
  readonly notice?: SafeHtml;
}

function form(view: PageView, status: number, newEmail = '', problems: Problems = {}): PageReply {
  const strings = stringsFor(view);
  const s = accountStringsFor(view).email;
  const me = view.signedIn!.user;
  const summary = [
    ...(problems.email ? [{ field: 'new-email', message: problems.email }] : []),
    ...(problems.password ? [{ field: 'email-password', message: problems.password }] : []),
  ];
  const sent = view.query.get('result') === 'sent' && status === 200;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, summary)}
${problems.notice}
${sent ? statusNotice(s.sent.title, s.sent.body) : ''}
<p>${me.email ? html`${s.current(me.email)} ${me.emailVerified ? s.verified : s.unverified}` : s.noAddress}</p>
<p>${s.intro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'new-email',
  name: 'newEmail',
  type: 'email',
  label: s.newLabel,
  autocomplete: 'email',
  error: problems.email,
  value: newEmail,
  maxLength: MAX_EMAIL_LENGTH,
})}
${accountInput({
  id: 'email-password',
  name: 'password',
  type: 'password',
  label: s.passwordLabel,
  autocomplete: 'current-password',
  hint: s.passwordHint,
  error: problems.password,
  maxLength: MAX_PASSWORD_LENGTH,
})}
<button type="submit">${s.submit}</button>
</form>
<p>${s.noPassword} <a href="${FORGOT}">${accountStringsFor(view).password.setFirst}</a></p>`,
  );
}

export const accountEmailPage: PageRoute = {
  path: PATH,
  access: 'user',
  limitedAs: 'changeEmail',
  hashes: true,
  show(view) {
    return form(view, 200);
  },
  async submit(submission) {
    const s = accountStringsFor(submission).email;
    const newEmail = (submission.form.get('newEmail') ?? '').trim();
    const password = submission.form.get('password') ?? '';
    const canonical = canonicalEmail(newEmail);
    const problems: Problems = {
      ...(canonical === null ? { email: s.emailInvalid } : {}),
      ...(canonical !== null && canonical === submission.signedIn!.user.email
        ? { email: s.sameAddress }
        : {}),
      ...(password === '' ? { password: s.passwordMissing } : {}),
    };
    if (problems.email || problems.password) return form(submission, 400, newEmail, problems);
    try {
      await submission.ops.requestEmailChange(
        submission.signedIn!.accessToken,
        { newEmail, password },
        submission.client,
      );
    } catch (error) {
      if (hasCode(error, 'WRONG_PASSWORD'))
        return form(submission, 403, newEmail, { password: s.passwordWrong });
      // The address was checked above; what is left to refuse is the password's shape.
      if (hasCode(error, 'VALIDATION_ERROR'))
        return form(submission, 403, newEmail, { password: s.passwordWrong });
      if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
        return form(submission, 403, newEmail, { notice: impersonationNotice(submission) });
      const reauth = reauthRedirect(submission, error);
      if (reauth) return reauth;
      throw error;
    }
    return { kind: 'redirect', location: `${PATH}?result=sent` };
  },
};
