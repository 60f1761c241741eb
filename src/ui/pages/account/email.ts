/**
 * `/account/email`: the current address and whether it is verified, and a form asking to move to
 * a new one (new address + password), through the same operation as `POST /auth/change-email`.
 * The answer is the same whether or not another account holds the new address (303 to
 * `?result=sent`, which says what happens next); the address changes only when the link mailed
 * to the new address is used, and the old one gets a link to cancel. A change waiting for its
 * confirmation shows (the address and until when, from `Me.pendingEmail`; never the link). The
 * request needs the password, so an account without one is sent to set one first.
 */
import { canonicalEmail, MAX_EMAIL_LENGTH } from '../../../core/email.js';
import { MAX_PASSWORD_LENGTH } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { dateTime, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { accountFormPage, problem } from '../../account/form-page.js';
import { hasCode, impersonationNotice, reauthRedirect } from '../../account/refusals.js';
import { csrfField } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';

const PATH = '/account/email';
const FORGOT = '/forgot-password';
const PASSWORD_PAGE = '/account/password';

interface Problems {
  readonly email?: string;
  readonly password?: string;
  readonly notice?: SafeHtml;
}

function form(view: PageView, status: number, newEmail = '', problems: Problems = {}): PageReply {
  const s = accountStringsFor(view).email;
  const me = view.signedIn!.user;
  const sent = view.query.get('result') === 'sent' && status === 200;
  const pending = me.pendingEmail;
  return accountFormPage(view, status, s.title, {
    problems: [problem('new-email', problems.email), problem('email-password', problems.password)],
    notice: problems.notice,
    done: sent ? statusNotice(s.sent.title, s.sent.body) : undefined,
    content: html`<p>${me.email ? html`${s.current(me.email)} ${me.emailVerified ? s.verified : s.unverified}` : s.noAddress}</p>
${
  pending &&
  html`<section class="gh-notice" aria-labelledby="pending-email">
<h2 id="pending-email">${s.pendingTitle}</h2>
<p>${s.pending(pending.email, dateTime(view, pending.expiresAt))}</p>
<p>${s.pendingCancel}</p>
</section>`
}
${
  me.hasPassword
    ? html`<p>${s.intro}</p>
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
<div class="gh-actions">
<button type="submit">${s.submit}</button>
<a href="${FORGOT}">${accountStringsFor(view).password.forgot}</a>
</div>
</form>`
    : html`<p>${s.noPassword} <a href="${PASSWORD_PAGE}">${s.setPassword}</a></p>`
}`,
  });
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
