/** `/account/security/totp/remove`: removing the authenticator app, after a confirmation (recent sign-in needed). */
import type { PageRoute } from '../../../http/route.js';
import { factorRemovalPage } from '../../account-security/factor-removal.js';
import { securityDone } from './security.js';

export const securityTotpRemovePage: PageRoute = factorRemovalPage({
  path: '/account/security/totp/remove',
  strings: (s) => s.totp.remove,
  remove: (ops, accessToken, client) => ops.removeTotp(accessToken, client),
  done: securityDone('totp-removed'),
});
