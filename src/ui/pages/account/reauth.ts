/**
 * `/account/reauth?returnTo=…`: proves again who is behind the session, for changes that need a
 * recent sign-in (`REAUTH_REQUIRED`), through the same operation as `POST /auth/reauthenticate`:
 * the password, or a second factor the account has — an authenticator app's code, a recovery
 * code, a code texted on request, or a passkey (the form for it stays hidden until the pages'
 * script finds WebAuthn; it fetches the options from `POST /auth/reauthenticate/passkey/options`
 * and posts the assertion back here). The new access token (which records the fresh proof)
 * replaces the access cookie, then the browser goes back to `returnTo` (a path on this server
 * only) to send its change again.
 */
import { MAX_PASSWORD_LENGTH } from '../../../crypto/password-policy.js';
import { localReturn } from '../../../http/pages.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import type { MfaMethod } from '../../../services/mfa/second-factor.js';
import { accountPage, problemNotice, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { hasCode, impersonationNotice, REAUTH_PATH } from '../../account/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';
import { stringsFor } from '../../view.js';

const HOME = '/account';
/** The code methods this page offers, with their field's id. */
const CODE_METHODS = { totp: 'reauth-totp', recovery_code: 'reauth-recovery', sms: 'reauth-sms' } as const;
type CodeMethod = keyof typeof CODE_METHODS;

interface Problems {
  readonly field?: string;
  readonly message?: string;
  readonly notice?: SafeHtml;
}

/** Where to go afterwards: a path on this server, never this page itself. */
function returnTarget(target: string | null): string {
  const back = localReturn(target, HOME);
  return back.split('?')[0] === REAUTH_PATH ? HOME : back;
}

function render(
  view: PageView,
  status: number,
  methods: readonly MfaMethod[],
  returnTo: string,
  problems: Problems = {},
  smsSent = false,
): PageReply {
  const strings = stringsFor(view);
  const s = accountStringsFor(view).reauth;
  const errorFor = (id: string) => (problems.field === id ? problems.message : undefined);
  const hidden = (method: string) => html`${csrfField(view)}
<input type="hidden" name="returnTo" value="${returnTo}">
<input type="hidden" name="method" value="${method}">`;
  const codeForm = (method: CodeMethod, label: string, hint: string | undefined, submit: string) => {
    const id = CODE_METHODS[method];
    return html`<form method="post" action="${REAUTH_PATH}" novalidate>
${hidden(method)}
${accountInput({
  id,
  name: 'code',
  type: 'text',
  label,
  hint,
  autocomplete: 'one-time-code',
  error: errorFor(id),
  maxLength: 64,
  ...(method === 'recovery_code' ? {} : { inputMode: 'numeric' as const }),
})}
<button type="submit">${submit}</button>
</form>`;
  };
  const factors = methods.filter((m): m is CodeMethod => Object.hasOwn(CODE_METHODS, m));
  const anyFactor = factors.length > 0 || methods.includes('passkey');
  // Without a password the password form could only fail: a factor, or a fresh sign-in, proves it.
  const hasPassword = view.signedIn?.user.hasPassword !== false;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(
  strings.form.errorSummaryTitle,
  problems.field && problems.message ? [{ field: problems.field, message: problems.message }] : [],
)}
${problems.notice}
${smsSent && status === 200 ? statusNotice(s.smsSent) : ''}
<p>${s.intro}</p>
${
  hasPassword &&
  html`<h2>${s.passwordHeading}</h2>
<form method="post" action="${REAUTH_PATH}" novalidate>
${hidden('password')}
${accountInput({
  id: 'reauth-password',
  name: 'password',
  type: 'password',
  label: s.passwordLabel,
  autocomplete: 'current-password',
  error: errorFor('reauth-password'),
  maxLength: MAX_PASSWORD_LENGTH,
})}
<button type="submit">${s.passwordSubmit}</button>
</form>`
}
${
  anyFactor &&
  html`<section class="gh-section" aria-labelledby="reauth-factors">
<h2 id="reauth-factors">${s.factorHeading}</h2>
${
  methods.includes('passkey') &&
  html`<form method="post" action="${REAUTH_PATH}" hidden data-webauthn="get" data-webauthn-options="${view.settings.basePath}/reauthenticate/passkey/options" data-webauthn-result="assertion" data-webauthn-cancelled="${s.passkeyCancelled}" data-webauthn-failed="${s.passkeyFailed}">
${hidden('passkey')}
<input type="hidden" name="assertion" value="">
<p role="status" data-webauthn-status></p>
<button type="submit">${s.passkeySubmit}</button>
</form>`
}
${factors.includes('totp') && codeForm('totp', s.totpLabel, s.totpHint, s.totpSubmit)}
${
  factors.includes('sms') &&
  (smsSent || errorFor(CODE_METHODS.sms)
    ? codeForm('sms', s.smsLabel, undefined, s.smsSubmit)
    : html`<form method="post" action="${REAUTH_PATH}">
${hidden('send-sms')}
<button type="submit" class="gh-button-secondary">${s.smsSend}</button>
</form>`)
}
${factors.includes('recovery_code') && codeForm('recovery_code', s.recoveryLabel, s.recoveryHint, s.recoverySubmit)}
</section>`
}
${
  !hasPassword &&
  html`<section class="gh-section" aria-labelledby="reauth-again">
<h2 id="reauth-again">${s.signInAgainHeading}</h2>
<p>${s.signInAgainIntro}</p>
<form method="post" action="/sign-out">
${csrfField(view)}
<input type="hidden" name="returnTo" value="/sign-in?returnTo=${encodeURIComponent(returnTo)}">
<button type="submit" class="gh-button-secondary">${s.signInAgain}</button>
</form>
</section>`
}
<p><a href="${returnTo}">${s.back}</a></p>`,
  );
}

export const accountReauthPage: PageRoute = {
  path: REAUTH_PATH,
  access: 'user',
  limitedAs: 'reauthenticate',
  hashes: true,
  async show(view) {
    const { methods } = await view.ops.listFactors(view.signedIn!.accessToken);
    return render(
      view,
      200,
      methods,
      returnTarget(view.query.get('returnTo')),
      {},
      view.query.get('sms') === 'sent',
    );
  },
  async submit(submission) {
    const s = accountStringsFor(submission).reauth;
    const token = submission.signedIn!.accessToken;
    const returnTo = returnTarget(submission.form.get('returnTo'));
    const method = submission.form.get('method') ?? '';
    const again = async (status: number, problems: Problems) =>
      render(submission, status, (await submission.ops.listFactors(token)).methods, returnTo, problems);
    try {
      if (method === 'send-sms') {
        await submission.ops.sendReauthSmsCode(token);
        return {
          kind: 'redirect',
          location: `${REAUTH_PATH}?returnTo=${encodeURIComponent(returnTo)}&sms=sent`,
        };
      }
      let stepped: Awaited<ReturnType<typeof submission.ops.reauthenticate>>;
      if (method === 'password') {
        const password = submission.form.get('password') ?? '';
        if (password === '') return again(400, { field: 'reauth-password', message: s.passwordMissing });
        try {
          stepped = await submission.ops.reauthenticate(token, { password }, submission.client);
        } catch (error) {
          if (hasCode(error, 'WRONG_PASSWORD', 'VALIDATION_ERROR'))
            return again(403, { field: 'reauth-password', message: s.passwordWrong });
          throw error;
        }
      } else if (method === 'passkey') {
        let assertion: unknown;
        try {
          assertion = JSON.parse(submission.form.get('assertion') ?? '');
        } catch {
          return again(400, { notice: problemNotice(s.passkeyFailed) });
        }
        try {
          stepped = await submission.ops.reauthenticate(token, { method, assertion }, submission.client);
        } catch (error) {
          if (hasCode(error, 'INVALID_CODE', 'VALIDATION_ERROR', 'PASSKEY_REJECTED'))
            return again(400, { notice: problemNotice(s.passkeyWrong) });
          throw error;
        }
      } else if (Object.hasOwn(CODE_METHODS, method)) {
        const field = CODE_METHODS[method as CodeMethod];
        const code = (submission.form.get('code') ?? '').trim();
        if (code === '') return again(400, { field, message: s.codeMissing });
        try {
          stepped = await submission.ops.reauthenticate(token, { method, code }, submission.client);
        } catch (error) {
          if (hasCode(error, 'INVALID_CODE', 'VALIDATION_ERROR'))
            return again(400, { field, message: s.codeWrong });
          throw error;
        }
      } else {
        return again(400, { field: 'reauth-password', message: s.passwordMissing });
      }
      return {
        kind: 'redirect',
        location: returnTo,
        accessToken: { token: stepped.accessToken, expiresIn: stepped.expiresIn },
      };
    } catch (error) {
      if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
        return again(403, { notice: impersonationNotice(submission) });
      if (hasCode(error, 'MFA_METHOD_UNAVAILABLE'))
        return again(409, { notice: problemNotice(s.methodUnavailable) });
      throw error;
    }
  },
};
