/**
 * `/console/impersonation/end`: ends the session an operator started as a user from the
 * console, and takes the browser back to that user's page in the console. Starting one replaced
 * only the browser's access cookie (an impersonation has no refresh token), so the operator's
 * own refresh cookie is still there: with the impersonated session ended, the console page
 * finds no live session and the page server resumes the operator's (`{basePath}/refresh/resume`).
 *
 * The banner every page shows while impersonating posts here. Opened or sent without an
 * impersonated session (it ran out meanwhile), it just goes to the console.
 */
import type { PageRoute } from '../../../http/route.js';
import { impersonationOf } from '../../console/impersonation-banner.js';
import { CONSOLE_HOME } from '../../console/nav.js';
import { userPath } from '../../console/user-facts.js';
import { csrfField } from '../../forms.js';
import { html } from '../../html.js';
import { consoleUsersStringsFor } from '../../locales/console-users/index.js';
import { page, seeOther } from '../../view.js';

const PATH = '/console/impersonation/end';

export const consoleImpersonationEndPage: PageRoute = {
  path: PATH,
  access: 'user',
  show(view) {
    if (!impersonationOf(view) || !view.signedIn) return seeOther(CONSOLE_HOME);
    const s = consoleUsersStringsFor(view).impersonation;
    const who = view.signedIn.user.email ?? view.signedIn.user.username ?? view.signedIn.user.id;
    return page(
      view,
      200,
      s.endTitle,
      html`<h1>${s.endTitle}</h1>
<p>${s.endBody(who)}</p>
<form method="post" action="${PATH}">
${csrfField(view)}
<button type="submit">${s.end}</button>
</form>`,
    );
  },
  async submit(submission) {
    const signedIn = submission.signedIn;
    const claims = impersonationOf(submission);
    if (!claims || !signedIn) return seeOther(CONSOLE_HOME);
    // Recorded as the API records a sign-out with this token: by the operator, as the impersonation.
    await submission.ops.asActor({ id: claims.operatorId, via: 'impersonation' }, () =>
      submission.ops.signOut(signedIn.accessToken),
    );
    return seeOther(userPath(signedIn.user.id));
  },
};
