/**
 * `/account/deleted`: the goodbye page after deleting the account. Open to anyone (the session is
 * gone); it only says what happened, and — with soft deletion — how long the account can still
 * be restored by an operator.
 */
import type { PageRoute } from '../../../http/route.js';
import { html } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';
import { page } from '../../view.js';

export const DELETED_PATH = '/account/deleted';

export const accountDeletedPage: PageRoute = {
  path: DELETED_PATH,
  show(view) {
    const s = accountStringsFor(view).deleted;
    const { accountDeletion, deletedRetentionDays } = view.settings;
    return page(
      view,
      200,
      s.title,
      html`<div class="gh-notice gh-notice-success">
<h1>${s.title}</h1>
<p>${s.body}</p>
${accountDeletion === 'soft' && html`<p>${s.soft(deletedRetentionDays)}</p>`}
</div>`,
    );
  },
};
