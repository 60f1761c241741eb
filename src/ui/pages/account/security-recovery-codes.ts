/**
 * `/account/security/recovery-codes`: making a new set of recovery codes (recent sign-in needed),
 * after a confirmation — the old set stops working at once — and the new set shown once in the
 * POST's answer; and, posted from any page showing a set, its download as a text file.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRoute, PageView } from '../../../http/route.js';
import { type Confirmation, confirmationPage, confirmed } from '../../account-security/confirm.js';
import {
  postedCodes,
  RECOVERY_CODES_PATH,
  recoveryCodesFile,
  recoveryCodesPage,
} from '../../account-security/recovery-codes.js';
import { messagePage, refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';

const PATH = RECOVERY_CODES_PATH;

function confirmation(view: PageView): Confirmation {
  return {
    ...accountSecurityStringsFor(view).recovery.regenerate,
    action: PATH,
    cancel: '/account/security',
  };
}

function notEnabled(view: PageView) {
  const s = accountSecurityStringsFor(view);
  return messagePage(view, 409, s.recovery.notEnabled, {
    href: '/account/security',
    label: s.common.backToSecurity,
  });
}

export const securityRecoveryCodesPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    const listing = await view.ops.listFactors(view.signedIn!.accessToken);
    return listing.methods.length === 0 ? notEnabled(view) : confirmationPage(view, confirmation(view));
  },
  async submit(submission) {
    if (submission.form.get('action') === 'download') {
      const codes = postedCodes(submission.form.get('codes'));
      if (!codes) {
        const s = accountSecurityStringsFor(submission);
        return messagePage(submission, 400, s.recovery.badDownload, {
          href: '/account/security',
          label: s.common.backToSecurity,
        });
      }
      return recoveryCodesFile(submission, codes);
    }
    if (!confirmed(submission.form)) return confirmationPage(submission, confirmation(submission), 400, true);
    try {
      const { recoveryCodes } = await submission.ops.regenerateRecoveryCodes(
        submission.signedIn!.accessToken,
        submission.client,
      );
      return recoveryCodesPage(submission, recoveryCodes);
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'MFA_NOT_ENABLED') return notEnabled(submission);
      return refusalOrThrow(submission, error, PATH);
    }
  },
};
