/**
 * `/forgot-password`: asks for an address and mails a reset link, through the same operation as
 * `POST /auth/forgot-password` — with the same answer whether or not the address has an account.
 * Notices link here ("not you? reset your password").
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageReply, PageRoute, PageView } from '../../http/route.js';
import { errorSummary, inputField, pageForm } from '../forms.js';
import { html } from '../html.js';
import { resultPage } from '../notice.js';
import { page, relative, seeOther, stringsFor } from '../view.js';

const PATH = '/forgot-password';

function form(view: PageView, status: number, email?: string, error?: string): PageReply {
  const strings = stringsFor(view);
  const s = strings.forgotPassword;
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, error ? [{ field: 'email', message: error }] : [])}
<p>${s.intro}</p>
${pageForm(
  view,
  relative(PATH),
  s.submit,
  inputField({
    id: 'email',
    name: 'email',
    type: 'email',
    label: s.emailLabel,
    autocomplete: 'email',
    value: email,
    error,
    maxLength: 1024,
  }),
)}`,
  );
}

export const forgotPasswordPage: PageRoute = {
  path: PATH,
  limitedAs: 'forgotPassword',
  show(view) {
    const s = stringsFor(view).forgotPassword;
    if (view.query.get('result') === 'sent') return resultPage(view, s.sent);
    return form(view, 200);
  },
  async submit(submission) {
    const email = submission.form.get('email') ?? '';
    try {
      // Resolves once the address is validated; the lookup and mail happen after the answer.
      await submission.ops.requestPasswordReset(email, submission.client);
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'VALIDATION_ERROR')
        return form(submission, 400, email, stringsFor(submission).forgotPassword.emailInvalid);
      throw error;
    }
    return seeOther(`${relative(PATH)}?result=sent`);
  },
};
