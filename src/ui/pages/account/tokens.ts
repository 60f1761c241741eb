/**
 * `/account/tokens`: the user's personal access tokens (never a secret: name, scopes, dates) with
 * a way to revoke each (`/account/tokens/:id`), and the form to create one — a name, scopes
 * (Gatehouse's own, the user's permissions at the session's app, the admin scopes for an operator
 * at the console, and any other the app defines, typed) and an optional last day. Creating
 * answers the POST itself (200) with the whole token, once: it is in no URL and no later page.
 */
import { SCOPE } from '../../../core/apps.js';
import { isGatehouseError } from '../../../core/errors.js';
import { ADMIN_READ_SCOPE, ADMIN_WRITE_SCOPE, CONSOLE_APP_ID } from '../../../core/operators.js';
import type { PageRead, PageReply, PageRoute, PageView } from '../../../http/route.js';
import type { CreatedPat } from '../../../services/pats/create-pat.js';
import type { PatView } from '../../../services/pats/pat-view.js';
import { accountPage, dateTime, problemNotice, statusNotice } from '../../account/account-page.js';
import { accountInput } from '../../account/fields.js';
import { refusalOrThrow } from '../../account-security/refusals.js';
import { copyable } from '../../account-security/secrets.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html } from '../../html.js';
import {
  type AccountSecurityStrings,
  accountSecurityStringsFor,
} from '../../locales/account-security/index.js';
import { stringsFor } from '../../view.js';

export const TOKENS_PATH = '/account/tokens';
const PATH = TOKENS_PATH;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface Offered {
  readonly scope: string;
  readonly label: string;
}

/** What the create form holds: what was typed and chosen, shown again with the errors. */
interface Draft {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly other: string;
  readonly expires: string;
}

const EMPTY: Draft = { name: '', scopes: [], other: '', expires: '' };

function ownScopes(t: AccountSecurityStrings['tokens']): Offered[] {
  return [
    { scope: 'profile:read', label: t.scopeNames.profileRead },
    { scope: 'profile:write', label: t.scopeNames.profileWrite },
  ];
}

/** The scopes offered as checkboxes for this user and session. */
async function offeredScopes(view: PageRead): Promise<Offered[]> {
  const t = accountSecurityStringsFor(view).tokens;
  const { user, session } = view.signedIn!;
  const permissions = await view.ops.permissionsOf(user.id, session.appId);
  const offered = ownScopes(t);
  if (session.appId === CONSOLE_APP_ID) {
    if (permissions.length > 0) {
      offered.push(
        { scope: ADMIN_READ_SCOPE, label: t.scopeNames.adminRead },
        { scope: ADMIN_WRITE_SCOPE, label: t.scopeNames.adminWrite },
      );
    }
    return offered;
  }
  for (const permission of permissions) {
    if (SCOPE.test(permission) && !offered.some((o) => o.scope === permission))
      offered.push({ scope: permission, label: permission });
  }
  return offered;
}

function tokenTable(view: PageView, tokens: readonly PatView[]) {
  const s = accountSecurityStringsFor(view);
  const t = s.tokens;
  if (tokens.length === 0) return html`<p>${t.none}</p>`;
  return html`<div class="gh-table-wrap">
<table>
<caption class="gh-visually-hidden">${t.caption}</caption>
<thead><tr><th scope="col">${t.name}</th><th scope="col">${t.scopes}</th><th scope="col">${t.created}</th><th scope="col">${t.expires}</th><th scope="col">${t.lastUsed}</th><th scope="col">${s.common.actions}</th></tr></thead>
<tbody>
${tokens.map(
  (pat) => html`<tr>
<th scope="row">${pat.name}</th>
<td>${pat.scopes.map((scope, i) => html`${i > 0 ? ' ' : ''}<code>${scope}</code>`)}</td>
<td>${dateTime(view, pat.createdAt)}</td>
<td>${pat.expiresAt ? dateTime(view, pat.expiresAt) : t.noExpiry}</td>
<td>${pat.lastUsedAt ? dateTime(view, pat.lastUsedAt) : s.common.never}</td>
<td><a href="${PATH}/${encodeURIComponent(pat.id)}" aria-label="${t.revokeNamed(pat.name)}">${t.revoke}</a></td>
</tr>`,
)}
</tbody>
</table>
</div>`;
}

async function render(
  view: PageRead,
  status: number,
  draft: Draft = EMPTY,
  errors: readonly FieldError[] = [],
  notice?: string,
): Promise<PageReply> {
  const [tokens, offered] = await Promise.all([
    view.ops.listPats(view.signedIn!.accessToken),
    offeredScopes(view),
  ]);
  const t = accountSecurityStringsFor(view).tokens;
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const scopesError = errorOf('token-scope-0');
  const maxDays = view.settings.pats.maxLifetimeDays;
  const done = view.query.get('done') === 'revoked' && status === 200 ? t.revoked : undefined;
  return accountPage(
    view,
    status,
    t.title,
    html`<h1>${t.title}</h1>
${errorSummary(stringsFor(view).form.errorSummaryTitle, errors)}
${notice && problemNotice(notice)}
${statusNotice(done)}
<p>${t.intro}</p>
${tokenTable(view, tokens)}
<section class="gh-section" aria-labelledby="create-heading">
<h2 id="create-heading">${t.createHeading}</h2>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${accountInput({
  id: 'token-name',
  name: 'name',
  type: 'text',
  label: t.nameLabel,
  hint: t.nameHint,
  error: errorOf('token-name'),
  value: draft.name,
  autocomplete: 'off',
  maxLength: 100,
})}
<fieldset aria-describedby="token-scopes-hint${scopesError ? ' token-scopes-error' : ''}">
<legend>${t.scopesLegend}</legend>
<span class="gh-hint" id="token-scopes-hint">${t.scopesHint}</span>
${scopesError && html`<span class="gh-field-error" id="token-scopes-error">${scopesError}</span>`}
${offered.map(
  (o, i) => html`<div class="gh-field gh-check">
<input id="token-scope-${i}" name="scope" type="checkbox" value="${o.scope}"${draft.scopes.includes(o.scope) ? html` checked` : ''}>
<label for="token-scope-${i}">${o.label}${o.label !== o.scope ? html` <code>${o.scope}</code>` : ''}</label>
</div>`,
)}
${accountInput({
  id: 'token-other-scopes',
  name: 'otherScopes',
  type: 'text',
  label: t.otherScopesLabel,
  hint: t.otherScopesHint,
  error: errorOf('token-other-scopes'),
  value: draft.other,
  autocomplete: 'off',
  optional: true,
  maxLength: 2000,
})}
</fieldset>
${accountInput({
  id: 'token-expires',
  name: 'expires',
  type: 'date',
  label: t.expiresLabel,
  hint: maxDays === null ? t.expiresHint : t.expiresHintLimited(maxDays),
  error: errorOf('token-expires'),
  value: draft.expires,
  autocomplete: 'off',
  optional: true,
})}
<button type="submit">${t.submit}</button>
</form>
</section>`,
  );
}

function createdPage(view: PageView, created: CreatedPat): PageReply {
  const t = accountSecurityStringsFor(view).tokens;
  return accountPage(
    view,
    200,
    t.createdTitle,
    html`<h1>${t.createdTitle}</h1>
<div class="gh-notice gh-notice-success" role="status"><p><strong>${created.pat.name}</strong>: ${created.pat.scopes.join(' ')}</p></div>
<p><strong>${t.createdIntro}</strong></p>
<p class="gh-hint">${t.tokenLabel}</p>
${copyable('new-token', html`${created.token}`, t.tokenCopy)}
<p class="gh-section"><a href="${PATH}">${t.back}</a></p>`,
  );
}

/** The end of the chosen day (UTC) in epoch ms; null when left empty, undefined when not a date. */
function lastDay(value: string): number | null | undefined {
  if (value === '') return null;
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = Date.UTC(y, mo - 1, d);
  const check = new Date(start);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return start + DAY_MS;
}

/** The form's problems from the operation's refusal, by field. */
function refusalErrors(
  view: PageView,
  issues: ReadonlyArray<{ path: string; message: string }>,
): FieldError[] {
  const t = accountSecurityStringsFor(view).tokens;
  const maxDays = view.settings.pats.maxLifetimeDays;
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message });
  };
  for (const issue of issues) {
    if (issue.path === 'name') add('token-name', t.nameInvalid);
    else if (issue.path.startsWith('scopes')) add('token-scope-0', t.scopesInvalid);
    else if (issue.path === 'expiresAt')
      add(
        'token-expires',
        maxDays !== null && issue.message.startsWith('must be at most')
          ? t.expiresTooFar(maxDays)
          : t.expiresInvalid,
      );
  }
  return errors;
}

export const tokensPage: PageRoute = {
  path: PATH,
  access: 'user',
  show: (view) => render(view, 200),
  async submit(submission) {
    const t = accountSecurityStringsFor(submission).tokens;
    const form = submission.form;
    const draft: Draft = {
      name: form.get('name') ?? '',
      scopes: form.getAll('scope'),
      other: form.get('otherScopes') ?? '',
      expires: (form.get('expires') ?? '').trim(),
    };
    const scopes = [...new Set([...draft.scopes, ...draft.other.split(/[\s,]+/).filter(Boolean)])];
    const expiresAt = lastDay(draft.expires);
    const errors: FieldError[] = [];
    if (draft.name.trim() === '') errors.push({ field: 'token-name', message: t.nameInvalid });
    if (scopes.length === 0) errors.push({ field: 'token-scope-0', message: t.scopesMissing });
    if (expiresAt === undefined) errors.push({ field: 'token-expires', message: t.expiresInvalid });
    if (errors.length > 0) return render(submission, 400, draft, errors);
    try {
      const created = await submission.ops.createPat(
        submission.signedIn!.accessToken,
        { name: draft.name, scopes, ...(expiresAt === null ? {} : { expiresAt }) },
        submission.client,
      );
      return createdPage(submission, created);
    } catch (error) {
      if (isGatehouseError(error)) {
        switch (error.code) {
          case 'VALIDATION_ERROR': {
            const found = refusalErrors(submission, error.details.issues ?? []);
            return render(
              submission,
              400,
              draft,
              found.length > 0 ? found : [{ field: 'token-name', message: t.nameInvalid }],
            );
          }
          case 'TOKEN_LIMIT_REACHED':
            return render(submission, 409, draft, [], t.limitReached);
          case 'INSUFFICIENT_PERMISSION':
            return render(submission, 403, draft, [{ field: 'token-scope-0', message: t.adminNotAllowed }]);
          case 'MFA_REQUIRED':
            return render(submission, 403, draft, [{ field: 'token-scope-0', message: t.adminNeedsMfa }]);
        }
      }
      return refusalOrThrow(submission, error, PATH, { href: PATH, label: t.title });
    }
  },
};
