/**
 * `/account/tokens/:id`: revoking one personal access token, after a confirmation. Another
 * user's token, an unknown id and a revoked one are the same 404.
 */
import { GatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageView } from '../../../http/route.js';
import type { PatView } from '../../../services/pats/pat-view.js';
import { type Confirmation, confirmationPage, confirmed } from '../../account-security/confirm.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { TOKENS_PATH } from './tokens.js';

const PATH = '/account/tokens/:id';

function here(view: PageView): string {
  return `${TOKENS_PATH}/${encodeURIComponent(view.params.id ?? '')}`;
}

async function findToken(view: Pick<PageRead, 'ops' | 'signedIn' | 'params'>): Promise<PatView> {
  const tokens = await view.ops.listPats(view.signedIn!.accessToken);
  const found = tokens.find((t) => t.id === view.params.id);
  if (!found) throw new GatehouseError('NOT_FOUND', 'No such token');
  return found;
}

function confirmation(view: PageView, pat: PatView): Confirmation {
  const c = accountSecurityStringsFor(view).tokens.revokeConfirm;
  return {
    title: c.title(pat.name),
    body: c.body,
    confirmLabel: c.confirmLabel,
    submit: c.submit,
    action: here(view),
    cancel: TOKENS_PATH,
  };
}

function refused(view: PageView, error: unknown): PageReply {
  const t = accountSecurityStringsFor(view).tokens;
  return refusalOrThrow(view, error, here(view), { href: TOKENS_PATH, label: t.back });
}

export const tokensRevokePage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    try {
      return confirmationPage(view, confirmation(view, await findToken(view)));
    } catch (error) {
      return refused(view, error);
    }
  },
  async submit(submission) {
    try {
      const pat = await findToken(submission);
      if (!confirmed(submission.form))
        return confirmationPage(submission, confirmation(submission, pat), 400, true);
      await submission.ops.revokePat(submission.signedIn!.accessToken, pat.id, submission.client);
      return { kind: 'redirect', location: `${TOKENS_PATH}?done=revoked` };
    } catch (error) {
      return refused(submission, error);
    }
  },
};
