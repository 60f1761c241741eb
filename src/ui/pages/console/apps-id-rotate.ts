/**
 * `/console/apps/:id/rotate`: the confirmation step of replacing an app's secret. `GET` says
 * what will happen and changes nothing; `POST` does it — only with the confirming button's
 * `confirm=yes` — through `rotateAppSecret`, the operation of
 * `POST /auth/admin/apps/:id/rotate-secret` (`apps:write`, console operators only, as there),
 * and answers with the new secret, shown this once. Works without JavaScript.
 */
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { AppView } from '../../../services/apps/app-view.js';
import { loadApp, noSuchApp } from '../../console/app-load.js';
import { secretPage } from '../../console/app-secret.js';
import { appPath } from '../../console/app-tabs.js';
import { consolePage, problemNotice } from '../../console/console-page.js';
import { csrfField } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppsStringsFor } from '../../locales/console-apps/index.js';

const PATH = '/console/apps/:id/rotate';

function render(view: PageRead, status: number, app: AppView, notice?: SafeHtml): PageReply {
  const r = consoleAppsStringsFor(view).rotate;
  const title = r.title(app.name);
  return consolePage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${notice}
<p>${r.consequences}</p>
<form method="post" action="${appPath(app.id)}/rotate">
${csrfField(view)}
<div class="gh-actions">
<button type="submit" name="confirm" value="yes" class="gh-button-danger">${r.confirm}</button>
<a href="${appPath(app.id)}">${r.cancel}</a>
</div>
</form>`,
  );
}

export const consoleAppRotatePage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'apps:write' },
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    return render(view, 200, app);
  },
  async submit(submission) {
    const app = await loadApp(submission);
    if (!app) return noSuchApp(submission);
    const r = consoleAppsStringsFor(submission).rotate;
    // Nothing is done without the confirming button.
    if (submission.form.get('confirm') !== 'yes')
      return render(submission, 400, app, problemNotice(r.notConfirmed));
    const rotated = await submission.ops.rotateAppSecret(app.id);
    return secretPage(
      submission,
      200,
      rotated.app,
      rotated.secret,
      r.doneTitle,
      r.doneBody(rotated.app.name),
    );
  },
};
