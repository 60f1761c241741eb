/**
 * `/sign-out`: the layout's sign-out form posts here (CSRF-checked like every form). The
 * session behind the access cookie ends (`signOut`, so its refresh token dies with it), the
 * browser's token cookies are cleared and it goes to the sign-in page, which says so — or to the
 * form's `returnTo`, a path on this server only (`localReturn`): the console's sign-out goes to
 * `/sign-in?returnTo=/console`. Opening the address asks first — a GET never ends anything — and
 * someone not signed in is sent on at once.
 */
import { isGatehouseError } from '../../../core/errors.js';
import { localReturn } from '../../../http/pages.js';
import type { PageRoute } from '../../../http/route.js';
import { csrfField } from '../../forms.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in/index.js';
import { SIGN_IN_CSS } from '../../sign-in/css.js';
import { DEFAULT_RETURN } from '../../sign-in/return-to.js';
import { page, seeOther } from '../../view.js';

const PATH = '/sign-out';
const SIGNED_OUT = '/sign-in?result=signed-out';

/** Where a signed-out browser goes; the sign-in page, opened there, says it is signed out. */
function afterSignOut(requested: string | null): string {
  const target = localReturn(requested, SIGNED_OUT);
  const url = new URL(target, 'http://here');
  if (url.pathname !== '/sign-in' || url.searchParams.has('result')) return target;
  url.searchParams.set('result', 'signed-out');
  return `${url.pathname}${url.search}${url.hash}`;
}

export const signOutPage: PageRoute = {
  path: PATH,
  show(view) {
    const requested = view.query.get('returnTo');
    if (!view.signedIn) return seeOther(localReturn(requested, '/sign-in'));
    const s = signInStringsFor(view).signOut;
    const target = localReturn(requested, SIGNED_OUT);
    return page(
      view,
      200,
      s.title,
      html`<h1>${s.title}</h1>
<p>${s.intro}</p>
<form method="post" action="${PATH}" class="gh-actions">
${csrfField(view)}
${target === SIGNED_OUT ? '' : html`<input type="hidden" name="returnTo" value="${target}">`}
<button type="submit">${s.submit}</button>
<a href="${DEFAULT_RETURN}">${s.cancel}</a>
</form>`,
      { css: SIGN_IN_CSS },
    );
  },
  async submit(submission) {
    if (submission.signedIn) {
      try {
        await submission.ops.signOut(submission.signedIn.accessToken);
      } catch (error) {
        // Ended meanwhile (another tab, an operator): the cookies go all the same.
        if (!isGatehouseError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
          throw error;
      }
    }
    const location = afterSignOut(submission.form.get('returnTo'));
    return { kind: 'redirect', location, signedOut: true };
  },
};
