/**
 * `/account/identities/link/:provider`: where a "Link GitHub" link on the identities page goes.
 * It changes nothing itself: it checks that the sign-in is recent and the session the user's own
 * — so a refusal is a page (off to reauthenticate and back to the list, or the impersonation message)
 * rather than the JSON answer of the API — then sends the browser (303) on to the API's
 * `GET {basePath}/oauth/<provider>/link`, which takes the session cookie to the provider.
 *
 * A navigation, not a form: the CSP's `form-action 'self'` governs the redirects after a form
 * post too, and the last one leaves for the provider. The chain stays same-origin up to the
 * API's redirect, which is what lets the link route accept the cookie (a link started from
 * another site arrives `cross-site` and is refused there).
 */
import type { PageRoute } from '../../../http/route.js';
import { linkableProviders } from '../../account-security/providers.js';
import { requireRecentSignIn } from '../../account-security/recent-sign-in.js';
import { messagePage, refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { IDENTITIES_PATH } from './identities.js';

export const identitiesLinkPage: PageRoute = {
  path: `${IDENTITIES_PATH}/link/:provider`,
  access: 'user',
  async show(view) {
    const s = accountSecurityStringsFor(view);
    const back = { href: IDENTITIES_PATH, label: s.identities.title };
    const provider = linkableProviders(view.settings).find((p) => p.name === view.params.provider);
    if (!provider) return messagePage(view, 404, s.common.notFound, back);
    try {
      await requireRecentSignIn(view.ops, view.signedIn!.accessToken);
    } catch (error) {
      // Back to the list, not here: the reauthentication is a form, and the redirects after a
      // form may not leave for the provider (`form-action`); the person presses the link again.
      return refusalOrThrow(view, error, IDENTITIES_PATH, back);
    }
    // The callback comes back to the identities page by its public URL (when `baseUrl` is set).
    const base = view.settings.baseUrl?.replace(/\/+$/, '');
    const query = base ? `?returnTo=${encodeURIComponent(`${base}${IDENTITIES_PATH}`)}` : '';
    return {
      kind: 'redirect',
      location: `${view.settings.basePath}/oauth/${encodeURIComponent(provider.name)}/link${query}`,
    };
  },
};
