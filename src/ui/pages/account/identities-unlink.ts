/**
 * `/account/identities/:id`: unlinking one identity, after a confirmation (recent sign-in
 * needed). When it is the account's only way to sign in the operation refuses
 * (`LAST_SIGN_IN_METHOD`) and the page says what to add first. Another user's identity and an
 * unknown id are the same 404.
 */
import { GatehouseError, isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageView } from '../../../http/route.js';
import type { IdentityView } from '../../../services/identities/identity-view.js';
import { problemNotice } from '../../account/account-page.js';
import { type Confirmation, confirmationPage, confirmed } from '../../account-security/confirm.js';
import { providerName } from '../../account-security/providers.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { IDENTITIES_PATH } from './identities.js';

const PATH = '/account/identities/:id';

function here(view: PageView): string {
  return `${IDENTITIES_PATH}/${encodeURIComponent(view.params.id ?? '')}`;
}

async function findIdentity(view: Pick<PageRead, 'ops' | 'signedIn' | 'params'>): Promise<IdentityView> {
  const identities = await view.ops.listIdentities(view.signedIn!.accessToken);
  const found = identities.find((i) => i.id === view.params.id);
  if (!found) throw new GatehouseError('NOT_FOUND', 'No such linked identity');
  return found;
}

function confirmation(view: PageView, identity: IdentityView, lastMethod = false): Confirmation {
  const i = accountSecurityStringsFor(view).identities;
  const name = providerName(view.settings, identity.provider);
  const c = i.unlinkConfirm;
  return {
    title: c.title(name),
    body: c.body(name),
    confirmLabel: c.confirmLabel,
    submit: c.submit,
    action: here(view),
    cancel: IDENTITIES_PATH,
    ...(lastMethod ? { notice: problemNotice(i.lastMethod.title, i.lastMethod.body) } : {}),
  };
}

function refused(view: PageView, error: unknown): PageReply {
  const s = accountSecurityStringsFor(view);
  return refusalOrThrow(view, error, here(view), { href: IDENTITIES_PATH, label: s.identities.title });
}

export const identitiesUnlinkPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    try {
      return confirmationPage(view, confirmation(view, await findIdentity(view)));
    } catch (error) {
      return refused(view, error);
    }
  },
  async submit(submission) {
    try {
      const identity = await findIdentity(submission);
      if (!confirmed(submission.form))
        return confirmationPage(submission, confirmation(submission, identity), 400, true);
      try {
        await submission.ops.unlinkIdentity(submission.signedIn!.accessToken, identity.id, submission.client);
      } catch (error) {
        if (isGatehouseError(error) && error.code === 'LAST_SIGN_IN_METHOD')
          return confirmationPage(submission, confirmation(submission, identity, true), 409);
        throw error;
      }
      return { kind: 'redirect', location: `${IDENTITIES_PATH}?done=unlinked` };
    } catch (error) {
      return refused(submission, error);
    }
  },
};
