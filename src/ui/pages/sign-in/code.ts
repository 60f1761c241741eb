/**
 * `/sign-in/code`: signing in with the six digits a mail brought (passwordless), through the same
 * operation as `POST /auth/sign-in/email-code/verify`. The sign-in page answers its "email me a
 * code" form with this page directly (the address filled in, the code mailed), so the address
 * never goes into a URL; opened on its own, it asks for both. A right code signs in (or leads
 * to the second step); every wrong one is the same refusal, whoever the address belongs to.
 */
import { canonicalEmail } from '../../../core/email.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { csrfField, errorSummary, type FieldError, inputField } from '../../forms.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in/index.js';
import { problemPage } from '../../notice.js';
import { codeField } from '../../sign-in/code-field.js';
import { sessionServes, signInClient } from '../../sign-in/console.js';
import { SIGN_IN_CSS } from '../../sign-in/css.js';
import { finishSignIn } from '../../sign-in/finish.js';
import { signInRefusal } from '../../sign-in/refusals.js';
import { requestedReturn, returnField, returnTarget, withReturn } from '../../sign-in/return-to.js';
import { page, seeOther, stringsFor } from '../../view.js';

export const CODE_PATH = '/sign-in/code';

export interface CodeFormState {
  readonly returnTo: string;
  readonly email?: string;
  /** The code was just requested for `email`: say so. */
  readonly sent?: boolean;
  readonly errors?: readonly FieldError[];
}

/** The code form, also the answer of the sign-in page's "email me a code". */
export function codeFormPage(view: PageView, status: number, state: CodeFormState): PageReply {
  const s = signInStringsFor(view).code;
  const errorOf = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, state.errors ?? [])}
${state.sent && state.email ? html`<p role="status">${s.sentTo(state.email)}</p>` : html`<p>${s.intro}</p>`}
<form method="post" action="${CODE_PATH}" novalidate>
${csrfField(view)}
${returnField(state.returnTo)}
${inputField({
  id: 'email',
  name: 'email',
  type: 'email',
  label: s.emailLabel,
  autocomplete: 'email',
  value: state.email,
  error: errorOf('email'),
  maxLength: 1024,
})}
${codeField({ id: 'code', label: s.codeLabel, hint: s.codeHint, error: errorOf('code'), numeric: true })}
<button type="submit">${s.submit}</button>
</form>
<div class="gh-links"><p><a href="${withReturn('/sign-in', state.returnTo)}">${s.newCode}</a></p></div>`,
    { css: SIGN_IN_CSS },
  );
}

function disabled(view: PageView): PageReply | undefined {
  if (view.settings.passwordless.enabled) return undefined;
  return problemPage(view, 404, signInStringsFor(view).code.disabled);
}

export const signInCodePage: PageRoute = {
  path: CODE_PATH,
  limitedAs: 'signInWithEmailCode',
  show(view) {
    const returnTo = requestedReturn(view);
    if (sessionServes(view, returnTo)) return seeOther(returnTo);
    return disabled(view) ?? codeFormPage(view, 200, { returnTo });
  },
  async submit(submission) {
    const off = disabled(submission);
    if (off) return off;
    const s = signInStringsFor(submission);
    const returnTo = returnTarget(submission.form.get('returnTo'));
    const email = (submission.form.get('email') ?? '').trim();
    const code = submission.form.get('code') ?? '';
    const errors: FieldError[] = [];
    if (email === '') errors.push({ field: 'email', message: s.errors.emailMissing });
    else if (canonicalEmail(email) === null) errors.push({ field: 'email', message: s.errors.emailInvalid });
    if (code.trim() === '') errors.push({ field: 'code', message: s.mfa.codeMissing });
    if (errors.length > 0) return codeFormPage(submission, 400, { returnTo, email, errors });
    try {
      const result = await submission.ops.signInWithEmailCode(
        { email, code },
        signInClient(submission, returnTo),
      );
      return finishSignIn(submission, result, returnTo);
    } catch (error) {
      const refusal = signInRefusal(submission, error, 'code', {
        wrong: s.code.wrongCode,
        invalid: s.mfa.codeMalformed,
        notMember: s.errors.notOperator,
      });
      if (!refusal) throw error;
      return codeFormPage(submission, refusal.status, { returnTo, email, errors: [refusal.error] });
    }
  },
};
