/**
 * `/account/password`: the signed-in user's password. With one, they change it (current + new),
 * through the same operation as `POST /auth/change-password`: success ends every other session
 * and starts a fresh one for this browser — its new tokens replace the cookies (a `signedIn`
 * reply), then 303 to `?result=changed`. Without one (a passkey, provider or mailed-link
 * account; `Me.hasPassword` says, not how this browser signed in), they set a first one, through
 * `POST /auth/set-password`: it needs a recent sign-in (else to `/account/reauth` and back), ends
 * no session, then 303 to `?result=set`. A wrong current password or a refused new one comes back
 * next to its field.
 */
import { MAX_PASSWORD_LENGTH, passwordLength } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageSubmission, PageView } from '../../../http/route.js';
import { problemNotice, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { accountFormPage, problem } from '../../account/form-page.js';
import { hasCode, impersonationNotice, reauthRedirect } from '../../account/refusals.js';
import { csrfField, passwordRefusal } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';

const PATH = '/account/password';
const FORGOT = '/forgot-password';

interface Problems {
  readonly current?: string;
  readonly next?: string;
  readonly notice?: SafeHtml;
}

function form(
  view: PageView,
  status: number,
  problems: Problems = {},
  hasPassword = view.signedIn!.user.hasPassword,
): PageReply {
  const s = accountStringsFor(view).password;
  const minLength = view.settings.passwordMinLength;
  const result = status === 200 ? view.query.get('result') : null;
  const done = result === 'changed' ? s.changed : result === 'set' ? s.set : undefined;
  const newPassword = accountInput({
    id: 'new-password',
    name: 'newPassword',
    type: 'password',
    label: s.newLabel,
    autocomplete: 'new-password',
    hint: s.newHint(minLength),
    error: problems.next,
    minLength,
    maxLength: MAX_PASSWORD_LENGTH,
  });
  const parts = {
    problems: [problem('current-password', problems.current), problem('new-password', problems.next)],
    notice: problems.notice,
    done: statusNotice(done),
  };
  if (!hasPassword) {
    return accountFormPage(view, status, s.setTitle, {
      ...parts,
      content: html`<p>${s.noPassword}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${newPassword}
<button type="submit">${s.setSubmit}</button>
</form>`,
    });
  }
  return accountFormPage(view, status, s.title, {
    ...parts,
    content: html`<p>${s.intro}</p>
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
${newPassword}
<div class="gh-actions">
<button type="submit">${s.submit}</button>
<a href="${FORGOT}">${s.forgot}</a>
</div>
</form>`,
  });
}

/** A first password for an account without one. */
async function setFirst(submission: PageSubmission, newPassword: string): Promise<PageReply> {
  const s = accountStringsFor(submission).password;
  try {
    await submission.ops.setPassword(submission.signedIn!.accessToken, { newPassword }, submission.client);
    return { kind: 'redirect', location: `${PATH}?result=set` };
  } catch (error) {
    if (hasCode(error, 'WEAK_PASSWORD', 'VALIDATION_ERROR'))
      return form(submission, 400, { next: passwordRefusal(submission, newPassword) });
    // Set meanwhile (another tab): from now on it is changed with the current one.
    if (hasCode(error, 'PASSWORD_EXISTS'))
      return form(submission, 409, { notice: problemNotice(s.exists) }, true);
    if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
      return form(submission, 403, { notice: impersonationNotice(submission) });
    const reauth = reauthRedirect(submission, error);
    if (reauth) return reauth;
    throw error;
  }
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
    if (!submission.signedIn!.user.hasPassword) return setFirst(submission, newPassword);
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
