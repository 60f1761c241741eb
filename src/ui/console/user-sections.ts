/**
 * The user page's sections about the account itself: the profile's facts, the status and what
 * can change it (suspend, reactivate, revoke, delete, restore, purge), the profile and address
 * forms, the mailed links, second factors and linked identities. Each action appears only when
 * the operator's permissions allow it and the user's status gives it a meaning.
 */
import type { PageView } from '../../http/route.js';
import type { UserDetail } from '../../services/admin/user-detail.js';
import { csrfField, type FieldError } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users/index.js';
import { actionButton } from './action-button.js';
import { dateTime } from './console-page.js';
import { checkboxField, textField } from './fields.js';
import { allows } from './permissions.js';
import { ACTION_FIELDS, USER_ACTIONS, type UserAction } from './user-actions.js';
import { statusBadge, userPath, yesNo } from './user-facts.js';

/** What a form sent back with errors shows again. */
export interface FormState {
  readonly errors: readonly FieldError[];
  readonly values: Readonly<Record<string, string>>;
}

export const may = (view: PageView, action: UserAction) => allows(view.operator, USER_ACTIONS[action].need);

const errorOf = (state: FormState | undefined, field: string) =>
  state?.errors.find((e) => e.field === field)?.message;

/** A section with its heading (`id` names it for the landmark). */
export function section(id: string, heading: string, body: SafeHtml): SafeHtml {
  return html`<section class="gh-section" aria-labelledby="${id}">
<h2 id="${id}">${heading}</h2>
${body}
</section>`;
}

export function profileSection(view: PageView, detail: UserDetail): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const d = s.detail.profile;
  const { user, password } = detail;
  const none = s.common.none;
  return section(
    'profile',
    d.heading,
    html`<dl class="gh-facts">
<dt>${d.id}</dt><dd><code>${user.id}</code></dd>
<dt>${d.email}</dt><dd>${user.email ?? none}</dd>
<dt>${d.username}</dt><dd>${user.username ?? none}</dd>
<dt>${d.name}</dt><dd>${user.name ?? none}</dd>
<dt>${d.displayName}</dt><dd>${user.displayName ?? none}</dd>
<dt>${d.status}</dt><dd>${statusBadge(view, user.status)}</dd>
<dt>${d.verified}</dt><dd>${user.email === null ? none : yesNo(view, user.emailVerified)}</dd>
<dt>${d.password}</dt><dd>${password.set && password.setAt ? d.passwordSince(dateTime(view, password.setAt)) : d.noPassword}</dd>
<dt>${d.created}</dt><dd>${dateTime(view, user.createdAt)}</dd>
<dt>${d.updated}</dt><dd>${dateTime(view, user.updatedAt)}</dd>
${user.deletedAt && html`<dt>${d.deleted}</dt><dd>${dateTime(view, user.deletedAt)}</dd>`}
${user.restorableUntil && html`<dt>${d.restorableUntil}</dt><dd>${dateTime(view, user.restorableUntil)}</dd>`}
</dl>`,
  );
}

/** The status changes that mean something for a user with this status. */
const STATUS_ACTIONS = {
  active: ['suspend', 'revoke', 'delete'],
  suspended: ['reactivate', 'revoke', 'delete'],
  revoked: ['delete'],
  deleted: ['restore', 'purge'],
} as const satisfies Record<UserDetail['user']['status'], readonly UserAction[]>;

export function statusSection(view: PageView, detail: UserDetail): SafeHtml {
  const s = consoleUsersStringsFor(view).detail.status;
  const actions = STATUS_ACTIONS[detail.user.status].filter((action) => may(view, action));
  if (actions.length === 0) return html``;
  return section(
    'status',
    s.heading,
    html`<p>${s.intro[detail.user.status]}</p>
<div class="gh-inline-actions">
${actions.map((action) =>
  actionButton(view, detail.user.id, action, s.buttons[action], {
    tone: action === 'reactivate' || action === 'restore' ? 'primary' : 'danger',
  }),
)}
</div>`,
  );
}

/** Name, display name and the verified flag; and, for an active user, the address. */
export function editSections(view: PageView, detail: UserDetail, state?: FormState): SafeHtml {
  const { user } = detail;
  if (!may(view, 'edit') || user.status === 'deleted' || user.status === 'revoked') return html``;
  const s = consoleUsersStringsFor(view).detail;
  const value = (name: string, current: string | null) => state?.values[name] ?? current ?? '';
  const post = (
    action: UserAction,
    fields: SafeHtml,
    submit: string,
  ) => html`<form method="post" action="${userPath(user.id)}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="${action}">
${fields}
<button type="submit">${submit}</button>
</form>`;
  const editForm = post(
    'edit',
    html`${textField({ id: ACTION_FIELDS.name, name: 'name', type: 'text', label: s.edit.nameLabel, autocomplete: 'off', value: value('name', user.name), optional: true, maxLength: 1000, error: errorOf(state, ACTION_FIELDS.name) })}
${textField({ id: ACTION_FIELDS.displayName, name: 'displayName', type: 'text', label: s.edit.displayNameLabel, autocomplete: 'off', value: value('displayName', user.displayName), optional: true, maxLength: 1000, error: errorOf(state, ACTION_FIELDS.displayName) })}
${user.email !== null && checkboxField({ id: 'edit-verified', name: 'emailVerified', label: s.edit.verifiedLabel, hint: s.edit.verifiedHint, checked: user.emailVerified })}`,
    s.edit.submit,
  );
  const emailForm =
    user.status === 'active'
      ? section(
          'address',
          s.email.heading,
          html`<p>${s.email.intro}</p>
${post(
  'set-email',
  html`${textField({ id: ACTION_FIELDS.email, name: 'email', type: 'email', label: s.email.label, autocomplete: 'off', value: state?.values.email ?? '', maxLength: 320, error: errorOf(state, ACTION_FIELDS.email) })}
${checkboxField({ id: 'reverify', name: 'reverify', label: s.email.reverifyLabel, hint: s.email.reverifyHint, checked: state?.values.reverify === 'true' })}`,
  s.email.submit,
)}`,
        )
      : html``;
  return html`${section('edit', s.edit.heading, editForm)}
${emailForm}`;
}

/** Verification and password-reset links, for an active user with an address. */
export function linksSection(view: PageView, detail: UserDetail): SafeHtml {
  const { user } = detail;
  if (user.status !== 'active' || user.email === null) return html``;
  const s = consoleUsersStringsFor(view).detail.links;
  const verify = !user.emailVerified && may(view, 'send-verification');
  const reset = may(view, 'send-password-reset');
  if (!verify && !reset) return html``;
  return section(
    'links',
    s.heading,
    html`<p>${s.intro(user.email)}</p>
<div class="gh-inline-actions">
${verify && actionButton(view, user.id, 'send-verification', s.sendVerification)}
${reset && actionButton(view, user.id, 'send-password-reset', s.sendReset)}
</div>`,
  );
}

export function factorsSection(view: PageView, detail: UserDetail): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const f = s.detail.factors;
  const { totp, passkeys, phone, recoveryCodes } = detail.factors;
  const any = totp.enabled || passkeys.length > 0 || phone !== null || recoveryCodes.remaining > 0;
  return section(
    'factors',
    f.heading,
    html`<dl class="gh-facts">
<dt>${f.totp}</dt><dd>${totp.enabled && totp.activatedAt ? f.onSince(dateTime(view, totp.activatedAt)) : f.off}</dd>
<dt>${f.passkeys}</dt><dd>${passkeys.length === 0 ? f.off : html`<ul>${passkeys.map((p) => html`<li>${f.passkey(p.name, dateTime(view, p.createdAt))}</li>`)}</ul>`}</dd>
<dt>${f.phone}</dt><dd>${phone ? phone.phone : f.off}</dd>
<dt>${f.recoveryCodes}</dt><dd>${recoveryCodes.remaining === 0 ? f.off : f.codesLeft(recoveryCodes.remaining)}</dd>
</dl>
${any && detail.user.status !== 'deleted' && may(view, 'reset-mfa') && html`<div class="gh-inline-actions">${actionButton(view, detail.user.id, 'reset-mfa', f.reset)}</div>`}`,
  );
}

export function identitiesSection(view: PageView, detail: UserDetail): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const i = s.detail.identities;
  if (detail.identities.length === 0) return section('identities', i.heading, html`<p>${i.none}</p>`);
  return section(
    'identities',
    i.heading,
    html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${i.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${i.heading}</caption>
<thead><tr><th scope="col">${i.provider}</th><th scope="col">${i.email}</th><th scope="col">${i.linked}</th><th scope="col">${i.lastUsed}</th></tr></thead>
<tbody>${detail.identities.map(
      (identity) => html`<tr>
<th scope="row">${identity.provider}</th>
<td>${identity.email ?? s.common.none}</td>
<td>${dateTime(view, identity.createdAt)}</td>
<td>${identity.lastUsedAt ? dateTime(view, identity.lastUsedAt) : s.common.never}</td>
</tr>`,
    )}</tbody>
</table></div>`,
  );
}
