/**
 * `/sign-up`: a new account with an email address and a password — or a username, when the
 * default app allows usernames (the address is then optional, unless addresses must be
 * verified) — through the operations the JSON routes call. The password rules show as you type
 * and are enforced by the operation; its refusal is said next to the field.
 *
 * With `requireEmailVerified` there is no session yet: every sign-up that passes the checks
 * answers the same "check your mail" page, whether or not the address already had an account —
 * what the API answers (202) — so the page tells nobody which addresses are taken. Without it,
 * the account is signed in and sent on to `returnTo`, and a taken address is refused as the API
 * refuses it (`USER_EXISTS`), in words that suggest signing in or resetting the password.
 */
import { canonicalEmail } from '../../../core/email.js';
import { isGatehouseError } from '../../../core/errors.js';
import { isCommonPassword, MAX_PASSWORD_LENGTH, passwordLength } from '../../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageSubmission, PageView } from '../../../http/route.js';
import { canonicalUsername } from '../../../services/usernames/canonical-username.js';
import { csrfField, errorSummary, type FieldError, inputField } from '../../forms.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in/index.js';
import { problemPage, resultPage } from '../../notice.js';
import { SIGN_IN_CSS } from '../../sign-in/css.js';
import { minutesToWait } from '../../sign-in/finish.js';
import { newPasswordField } from '../../sign-in/new-password-field.js';
import { type SignInOffer, signInOffer } from '../../sign-in/offer.js';
import { requestedReturn, returnField, returnTarget, withReturn } from '../../sign-in/return-to.js';
import { page, seeOther, stringsFor } from '../../view.js';

const PATH = '/sign-up';

interface SignUpState {
  readonly returnTo: string;
  readonly email?: string;
  readonly username?: string;
  readonly errors?: readonly FieldError[];
}

function form(view: PageView, status: number, offer: SignInOffer, state: SignUpState): PageReply {
  const s = signInStringsFor(view).signUp;
  const errorOf = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  const emailOptional = offer.usernames && !view.settings.requireEmailVerified;
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, state.errors ?? [])}
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${returnField(state.returnTo)}
${inputField({
  id: 'email',
  name: 'email',
  type: 'email',
  label: s.emailLabel,
  autocomplete: 'email',
  ...(emailOptional ? { hint: s.emailHintWithUsername, optional: true } : {}),
  value: state.email,
  error: errorOf('email'),
  maxLength: 1024,
})}
${
  offer.usernames &&
  inputField({
    id: 'username',
    name: 'username',
    type: 'text',
    label: s.usernameLabel,
    hint: s.usernameHint,
    autocomplete: 'username',
    optional: true,
    value: state.username,
    error: errorOf('username'),
    maxLength: 64,
  })
}
${newPasswordField(view, { id: 'password', name: 'password', label: s.passwordLabel, error: errorOf('password') })}
<button type="submit">${s.submit}</button>
</form>
<div class="gh-links"><p>${s.haveAccount} <a href="${withReturn('/sign-in', state.returnTo)}">${s.signIn}</a></p></div>`,
    { css: SIGN_IN_CSS },
  );
}

/** What the page can tell before asking the operation: missing and malformed fields, the password's length. */
function check(view: PageView, offer: SignInOffer, email: string, username: string, password: string) {
  const s = signInStringsFor(view).signUp;
  const errors: FieldError[] = [];
  const byUsername = offer.usernames && username !== '';
  if (email === '') {
    if (!byUsername || view.settings.requireEmailVerified)
      errors.push({ field: 'email', message: s.emailMissing });
  } else if (canonicalEmail(email) === null) errors.push({ field: 'email', message: s.emailInvalid });
  if (byUsername && canonicalUsername(username) === null)
    errors.push({ field: 'username', message: s.usernameInvalid });
  const length = passwordLength(password);
  const min = view.settings.passwordMinLength;
  if (length < min) errors.push({ field: 'password', message: s.passwordTooShort(min) });
  else if (length > MAX_PASSWORD_LENGTH)
    errors.push({ field: 'password', message: s.passwordTooLong(MAX_PASSWORD_LENGTH) });
  return errors;
}

async function signUp(submission: PageSubmission): Promise<PageReply> {
  const s = signInStringsFor(submission).signUp;
  const offer = await signInOffer(submission);
  const returnTo = returnTarget(submission.form.get('returnTo'));
  const email = (submission.form.get('email') ?? '').trim();
  const username = offer.usernames ? (submission.form.get('username') ?? '').trim() : '';
  const password = submission.form.get('password') ?? '';
  const again = (status: number, errors: FieldError[]) =>
    form(submission, status, offer, { returnTo, email, username, errors });
  const errors = check(submission, offer, email, username, password);
  if (errors.length > 0) return again(400, errors);
  // The verification mail is written in the language of this page.
  const client = { ...submission.client, locale: submission.locale };
  try {
    const result =
      username !== ''
        ? await submission.ops.signUpWithUsername({ username, password, email: email || null }, client)
        : submission.settings.requireEmailVerified
          ? await submission.ops.signUpPendingVerification({ email, password }, client)
          : await submission.ops.signUp({ email, password }, client);
    if ('accepted' in result) return seeOther(`${PATH}?result=check-mail`);
    return { kind: 'redirect', location: returnTo, signedIn: result };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    switch (error.code) {
      case 'WEAK_PASSWORD':
        // The policy's own list tells a common password from a breached one (the code is the same).
        return again(400, [
          { field: 'password', message: isCommonPassword(password) ? s.passwordCommon : s.passwordBreached },
        ]);
      case 'USER_EXISTS':
        return again(409, [{ field: 'email', message: s.userExists }]);
      case 'USERNAME_TAKEN':
        return again(409, [{ field: 'username', message: s.usernameTaken }]);
      case 'VALIDATION_ERROR':
        return again(400, [{ field: 'email', message: s.emailInvalid }]);
      case 'SIGN_UP_REJECTED':
        return again(403, [{ field: 'email', message: s.rejected }]);
      case 'SIGN_UP_CLOSED':
      case 'NOT_A_MEMBER':
        return problemPage(submission, 403, s.closed);
      case 'RATE_LIMITED':
        return again(429, [
          { field: 'email', message: signInStringsFor(submission).errors.locked(minutesToWait(error)) },
        ]);
      default:
        throw error;
    }
  }
}

export const signUpPage: PageRoute = {
  path: PATH,
  limitedAs: 'signUpEmail',
  hashes: true,
  async show(view) {
    const returnTo = requestedReturn(view);
    const s = signInStringsFor(view).signUp;
    if (view.query.get('result') === 'check-mail') return resultPage(view, s.checkMail);
    if (view.signedIn) return seeOther(returnTo);
    const offer = await signInOffer(view);
    if (!offer.signUp) return problemPage(view, 403, s.closed);
    return form(view, 200, offer, { returnTo });
  },
  submit: signUp,
};
