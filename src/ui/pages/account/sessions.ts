/**
 * `/account/sessions`: where the user is signed in — device, IP address, last use and sign-in
 * time, this browser's session marked "This device" — through the same operation as
 * `GET /auth/sessions`. Each other session can be ended (`revokeSession`), or all of them at
 * once while this one stays (`signOut({others: true})`, which also voids a pending address
 * change, as "sign out everywhere" does).
 */
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import type { SessionListing } from '../../../services/views.js';
import { accountPage, dateTime, problemNotice, statusNotice } from '../../account/account-page.js';
import { hasCode } from '../../account/refusals.js';
import { csrfField } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';

const PATH = '/account/sessions';

function render(
  view: PageView,
  status: number,
  sessions: readonly SessionListing[],
  notice?: SafeHtml,
): PageReply {
  const s = accountStringsFor(view).sessions;
  // This device first, then the most recently used.
  const rows = [...sessions].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );
  const others = rows.filter((r) => !r.current).length;
  const result = view.query.get('result');
  const ended = Number(view.query.get('count') ?? '0');
  const done =
    status !== 200
      ? undefined
      : result === 'ended'
        ? s.ended
        : result === 'others-ended' && Number.isSafeInteger(ended) && ended >= 0
          ? s.othersEnded(ended)
          : undefined;
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${notice}
${statusNotice(done)}
<p>${s.intro}</p>
<ul class="gh-sessions" aria-label="${s.caption}">
${rows.map((row) => {
  const lastUsed = dateTime(view, row.lastUsedAt);
  return html`<li class="gh-session">
<p class="gh-session-device"><strong>${row.device}</strong>${row.current ? html` <span class="gh-badge">${s.thisDevice}</span>` : ''}</p>
<dl>
<dt>${s.ip}</dt><dd>${row.ip ?? s.unknownIp}</dd>
<dt>${s.lastUsed}</dt><dd>${lastUsed}</dd>
<dt>${s.created}</dt><dd>${dateTime(view, row.createdAt)}</dd>
</dl>
${
  !row.current &&
  html`<form method="post" action="${PATH}">
${csrfField(view)}
<input type="hidden" name="action" value="end">
<input type="hidden" name="session" value="${row.id}">
<button type="submit" class="gh-button-secondary">${s.end}<span class="gh-visually-hidden">${s.endWhich(row.device, lastUsed)}</span></button>
</form>`
}
</li>`;
})}
</ul>
<section class="gh-section" aria-labelledby="end-others">
<h2 id="end-others">${s.endOthersHeading}</h2>
${
  others === 0
    ? html`<p>${s.onlyThis}</p>`
    : html`<p>${s.endOthersIntro}</p>
<form method="post" action="${PATH}">
${csrfField(view)}
<input type="hidden" name="action" value="end-others">
<button type="submit" class="gh-button-danger">${s.endOthers}</button>
</form>`
}
</section>`,
  );
}

export const accountSessionsPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    return render(view, 200, await view.ops.listSessions(view.signedIn!.accessToken));
  },
  async submit(submission) {
    const { ops } = submission;
    const token = submission.signedIn!.accessToken;
    const action = submission.form.get('action');
    if (action === 'end-others') {
      // One operation ends them all and voids a pending address change (a suspected takeover);
      // the count shown is what the list had, as the operation's own count is in the audit log.
      const others = (await ops.listSessions(token)).filter((session) => !session.current).length;
      await ops.signOut(token, { others: true });
      return { kind: 'redirect', location: `${PATH}?result=others-ended&count=${others}` };
    }
    const id = submission.form.get('session') ?? '';
    if (action !== 'end' || id === '') {
      const s = accountStringsFor(submission).sessions;
      return render(submission, 400, await ops.listSessions(token), problemNotice(s.notFound));
    }
    if (id === submission.signedIn!.session.id) {
      // Ending this device's own session is signing out.
      await ops.signOut(token);
      return { kind: 'redirect', location: '/sign-in', signedOut: true };
    }
    try {
      await ops.revokeSession(token, id);
    } catch (error) {
      if (!hasCode(error, 'NOT_FOUND')) throw error;
      const s = accountStringsFor(submission).sessions;
      return render(submission, 404, await ops.listSessions(token), problemNotice(s.notFound));
    }
    return { kind: 'redirect', location: `${PATH}?result=ended` };
  },
};
