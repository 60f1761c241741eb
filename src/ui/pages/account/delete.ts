/**
 * `/account/delete`: the confirmation step of deleting the account, through the same operation
 * as `DELETE /auth/me`. It works without script: the password (the operation's proof) and a
 * required "I understand" checkbox, checked again on the server. Success ends every session,
 * clears this browser's cookies and shows the goodbye page; the page says beforehand whether an
 * operator can still restore the account (`accountDeletion: 'soft'`) or not.
 */
import { MAX_PASSWORD_LENGTH } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage } from '../../account/account-page.js';
import { accountInput, confirmCheckbox } from '../../account/fields.js';
import { hasCode, impersonationNotice, reauthRedirect } from '../../account/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';
import { stringsFor } from '../../view.js';
import { DELETED_PATH } from './deleted.js';

const PATH = '/account/delete';
/** Deleting needs the password: an account without one sets it there first. */
const SET_PASSWORD = '/account/password';

interface Problems {
  readonly confirm?: string;
  readonly password?: string;
  readonly notice?: SafeHtml;
}

function form(view: PageView, status: number, problems: Problems = {}): PageReply {
  const strings = stringsFor(view);
  const all = accountStringsFor(view);
  const s = all.deleteAccount;
  const { accountDeletion, deletedRetentionDays } = view.settings;
  const summary = [
    ...(problems.password ? [{ field: 'delete-password', message: problems.password }] : []),
    ...(problems.confirm ? [{ field: 'delete-confirm', message: problems.confirm }] : []),
  ];
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, summary)}
${problems.notice}
<p>${s.intro}</p>
<p>${accountDeletion === 'soft' ? s.soft(deletedRetentionDays) : s.hard}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'delete-password',
  name: 'password',
  type: 'password',
  label: s.passwordLabel,
  autocomplete: 'current-password',
  error: problems.password,
  maxLength: MAX_PASSWORD_LENGTH,
})}
${confirmCheckbox({ id: 'delete-confirm', name: 'confirm', label: s.confirmLabel, error: problems.confirm })}
<div class="gh-actions">
<button type="submit" class="gh-button-danger">${s.submit}</button>
<a href="/account/data">${s.cancel}</a>
</div>
</form>
${
  view.signedIn?.user.hasPassword === false &&
  html`<p class="gh-section">${s.noPassword} <a href="${SET_PASSWORD}">${all.email.setPassword}</a></p>`
}`,
  );
}

export const accountDeletePage: PageRoute = {
  path: PATH,
  access: 'user',
  limitedAs: 'deleteMe',
  hashes: true,
  show(view) {
    return form(view, 200);
  },
  async submit(submission) {
    const s = accountStringsFor(submission).deleteAccount;
    const password = submission.form.get('password') ?? '';
    const problems: Problems = {
      ...(password === '' ? { password: s.passwordMissing } : {}),
      ...(submission.form.get('confirm') !== 'yes' ? { confirm: s.confirmMissing } : {}),
    };
    if (problems.password || problems.confirm) return form(submission, 400, problems);
    try {
      await submission.ops.deleteAccount(submission.signedIn!.accessToken, password, submission.client);
    } catch (error) {
      if (hasCode(error, 'WRONG_PASSWORD', 'VALIDATION_ERROR'))
        return form(submission, 403, { password: s.passwordWrong });
      if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
        return form(submission, 403, { notice: impersonationNotice(submission) });
      const reauth = reauthRedirect(submission, error);
      if (reauth) return reauth;
      throw error;
    }
    return { kind: 'redirect', location: DELETED_PATH, signedOut: true };
  },
};
