/**
 * The sign-in page's document: the password form (email, or email or username), then the other
 * ways in the instance offers — a passkey (its form stays hidden until the script finds WebAuthn),
 * a link per provider, and a link or code by email — with the forgot-password and sign-up links.
 * Provider sign-ins are plain links to the API's start route (cookie mode): a GET navigation,
 * because the CSP's `form-action 'self'` would also stop the redirect to the provider after a
 * form post.
 */
import type { PageReply, PageView } from '../../http/route.js';
import { csrfField, errorSummary, type FieldError, inputField } from '../forms.js';
import { html } from '../html.js';
import { signInStringsFor } from '../locales/sign-in/index.js';
import { page, stringsFor } from '../view.js';
import { SIGN_IN_CSS } from './css.js';
import type { SignInOffer } from './offer.js';
import { returnField, withReturn } from './return-to.js';

export const SIGN_IN_PATH = '/sign-in';

/** The field ids errors can name. */
export const SIGN_IN_FIELDS = {
  login: 'login',
  password: 'password',
  passkey: 'passkey-button',
  providers: 'providers',
  byEmail: 'by-email',
} as const;

export interface SignInFormState {
  readonly returnTo: string;
  /** What was typed in the login field, shown again. */
  readonly login?: string;
  /** What was typed in the by-email field, shown again. */
  readonly byEmail?: string;
  readonly errors?: readonly FieldError[];
  /** A status line above the form (signed out). */
  readonly notice?: string;
  /** The sign-in is for the admin console (`returnTo` is a console page): say so. */
  readonly console?: boolean;
}

/** `GET /auth/oauth/<name>/start`, coming back to this page (with its target, when not the default). */
function providerLink(view: PageView, name: string, returnTo: string): string {
  const base = (view.settings.baseUrl ?? '').replace(/\/+$/, '');
  const back = `${base}${withReturn(SIGN_IN_PATH, returnTo)}`;
  return `${view.settings.basePath}/oauth/${encodeURIComponent(name)}/start?returnTo=${encodeURIComponent(back)}`;
}

/** The passkey form; `alone`, it is a section of its own (hidden without the script, heading and all). */
function passkeyForm(view: PageView, state: SignInFormState, error: string | undefined, alone: boolean) {
  const s = signInStringsFor(view).signIn;
  return html`<form method="post" action="${SIGN_IN_PATH}" hidden${alone ? html` class="gh-way" aria-labelledby="passkey-title"` : ''}
 data-webauthn="get" data-webauthn-options="${view.settings.basePath}/sign-in/passkey/options"
 data-webauthn-result="response" data-webauthn-cancelled="${s.passkeyCancelled}" data-webauthn-failed="${s.passkeyFailed}">
${alone && html`<h2 id="passkey-title">${s.otherWays}</h2>`}
${csrfField(view)}
${returnField(state.returnTo)}
<input type="hidden" name="intent" value="passkey">
<input type="hidden" name="response" value="">
${error && html`<span class="gh-field-error" id="passkey-button-error">${error}</span>`}
<p><button type="submit" class="gh-button-secondary" id="${SIGN_IN_FIELDS.passkey}"${error ? html` aria-describedby="passkey-button-error"` : ''}>${s.passkey}</button></p>
<div class="gh-status" role="status" data-webauthn-status></div>
</form>`;
}

export function signInFormPage(
  view: PageView,
  status: number,
  offer: SignInOffer,
  state: SignInFormState,
): PageReply {
  const s = signInStringsFor(view).signIn;
  const errorOf = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  const byEmail = offer.magicLink || offer.emailCode;
  const providersError = errorOf(SIGN_IN_FIELDS.providers);
  const providers =
    offer.providers.length > 0 &&
    html`${providersError && html`<p class="gh-field-error" id="providers-error">${providersError}</p>`}
<ul class="gh-providers" id="${SIGN_IN_FIELDS.providers}" aria-label="${s.providers}" tabindex="-1"${
      providersError ? html` aria-describedby="providers-error"` : ''
    }>
${offer.providers.map(
  (p) =>
    html`<li><a class="gh-button-link" href="${providerLink(view, p.name, state.returnTo)}">${s.withProvider(p.displayName)}</a></li>`,
)}
</ul>`;
  const emailForm =
    byEmail &&
    html`<form method="post" action="${SIGN_IN_PATH}" novalidate>
<h3>${s.byEmailTitle}</h3>
<p>${s.byEmailIntro}</p>
${csrfField(view)}
${returnField(state.returnTo)}
${inputField({
  id: SIGN_IN_FIELDS.byEmail,
  name: 'email',
  type: 'email',
  label: s.byEmailLabel,
  autocomplete: 'email',
  value: state.byEmail,
  error: errorOf(SIGN_IN_FIELDS.byEmail),
  maxLength: 1024,
})}
<div class="gh-button-row">
${offer.magicLink && html`<button type="submit" name="intent" value="magic-link" class="gh-button-secondary">${s.sendLink}</button>`}
${offer.emailCode && html`<button type="submit" name="intent" value="email-code" class="gh-button-secondary">${s.sendCode}</button>`}
</div>
</form>`;
  const others = providers || emailForm;
  const passkey = offer.passkeys && passkeyForm(view, state, errorOf(SIGN_IN_FIELDS.passkey), !others);
  const ways = others
    ? html`<section class="gh-way" aria-labelledby="other-ways">
<h2 id="other-ways">${s.otherWays}</h2>
${passkey}
${providers}
${emailForm}
</section>`
    : passkey;
  return page(
    view,
    status,
    state.console ? s.consoleTitle : s.title,
    html`${
      state.console
        ? html`<h1>${s.consoleTitle}</h1>
<p>${s.consoleIntro}</p>`
        : html`<h1>${s.title}</h1>`
    }
${state.notice && html`<p class="gh-notice gh-notice-success" role="status">${state.notice}</p>`}
${errorSummary(stringsFor(view).form.errorSummaryTitle, state.errors ?? [])}
<form method="post" action="${SIGN_IN_PATH}" novalidate>
${csrfField(view)}
${returnField(state.returnTo)}
<input type="hidden" name="intent" value="password">
${inputField({
  id: SIGN_IN_FIELDS.login,
  name: 'login',
  type: offer.usernames ? 'text' : 'email',
  label: offer.usernames ? s.loginLabel : s.emailLabel,
  autocomplete: 'username',
  value: state.login,
  error: errorOf(SIGN_IN_FIELDS.login),
  maxLength: 1024,
})}
${inputField({
  id: SIGN_IN_FIELDS.password,
  name: 'password',
  type: 'password',
  label: s.passwordLabel,
  autocomplete: 'current-password',
  error: errorOf(SIGN_IN_FIELDS.password),
  maxLength: 1024,
})}
<button type="submit">${s.submit}</button>
</form>
<div class="gh-links">
<p><a href="/forgot-password">${s.forgotPassword}</a></p>
${offer.signUp && html`<p>${s.noAccount} <a href="${withReturn('/sign-up', state.returnTo)}">${s.signUp}</a></p>`}
</div>
${ways}`,
    { css: SIGN_IN_CSS },
  );
}
