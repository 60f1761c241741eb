/** `/account/security/totp/remove`: removing the authenticator app, after a confirmation (recent sign-in needed). */
import type { PageRoute, PageView } from '../../../http/route.js';
import { type Confirmation, confirmationPage, confirmed } from '../../account-security/confirm.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security.js';
import { securityDone } from './security.js';

const PATH = '/account/security/totp/remove';

function confirmation(view: PageView): Confirmation {
  return { ...accountSecurityStringsFor(view).totp.remove, action: PATH, cancel: '/account/security' };
}

export const securityTotpRemovePage: PageRoute = {
  path: PATH,
  access: 'user',
  show: (view) => confirmationPage(view, confirmation(view)),
  async submit(submission) {
    if (!confirmed(submission.form)) return confirmationPage(submission, confirmation(submission), 400, true);
    try {
      await submission.ops.removeTotp(submission.signedIn!.accessToken, submission.client);
    } catch (error) {
      return refusalOrThrow(submission, error, PATH);
    }
    return { kind: 'redirect', location: securityDone('totp-removed') };
  },
};
