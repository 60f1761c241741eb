/**
 * `/sign-out`: the layout's sign-out form posts here (CSRF-checked like every form). The
 * session behind the access cookie ends (`signOut`, so its refresh token dies with it), the
 * browser's token cookies are cleared and it goes to the sign-in page, which says so. Opening
 * the address asks first — a GET never ends anything — and someone not signed in is sent to sign
 * in.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRoute } from '../../../http/route.js';
import { csrfField } from '../../forms.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in.js';
import { SIGN_IN_CSS } from '../../sign-in/css.js';
import { DEFAULT_RETURN } from '../../sign-in/return-to.js';
import { page, seeOther } from '../../view.js';

const PATH = '/sign-out';

export const signOutPage: PageRoute = {
  path: PATH,
  show(view) {
    if (!view.signedIn) return seeOther('/sign-in');
    const s = signInStringsFor(view).signOut;
    return page(
      view,
      200,
      s.title,
      html`<h1>${s.title}</h1>
<p>${s.intro}</p>
<form method="post" action="${PATH}" class="gh-actions">
${csrfField(view)}
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
    return { kind: 'redirect', location: '/sign-in?result=signed-out', signedOut: true };
  },
};
