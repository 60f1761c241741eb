/**
 * `/account/identities`: the accounts at other services the user signs in with, each with a way
 * to unlink it (`/account/identities/:id`), and a link per configured provider to link one more
 * (`/account/identities/link/:provider`, which goes on to the provider). The provider's callback
 * comes back here with `?linked=<provider>` or `?error=<CODE>` when `oauth.redirectUrls` lists
 * this page's URL (else to the default page); only configured providers' names and our own words
 * for the codes are shown, never the query's text.
 */
import type { PageRoute, PageView } from '../../../http/route.js';
import type { IdentityView } from '../../../services/identities/identity-view.js';
import { accountPage, dateTime, problemNotice, statusNotice } from '../../account/account-page.js';
import { linkableProviders, providerName } from '../../account-security/providers.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';

export const IDENTITIES_PATH = '/account/identities';
const PATH = IDENTITIES_PATH;

function table(view: PageView, identities: readonly IdentityView[]) {
  const s = accountSecurityStringsFor(view);
  const i = s.identities;
  if (identities.length === 0) return html`<p>${i.none}</p>`;
  return html`<div class="gh-table-wrap">
<table>
<caption class="gh-visually-hidden">${i.caption}</caption>
<thead><tr><th scope="col">${i.provider}</th><th scope="col">${i.email}</th><th scope="col">${i.linkedAt}</th><th scope="col">${i.lastUsed}</th><th scope="col">${s.common.actions}</th></tr></thead>
<tbody>
${identities.map((identity) => {
  const name = providerName(view.settings, identity.provider);
  return html`<tr>
<th scope="row">${name}</th>
<td>${identity.email ?? i.noEmail}</td>
<td>${dateTime(view, identity.createdAt)}</td>
<td>${identity.lastUsedAt ? dateTime(view, identity.lastUsedAt) : s.common.never}</td>
<td><a href="${PATH}/${encodeURIComponent(identity.id)}" aria-label="${i.unlinkNamed(name)}">${i.unlink}</a></td>
</tr>`;
})}
</tbody>
</table>
</div>`;
}

/** What the query says happened: a link the callback finished or refused, an unlink done here. */
function outcome(view: PageView) {
  const i = accountSecurityStringsFor(view).identities;
  const linked = view.query.get('linked');
  const provider = linkableProviders(view.settings).find((p) => p.name === linked);
  if (provider) return statusNotice(i.linked(provider.displayName));
  const error = view.query.get('error');
  if (error === 'IDENTITY_IN_USE') return problemNotice(i.inUse.title, i.inUse.body);
  if (error !== null) return problemNotice(i.linkFailed.title, i.linkFailed.body);
  if (view.query.get('done') === 'unlinked') return statusNotice(i.unlinked);
  return html``;
}

export const identitiesPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    const identities = await view.ops.listIdentities(view.signedIn!.accessToken);
    const i = accountSecurityStringsFor(view).identities;
    const providers = linkableProviders(view.settings);
    return accountPage(
      view,
      200,
      i.title,
      html`<h1>${i.title}</h1>
${outcome(view)}
<p>${i.intro}</p>
${table(view, identities)}
${
  providers.length > 0 &&
  html`<section class="gh-section" aria-labelledby="link-heading">
<h2 id="link-heading">${i.linkHeading}</h2>
<p>${i.linkIntro}</p>
<ul>
${providers.map((p) => html`<li><a href="${PATH}/link/${encodeURIComponent(p.name)}">${i.link(p.displayName)}</a></li>`)}
</ul>
</section>`
}`,
    );
  },
};
