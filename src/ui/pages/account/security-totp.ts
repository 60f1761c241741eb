/**
 * `/account/security/totp`: adding an authenticator app. The page (GET) explains and offers to
 * start; starting is a POST (it makes a new pending secret, replacing one not yet activated), and
 * its answer — 200, never a redirect, so the secret is in no URL — shows the QR code (SVG drawn
 * on the server), the setup key as text with a copy button, and the form for the first code.
 * The right code activates the app; if the account had no recovery codes, the answer shows the
 * new ones, once. A wrong code comes back next to its field with the same QR code and key, which
 * the form carries in hidden fields (they are only displayed again: the secret that counts is
 * the one sealed on the server).
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { qrCode } from '../../account-security/qr.js';
import { recoveryCodesPage } from '../../account-security/recovery-codes.js';
import { messagePage, refusalOrThrow } from '../../account-security/refusals.js';
import { copyable, grouped } from '../../account-security/secrets.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';
import { securityDone } from './security.js';

const PATH = '/account/security/totp';
/** A base32 TOTP secret as the operation makes them (160 bits: 32 characters). */
const SECRET = /^[A-Z2-7]{16,64}$/;

interface Setup {
  readonly secret: string;
  readonly uri: string;
}

/** The setup the activation form sent back, if it is one the enrolment could have made. */
function postedSetup(form: URLSearchParams): Setup | undefined {
  const secret = form.get('secret') ?? '';
  const uri = form.get('uri') ?? '';
  if (!SECRET.test(secret) || uri.length > 1000) return undefined;
  try {
    const url = new URL(uri);
    if (url.protocol !== 'otpauth:' || url.searchParams.get('secret') !== secret) return undefined;
  } catch {
    return undefined;
  }
  return { secret, uri };
}

function startPage(view: PageView): PageReply {
  const s = accountSecurityStringsFor(view).totp;
  return accountPage(
    view,
    200,
    s.title,
    html`<h1>${s.title}</h1>
<p>${s.intro}</p>
<form method="post" action="${PATH}">
${csrfField(view)}
<input type="hidden" name="action" value="enroll">
<div class="gh-actions">
<button type="submit">${s.start}</button>
<a href="/account/security">${accountSecurityStringsFor(view).common.cancel}</a>
</div>
</form>`,
  );
}

async function setupPage(view: PageView, status: number, setup: Setup, error?: string): Promise<PageReply> {
  const s = accountSecurityStringsFor(view).totp;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, error ? [{ field: 'totp-code', message: error }] : [])}
<h2>${s.scanHeading}</h2>
<p>${s.scanIntro}</p>
${await qrCode(setup.uri, s.qrAlt)}
<h2>${s.keyHeading}</h2>
<p id="totp-key-intro">${s.keyIntro}</p>
<p class="gh-hint">${s.keyLabel}</p>
${copyable('totp-secret', grouped(setup.secret), s.keyCopy)}
<h2>${s.codeHeading}</h2>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="activate">
<input type="hidden" name="secret" value="${setup.secret}">
<input type="hidden" name="uri" value="${setup.uri}">
${accountInput({
  id: 'totp-code',
  name: 'code',
  type: 'text',
  label: s.codeLabel,
  hint: s.codeHint,
  error,
  autocomplete: 'one-time-code',
  inputMode: 'numeric',
  maxLength: 16,
})}
<button type="submit">${s.submit}</button>
</form>`,
  );
}

function notPending(view: PageView): PageReply {
  const s = accountSecurityStringsFor(view).totp;
  return messagePage(view, 409, s.notPending, { href: PATH, label: s.startAgain });
}

function alreadyOn(view: PageView): PageReply {
  const s = accountSecurityStringsFor(view);
  return messagePage(view, 409, s.totp.alreadyOn, {
    href: '/account/security',
    label: s.common.backToSecurity,
  });
}

export const securityTotpPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    const listing = await view.ops.listFactors(view.signedIn!.accessToken);
    return listing.factors.totp ? alreadyOn(view) : startPage(view);
  },
  async submit(submission) {
    const token = submission.signedIn!.accessToken;
    const s = accountSecurityStringsFor(submission);
    if (submission.form.get('action') === 'activate') {
      const setup = postedSetup(submission.form);
      const code = (submission.form.get('code') ?? '').trim();
      if (code === '')
        return setup ? setupPage(submission, 400, setup, s.totp.codeMissing) : notPending(submission);
      try {
        const added = await submission.ops.activateTotp(token, code, submission.client);
        if (added.recoveryCodes)
          return recoveryCodesPage(submission, added.recoveryCodes, s.overview.done.totpAdded, {
            token: added.accessToken,
            expiresIn: added.expiresIn,
          });
        return {
          kind: 'redirect',
          location: securityDone('totp-added'),
          accessToken: { token: added.accessToken, expiresIn: added.expiresIn },
        };
      } catch (error) {
        if (isGatehouseError(error)) {
          if (error.code === 'INVALID_CODE' || error.code === 'VALIDATION_ERROR') {
            const message = error.code === 'INVALID_CODE' ? s.totp.codeWrong : s.totp.codeMissing;
            return setup ? setupPage(submission, 400, setup, message) : notPending(submission);
          }
          if (error.code === 'NOT_FOUND') return notPending(submission);
          if (error.code === 'FACTOR_EXISTS') return alreadyOn(submission);
        }
        return refusalOrThrow(submission, error, PATH);
      }
    }
    try {
      const enrolment = await submission.ops.enrollTotp(token);
      return setupPage(submission, 200, { secret: enrolment.secret, uri: enrolment.otpauthUri });
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'FACTOR_EXISTS') return alreadyOn(submission);
      return refusalOrThrow(submission, error, PATH);
    }
  },
};
