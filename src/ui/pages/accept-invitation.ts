/**
 * `/accept-invitation`: the page an invitation's mail links to. Showing it uses nothing (mail
 * scanners fetch links); its form posts the token — with an optional name and password for a
 * new account — to the same operation as `POST /auth/invitations/accept`. A new account comes
 * back signed in (the session goes to the browser as the API's cookies, never in the URL); an
 * existing account is told it has joined and signs in as usual. A password the policy refuses
 * comes back next to its field, the invitation still unspent.
 */
import { isGatehouseError } from '../../core/errors.js';
import { MAX_PASSWORD_LENGTH } from '../../crypto/password-policy.js';
import type { PageReply, PageRoute, PageView } from '../../http/route.js';
import { MAX_NAME_LENGTH } from '../../services/accounts/read-email.js';
import { isNewAccount } from '../../services/invitations/accept-invitation.js';
import { ACCEPT_INVITATION_PATH } from '../../services/invitations/create-invitation.js';
import { errorSummary, inputField, pageForm, passwordRefusal } from '../forms.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage } from '../mailed-link.js';
import { problemPage, resultPage } from '../notice.js';
import { page, relative, seeOther, stringsFor } from '../view.js';

const PATH = ACCEPT_INVITATION_PATH;

interface FormErrors {
  readonly name?: string;
  readonly password?: string;
}

function form(view: PageView, status: number, token: string, name = '', errors: FormErrors = {}): PageReply {
  const strings = stringsFor(view);
  const s = strings.acceptInvitation;
  const minLength = view.settings.passwordMinLength;
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(
  strings.form.errorSummaryTitle,
  (['name', 'password'] as const).flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  }),
)}
<p>${s.intro}</p>
${pageForm(
  view,
  relative(PATH),
  s.submit,
  html`${inputField({
    id: 'name',
    name: 'name',
    optional: true,
    type: 'text',
    label: s.nameLabel,
    autocomplete: 'name',
    error: errors.name,
    value: name,
    maxLength: MAX_NAME_LENGTH,
  })}
${inputField({
  id: 'password',
  name: 'password',
  optional: true,
  type: 'password',
  label: s.passwordLabel,
  autocomplete: 'new-password',
  hint: s.passwordHint(minLength),
  error: errors.password,
  maxLength: MAX_PASSWORD_LENGTH,
})}`,
  token,
)}`,
  );
}

export const acceptInvitationPage: PageRoute = {
  path: PATH,
  limitedAs: 'acceptInvitation',
  hashes: true,
  show(view) {
    const s = stringsFor(view).acceptInvitation;
    const result = view.query.get('result');
    if (result === 'joined') return resultPage(view, s.joined);
    if (result === 'member') return resultPage(view, s.member);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, html`<p>${s.nextStep}</p>`);
    return form(view, 200, token);
  },
  async submit(submission) {
    const s = stringsFor(submission).acceptInvitation;
    const token = submission.form.get('token') ?? '';
    const password = submission.form.get('password') ?? '';
    const name = submission.form.get('name') ?? '';
    let result: Awaited<ReturnType<typeof submission.ops.acceptInvitation>>;
    try {
      result = await submission.ops.acceptInvitation({ token, password, name }, submission.client);
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'WEAK_PASSWORD') {
        return form(submission, 400, token, name, { password: passwordRefusal(submission, password) });
      }
      // The name is read before the password, so a refused name says nothing about the password.
      if (isGatehouseError(error) && error.code === 'VALIDATION_ERROR') {
        const field = error.message.startsWith('name')
          ? { name: s.nameRefused }
          : { password: passwordRefusal(submission, password) };
        return form(submission, 400, token, name, field);
      }
      if (isGatehouseError(error) && error.code === 'APP_INACTIVE')
        return problemPage(submission, 403, s.inactive);
      return linkErrorPage(submission, error, html`<p>${s.nextStep}</p>`);
    }
    if (!isNewAccount(result)) return seeOther(`${relative(PATH)}?result=member`);
    // The page server sets the API's session cookies from `signedIn` (never the URL).
    return { kind: 'redirect', location: `${relative(PATH)}?result=joined`, signedIn: result };
  },
};
