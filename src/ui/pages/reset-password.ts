/**
 * `/reset-password`: the page the reset mail links to. It asks for the new password and posts it
 * with the link's token to the same operation as `POST /auth/reset-password`. A password the
 * policy refuses comes back next to its field, the link still unspent.
 */
import { isGatehouseError } from '../../core/errors.js';
import { MAX_PASSWORD_LENGTH } from '../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../http/route.js';
import { errorSummary, inputField, pageForm, passwordRefusal } from '../forms.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage } from '../mailed-link.js';
import { resultPage } from '../notice.js';
import { page, relative, seeOther, stringsFor } from '../view.js';

const PATH = '/reset-password';
const FORGOT = 'forgot-password';

function form(view: PageView, status: number, token: string, error?: string): PageReply {
  const strings = stringsFor(view);
  const s = strings.resetPassword;
  const minLength = view.settings.passwordMinLength;
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, error ? [{ field: 'password', message: error }] : [])}
<p>${s.intro}</p>
${pageForm(
  view,
  relative(PATH),
  s.submit,
  inputField({
    id: 'password',
    name: 'password',
    type: 'password',
    label: s.passwordLabel,
    autocomplete: 'new-password',
    hint: s.passwordHint(minLength),
    error,
    minLength,
    maxLength: MAX_PASSWORD_LENGTH,
  }),
  token,
)}`,
  );
}

export const resetPasswordPage: PageRoute = {
  path: PATH,
  limitedAs: 'resetPassword',
  hashes: true,
  show(view) {
    const s = stringsFor(view).resetPassword;
    const next = html`<p><a href="${FORGOT}">${s.newLink}</a></p>`;
    if (view.query.get('result') === 'done') return resultPage(view, s.done);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, next);
    return form(view, 200, token);
  },
  async submit(submission) {
    const token = submission.form.get('token') ?? '';
    const password = submission.form.get('password') ?? '';
    try {
      await submission.ops.resetPassword(token, password, submission.client);
    } catch (error) {
      if (isGatehouseError(error) && (error.code === 'WEAK_PASSWORD' || error.code === 'VALIDATION_ERROR'))
        return form(submission, 400, token, passwordRefusal(submission, password));
      const s = stringsFor(submission).resetPassword;
      return linkErrorPage(submission, error, html`<p><a href="${FORGOT}">${s.newLink}</a></p>`);
    }
    return seeOther(`${relative(PATH)}?result=done`);
  },
};
