/**
 * The way on from a provider sign-in that needs a second factor. The callback sent the browser
 * to `/sign-in?mfa=required` and keeps the pending sign-in's `mfaToken` in an HttpOnly cookie
 * scoped to `{basePath}/oauth`, which this page never receives. Only a same-origin
 * `POST {basePath}/oauth/mfa` reads it (and clears it): the script part `provider-mfa.ts` makes
 * that request, puts the challenge in the form's hidden fields and posts them to
 * `/sign-in/mfa`, which shows the second step. Without the script the form stays hidden and the
 * page offers signing in again another way.
 */
import type { PageReply, PageView } from '../../http/route.js';
import { csrfField } from '../forms.js';
import { html } from '../html.js';
import { signInStringsFor } from '../locales/sign-in/index.js';
import { page } from '../view.js';
import { SIGN_IN_CSS } from './css.js';
import { MFA_PATH } from './mfa-step.js';
import { returnField, withReturn } from './return-to.js';

export function providerMfaPage(view: PageView, returnTo: string): PageReply {
  const s = signInStringsFor(view);
  return page(
    view,
    200,
    s.mfa.title,
    html`<h1>${s.mfa.title}</h1>
<p>${s.signIn.providerSecondStep}</p>
<form method="post" action="${MFA_PATH}" hidden data-provider-mfa="${view.settings.basePath}/oauth/mfa"
 data-provider-mfa-failed="${s.mfa.expired.body}">
${csrfField(view)}
${returnField(returnTo)}
<input type="hidden" name="intent" value="show">
<input type="hidden" name="mfaToken" value="">
<input type="hidden" name="methods" value="">
<p><button type="submit">${s.signIn.providerContinue}</button></p>
<div class="gh-status" role="status" data-provider-mfa-status></div>
</form>
<div class="gh-links"><p><a href="${withReturn('/sign-in', returnTo)}">${s.mfa.signInAgain}</a></p></div>`,
    { css: SIGN_IN_CSS },
  );
}
