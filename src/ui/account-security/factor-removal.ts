/**
 * A page that removes one second factor (`/account/security/<factor>/remove`): the confirmation
 * page, then the operation, then the security overview with its notice. A refusal (a recent
 * sign-in needed, …) is answered by `refusalOrThrow`, which comes back to this page.
 */
import type { PageRoute, PageSubmission, PageView } from '../../http/route.js';
import {
  type AccountSecurityStrings,
  accountSecurityStringsFor,
  type ConfirmStrings,
} from '../locales/account-security/index.js';
import { type Confirmation, confirmationPage, confirmed } from './confirm.js';
import { refusalOrThrow } from './refusals.js';

export interface FactorRemoval {
  /** The page's own path: the form posts here and a reauthentication returns here. */
  readonly path: string;
  /** The confirmation's text among the area's strings. */
  readonly strings: (s: AccountSecurityStrings) => ConfirmStrings;
  /** Removes the factor for the signed-in user. */
  readonly remove: (
    ops: PageSubmission['ops'],
    accessToken: string,
    client: PageSubmission['client'],
  ) => Promise<unknown>;
  /** Where the browser goes once it is removed (the overview with its notice). */
  readonly done: string;
}

/**
 * The route of a factor's removal page.
 *
 * @example
 * factorRemovalPage({ path, strings: (s) => s.phone.remove, remove: (ops, t, c) => ops.removePhone(t, c), done });
 */
export function factorRemovalPage(removal: FactorRemoval): PageRoute {
  const confirmation = (view: PageView): Confirmation => ({
    ...removal.strings(accountSecurityStringsFor(view)),
    action: removal.path,
    cancel: '/account/security',
  });
  return {
    path: removal.path,
    access: 'user',
    show: (view) => confirmationPage(view, confirmation(view)),
    async submit(submission) {
      if (!confirmed(submission.form))
        return confirmationPage(submission, confirmation(submission), 400, true);
      try {
        await removal.remove(submission.ops, submission.signedIn!.accessToken, submission.client);
      } catch (error) {
        return refusalOrThrow(submission, error, removal.path);
      }
      return { kind: 'redirect', location: removal.done };
    },
  };
}
