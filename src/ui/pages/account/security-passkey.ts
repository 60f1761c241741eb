/**
 * `/account/security/passkeys/:id`: one passkey — rename it (a label: no recent sign-in needed)
 * or remove it (recent sign-in needed) after ticking the confirmation. Another user's passkey and
 * an unknown id are the same 404.
 */
import { GatehouseError, isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageView } from '../../../http/route.js';
import { MAX_PASSKEY_NAME } from '../../../services/passkeys/passkey-name.js';
import type { PasskeyView } from '../../../services/passkeys/passkey-view.js';
import { accountPage, dateTime } from '../../account/account-page.js';
import { accountInput, confirmCheckbox } from '../../account/fields.js';
import { confirmed } from '../../account-security/confirm.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { accountSecurityStringsFor } from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';
import { securityDone } from './security.js';

const PATH = '/account/security/passkeys/:id';

interface Problems {
  readonly name?: string;
  readonly nameError?: string;
  readonly confirmError?: string;
}

function here(view: PageView): string {
  return `/account/security/passkeys/${encodeURIComponent(view.params.id ?? '')}`;
}

/** The passkey the path names, among the user's own; `NOT_FOUND` otherwise. */
async function findPasskey(view: Pick<PageRead, 'ops' | 'signedIn' | 'params'>): Promise<PasskeyView> {
  const passkeys = await view.ops.listPasskeys(view.signedIn!.accessToken);
  const found = passkeys.find((p) => p.id === view.params.id);
  if (!found) throw new GatehouseError('NOT_FOUND', 'No such passkey');
  return found;
}

function render(view: PageView, status: number, passkey: PasskeyView, problems: Problems = {}): PageReply {
  const s = accountSecurityStringsFor(view);
  const p = s.passkeys;
  const action = here(view);
  const errors = [
    ...(problems.nameError ? [{ field: 'passkey-rename', message: problems.nameError }] : []),
    ...(problems.confirmError ? [{ field: 'passkey-remove-confirm', message: problems.confirmError }] : []),
  ];
  const title = p.manageTitle(passkey.name);
  return accountPage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, errors)}
<p>${p.details(dateTime(view, passkey.createdAt), passkey.lastUsedAt ? dateTime(view, passkey.lastUsedAt) : s.common.never)}</p>
<section class="gh-section" aria-labelledby="rename-heading">
<h2 id="rename-heading">${p.renameHeading}</h2>
<form method="post" action="${action}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="rename">
${accountInput({
  id: 'passkey-rename',
  name: 'name',
  type: 'text',
  label: p.renameLabel,
  error: problems.nameError,
  value: problems.name ?? passkey.name,
  autocomplete: 'off',
  maxLength: MAX_PASSKEY_NAME,
})}
<button type="submit">${p.renameSubmit}</button>
</form>
</section>
<section class="gh-section" aria-labelledby="remove-heading">
<h2 id="remove-heading">${p.removeHeading}</h2>
<p>${p.remove.body}</p>
<form method="post" action="${action}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="remove">
${confirmCheckbox({ id: 'passkey-remove-confirm', name: 'confirm', label: p.remove.confirmLabel, error: problems.confirmError })}
<button type="submit" class="gh-button-danger">${p.remove.submit}</button>
</form>
</section>
<p class="gh-section"><a href="/account/security">${s.common.backToSecurity}</a></p>`,
  );
}

export const securityPasskeyPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    try {
      return render(view, 200, await findPasskey(view));
    } catch (error) {
      return refusalOrThrow(view, error, here(view));
    }
  },
  async submit(submission) {
    const s = accountSecurityStringsFor(submission);
    const token = submission.signedIn!.accessToken;
    const id = submission.params.id ?? '';
    try {
      if (submission.form.get('action') === 'rename') {
        const name = submission.form.get('name') ?? '';
        try {
          await submission.ops.renamePasskey(token, id, name);
        } catch (error) {
          if (isGatehouseError(error) && error.code === 'VALIDATION_ERROR') {
            const passkey = await findPasskey(submission);
            return render(submission, 400, passkey, {
              name,
              nameError: s.passkeys.nameInvalid(MAX_PASSKEY_NAME),
            });
          }
          throw error;
        }
        return { kind: 'redirect', location: securityDone('passkey-renamed') };
      }
      if (!confirmed(submission.form)) {
        return render(submission, 400, await findPasskey(submission), {
          confirmError: s.common.confirmMissing,
        });
      }
      await submission.ops.deletePasskey(token, id, submission.client);
      return { kind: 'redirect', location: securityDone('passkey-removed') };
    } catch (error) {
      return refusalOrThrow(submission, error, here(submission));
    }
  },
};
