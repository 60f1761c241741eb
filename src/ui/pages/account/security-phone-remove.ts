/** `/account/security/phone/remove`: removing the phone (the SMS factor), after a confirmation (recent sign-in needed). */
import type { PageRoute } from '../../../http/route.js';
import { factorRemovalPage } from '../../account-security/factor-removal.js';
import { securityDone } from './security.js';

export const securityPhoneRemovePage: PageRoute = factorRemovalPage({
  path: '/account/security/phone/remove',
  strings: (s) => s.phone.remove,
  remove: (ops, accessToken, client) => ops.removePhone(accessToken, client),
  done: securityDone('phone-removed'),
});
