/** `/account/security/phone/remove`: removing the phone (the SMS factor), after a confirmation (recent sign-in needed). */
import type { PageRoute, PageView } from '../../../http/route.js';
import { type Confirmation, confirmationPage, confirmed } from '../../account-security/confirm.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security.js';
import { securityDone } from './security.js';

const PATH = '/account/security/phone/remove';

function confirmation(view: PageView): Confirmation {
  return { ...accountSecurityStringsFor(view).phone.remove, action: PATH, cancel: '/account/security' };
}

export const securityPhoneRemovePage: PageRoute = {
  path: PATH,
  access: 'user',
  show: (view) => confirmationPage(view, confirmation(view)),
  async submit(submission) {
    if (!confirmed(submission.form)) return confirmationPage(submission, confirmation(submission), 400, true);
    try {
      await submission.ops.removePhone(submission.signedIn!.accessToken, submission.client);
    } catch (error) {
      return refusalOrThrow(submission, error, PATH);
    }
    return { kind: 'redirect', location: securityDone('phone-removed') };
  },
};
