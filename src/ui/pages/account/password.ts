/**
 * `/account/password`: the signed-in user changes their password (current + new), through the
 * same operation as `POST /auth/change-password`. Success ends every other session and starts a
 * fresh one for this browser: its new tokens replace the cookies (a `signedIn` reply), then 303
 * to `?result=changed`. A wrong current password or a refused new one comes back next to its
 * field. There is no operation for a user to set a first password themselves, so someone who
 * signed in without one is pointed to the reset mail, which sets it.
 */
import { MAX_PASSWORD_LENGTH, passwordLength } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { hasCode, impersonationNotice } from '../../account/refusals.js';
import { csrfField, errorSummary, passwordRefusal } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account.js';
import { stringsFor } from '../../view.js';

const PATH = '/account/password';
const FORGOT = '/forgot-password';

interface Problems {
  readonly current?: string;
  readonly next?: string;
  readonly notice?: SafeHtml;
}

function form(view: PageView, status: number, problems: Problems = {}): PageReply {
  const strings = stringsFor(view);
  const s = accountStringsFor(view).password;
  const minLength = view.settings.passwordMinLength;
  const withoutPassword = !view.signedIn!.session.amr.includes('pwd');
  const summary = [
    ...(problems.current ? [{ field: 'current-password', message: problems.current }] : []),
    ...(problems.next ? [{ field: 'new-password', message: problems.next }] : []),
  ];
  const changed = view.query.get('result') === 'changed' && status === 200;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, summary)}
${problems.notice}
${changed ? statusNotice(s.changed) : ''}
<p>${s.intro}</p>
${withoutPassword && html`<p>${s.noPassword} <a href="${FORGOT}">${s.setFirst}</a></p>`}
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'current-password',
  name: 'currentPassword',
  type: 'password',
  label: s.currentLabel,
  autocomplete: 'current-password',
  error: problems.current,
  maxLength: MAX_PASSWORD_LENGTH,
})}
${accountInput({
  id: 'new-password',
  name: 'newPassword',
  type: 'password',
  label: s.newLabel,
  autocomplete: 'new-password',
  hint: s.newHint(minLength),
  error: problems.next,
  minLength,
  maxLength: MAX_PASSWORD_LENGTH,
})}
<div class="gh-actions">
<button type="submit">${s.submit}</button>
<a href="${FORGOT}">${s.forgot}</a>
</div>
</form>`,
  );
}

export const accountPasswordPage: PageRoute = {
  path: PATH,
  access: 'user',
  limitedAs: 'changePassword',
  hashes: true,
  show(view) {
    return form(view, 200);
  },
  async submit(submission) {
    const s = accountStringsFor(submission).password;
    const currentPassword = submission.form.get('currentPassword') ?? '';
    const newPassword = submission.form.get('newPassword') ?? '';
    if (currentPassword === '') {
      return form(submission, 400, {
        current: s.currentMissing,
        ...(newPassword === '' ? { next: passwordRefusal(submission, newPassword) } : {}),
      });
    }
    try {
      const result = await submission.ops.changePassword(
        submission.signedIn!.accessToken,
        { currentPassword, newPassword },
        submission.client,
      );
      return { kind: 'redirect', location: `${PATH}?result=changed`, signedIn: result };
    } catch (error) {
      if (hasCode(error, 'WRONG_PASSWORD')) return form(submission, 403, { current: s.currentWrong });
      // The current password's shape is checked first: an overlong one is simply not right.
      if (hasCode(error, 'VALIDATION_ERROR') && passwordLength(currentPassword) > MAX_PASSWORD_LENGTH)
        return form(submission, 403, { current: s.currentWrong });
      if (hasCode(error, 'WEAK_PASSWORD', 'VALIDATION_ERROR'))
        return form(submission, 400, { next: passwordRefusal(submission, newPassword) });
      if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
        return form(submission, 403, { notice: impersonationNotice(submission) });
      throw error;
    }
  },
};
