/**
 * `/account/data`: download everything held about the user as one JSON file (the same operation
 * as `GET /auth/me/export`; never a secret in it), and the way to deleting the account. The
 * download is a form post, not a link: an export is recorded in the audit log, and a GET changes
 * nothing.
 */
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage } from '../../account/account-page.js';
import { hasCode, impersonationNotice } from '../../account/refusals.js';
import { csrfField } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';

const PATH = '/account/data';

function render(view: PageView, status: number, notice?: SafeHtml): PageReply {
  const s = accountStringsFor(view).data;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${notice}
<section aria-labelledby="export-heading">
<h2 id="export-heading">${s.exportHeading}</h2>
<p>${s.exportIntro}</p>
<form method="post" action="${PATH}">
${csrfField(view)}
<button type="submit">${s.exportSubmit}</button>
</form>
</section>
<section class="gh-section" aria-labelledby="delete-heading">
<h2 id="delete-heading">${s.deleteHeading}</h2>
<p>${s.deleteIntro}</p>
<p><a href="/account/delete">${s.deleteLink}</a></p>
</section>`,
  );
}

export const accountDataPage: PageRoute = {
  path: PATH,
  access: 'user',
  show(view) {
    return render(view, 200);
  },
  async submit(submission) {
    try {
      const data = await submission.ops.exportData(submission.signedIn!.accessToken, submission.client);
      return {
        kind: 'file',
        contentType: 'application/json; charset=utf-8',
        filename: `account-data-${data.exportedAt.slice(0, 10)}.json`,
        body: `${JSON.stringify(data, null, 2)}\n`,
      };
    } catch (error) {
      if (hasCode(error, 'IMPERSONATION_RESTRICTED'))
        return render(submission, 403, impersonationNotice(submission));
      throw error;
    }
  },
};
