/**
 * `/sign-in`: every way in on one page, each through the operation its JSON route calls — a
 * password with an email (`signIn`) or a username (`signInWithUsername`, when the login has no
 * `@` and usernames are offered), a passkey (`signInWithPasskey`, the assertion the script put in
 * the form), and a link or code by email (`requestMagicLink`, `requestEmailCode`). The form says
 * which in its `intent` field. A session goes to the browser as cookies on a 303 to `returnTo`
 * (checked by `localReturn`, default `/account`); an account with a second factor gets the
 * second step as this POST's answer. Someone already signed in is sent straight on — unless
 * `returnTo` is a console page and the session is not the console's: a `returnTo` under
 * `/console` makes this the console's sign-in, every way in signing in at the console app
 * (`sign-in/console.ts`). Each way in counts against its JSON route's rate limit.
 *
 * The page also receives the browser back from a provider (the start link's `returnTo` is this
 * page): `?error=` becomes a message, and `?mfa=required` a step that fetches the provider
 * sign-in's challenge from its HttpOnly cookie (script only).
 */
import { canonicalEmail } from '../../../core/email.js';
import type { PageRead, PageReply, PageRoute, PageSubmission, PageView } from '../../../http/route.js';
import { canonicalUsername } from '../../../services/usernames/canonical-username.js';
import type { FieldError } from '../../forms.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in/index.js';
import { resultPage } from '../../notice.js';
import { forConsole, sessionServes, signInClient } from '../../sign-in/console.js';
import { finishSignIn } from '../../sign-in/finish.js';
import { signInOffer } from '../../sign-in/offer.js';
import { providerMfaPage } from '../../sign-in/provider-mfa.js';
import { signInRefusal } from '../../sign-in/refusals.js';
import { requestedReturn, returnTarget, withReturn } from '../../sign-in/return-to.js';
import {
  SIGN_IN_FIELDS,
  SIGN_IN_PATH,
  type SignInFormState,
  signInFormPage,
} from '../../sign-in/sign-in-form.js';
import { seeOther } from '../../view.js';
import { codeFormPage } from './code.js';

/**
 * A provider's refusal (`?error=` from the callback) in the person's words; unknown codes read as
 * a failure. Shown at the providers' links (at the login field when none are offered any more).
 */
function providerError(view: PageView, links: boolean): FieldError | undefined {
  const code = view.query.get('error');
  if (code === null) return undefined;
  const s = signInStringsFor(view).errors;
  const byCode: Partial<Record<string, string>> = {
    IDENTITY_NOT_LINKED: s.identityNotLinked,
    SIGN_UP_CLOSED: s.signUpClosed,
    USER_SUSPENDED: s.suspended,
    EMAIL_NOT_VERIFIED: s.notVerified,
    AUTH_METHOD_NOT_ALLOWED: s.methodNotAllowed,
    APP_INACTIVE: s.methodNotAllowed,
    NOT_A_MEMBER: s.methodNotAllowed,
  };
  const cancelled = code === 'OAUTH_FAILED' && view.query.get('reason') === 'access_denied';
  return {
    field: links ? SIGN_IN_FIELDS.providers : SIGN_IN_FIELDS.login,
    // Own keys only: `?error=constructor` must not find Object's.
    message: cancelled
      ? s.providerCancelled
      : (Object.hasOwn(byCode, code) && byCode[code]) || s.providerFailed,
  };
}

/** The form again, for the sign-in `state.returnTo` is for (the console's or the default app's). */
async function formPage(view: PageRead, status: number, state: SignInFormState): Promise<PageReply> {
  const console = forConsole(state.returnTo);
  return signInFormPage(view, status, await signInOffer(view, console), { ...state, console });
}

async function withPassword(submission: PageSubmission, returnTo: string): Promise<PageReply> {
  const s = signInStringsFor(submission).errors;
  const login = (submission.form.get('login') ?? '').trim();
  const password = submission.form.get('password') ?? '';
  const console = forConsole(returnTo);
  const offer = await signInOffer(submission, console);
  const errors: FieldError[] = [];
  const byUsername = offer.usernames && !login.includes('@');
  if (login === '')
    errors.push({ field: SIGN_IN_FIELDS.login, message: offer.usernames ? s.loginMissing : s.emailMissing });
  else if (byUsername ? canonicalUsername(login) === null : canonicalEmail(login) === null)
    errors.push({ field: SIGN_IN_FIELDS.login, message: byUsername ? s.usernameInvalid : s.emailInvalid });
  if (password === '') errors.push({ field: SIGN_IN_FIELDS.password, message: s.passwordMissing });
  if (errors.length > 0) return signInFormPage(submission, 400, offer, { returnTo, login, errors, console });
  const client = signInClient(submission, returnTo);
  try {
    const result = byUsername
      ? await submission.ops.signInWithUsername({ username: login, password }, client)
      : await submission.ops.signIn({ email: login, password }, client);
    return finishSignIn(submission, result, returnTo);
  } catch (error) {
    const refusal = signInRefusal(submission, error, SIGN_IN_FIELDS.password, {
      wrong: s.invalidCredentials,
      invalid: s.invalidCredentials,
      notMember: s.notOperator,
    });
    if (!refusal) throw error;
    return signInFormPage(submission, refusal.status, offer, {
      returnTo,
      login,
      errors: [refusal.error],
      console,
    });
  }
}

async function withPasskey(submission: PageSubmission, returnTo: string): Promise<PageReply> {
  const s = signInStringsFor(submission).errors;
  const rejected = (status: number, message: string) =>
    formPage(submission, status, { returnTo, errors: [{ field: SIGN_IN_FIELDS.passkey, message }] });
  let response: unknown;
  try {
    response = JSON.parse(submission.form.get('response') ?? '');
  } catch {
    return rejected(400, s.passkeyRejected);
  }
  try {
    const result = await submission.ops.signInWithPasskey({ response }, signInClient(submission, returnTo));
    return finishSignIn(submission, result, returnTo);
  } catch (error) {
    const refusal = signInRefusal(submission, error, SIGN_IN_FIELDS.passkey, {
      wrong: s.passkeyRejected,
      invalid: s.passkeyRejected,
      notMember: s.notOperator,
    });
    if (!refusal) throw error;
    return rejected(refusal.status, refusal.error.message);
  }
}

async function byEmail(
  submission: PageSubmission,
  returnTo: string,
  kind: 'magic-link' | 'email-code',
): Promise<PageReply> {
  const s = signInStringsFor(submission).errors;
  const email = (submission.form.get('email') ?? '').trim();
  const field = SIGN_IN_FIELDS.byEmail;
  const refuse = (status: number, message: string) =>
    formPage(submission, status, { returnTo, byEmail: email, errors: [{ field, message }] });
  if (email === '') return refuse(400, s.emailMissing);
  if (canonicalEmail(email) === null) return refuse(400, s.emailInvalid);
  // Mail to an address without an account of its own is written in the language of this page.
  const client = { ...signInClient(submission, returnTo), locale: submission.locale };
  try {
    // Both resolve at once and say nothing about the address; the mail is sent after the answer.
    if (kind === 'magic-link') await submission.ops.requestMagicLink(email, client);
    else await submission.ops.requestEmailCode(email, client);
  } catch (error) {
    const refusal = signInRefusal(submission, error, field, {
      wrong: s.generic,
      invalid: s.emailInvalid,
      notMember: s.notOperator,
    });
    if (!refusal) throw error;
    return refuse(refusal.status, refusal.error.message);
  }
  if (kind === 'magic-link') return seeOther(withReturn(`${SIGN_IN_PATH}?result=link-sent`, returnTo));
  return codeFormPage(submission, 200, { returnTo, email, sent: true });
}

/**
 * Each way in counts against the same limit as its JSON route (a burst of mailed links must not
 * use up the password sign-ins, nor pass the links' own limit).
 */
export function signInLimit(form: URLSearchParams): string {
  switch (form.get('intent')) {
    case 'passkey':
      return 'signInWithPasskey';
    case 'magic-link':
      return 'requestMagicLink';
    case 'email-code':
      return 'requestEmailCode';
    default:
      return (form.get('login') ?? '').includes('@') ? 'signInEmail' : 'signInUsername';
  }
}

export const signInPage: PageRoute = {
  path: SIGN_IN_PATH,
  limitedAs: signInLimit,
  hashes: true,
  async show(view) {
    const returnTo = requestedReturn(view);
    // A session for another app is no console session: its console pages would only refuse it.
    if (sessionServes(view, returnTo)) return seeOther(returnTo);
    const s = signInStringsFor(view).signIn;
    if (view.query.get('result') === 'link-sent')
      return resultPage(
        view,
        s.linkSent,
        html`<p><a href="${withReturn(SIGN_IN_PATH, returnTo)}">${s.title}</a></p>`,
      );
    if (view.query.get('mfa') === 'required') return providerMfaPage(view, returnTo);
    const console = forConsole(returnTo);
    const offer = await signInOffer(view, console);
    const error = providerError(view, offer.providers.length > 0);
    return signInFormPage(view, 200, offer, {
      returnTo,
      console,
      errors: error ? [error] : [],
      ...(view.query.get('result') === 'signed-out' ? { notice: s.signedOut } : {}),
    });
  },
  async submit(submission) {
    const returnTo = returnTarget(submission.form.get('returnTo'));
    const intent = submission.form.get('intent');
    if (intent === 'passkey') return withPasskey(submission, returnTo);
    if (intent === 'magic-link' || intent === 'email-code') return byEmail(submission, returnTo, intent);
    return withPassword(submission, returnTo);
  },
};
