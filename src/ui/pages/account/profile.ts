/**
 * `/account`: the signed-in user's profile — name, display name, picture, contact phone, date of
 * birth, postal address and language — through the same operation as `PATCH /auth/me`. Every
 * field is sent; an emptied field is cleared. A refused field comes back next to its input with
 * what was typed; saving answers 303 to `?result=saved`. The language chosen applies from the
 * next page on (this page's and the mails').
 */

import type { ProfilePatch } from '../../../core/entities.js';
import { LOCALES } from '../../../core/locale.js';
import type { PageReply, PageRoute, PageView } from '../../../http/route.js';
import { accountPage, statusNotice } from '../../account/account-page.js';
import { accountInput, type SelectOption, selectField } from '../../account/fields.js';
import { hasCode } from '../../account/refusals.js';
import { csrfField, errorSummary } from '../../forms.js';
import { html } from '../../html.js';
import { type AccountStrings, accountStringsFor } from '../../locales/account/index.js';
import { stringsFor } from '../../view.js';

const PATH = '/account';

/** The form's fields, as typed (strings; empty for nothing). */
interface ProfileValues {
  readonly name: string;
  readonly displayName: string;
  readonly imageUrl: string;
  readonly phone: string;
  readonly dateOfBirth: string;
  readonly locale: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
}

const ADDRESS_PARTS = ['street', 'postalCode', 'city', 'state', 'country'] as const;
type Field = keyof ProfileValues;
const FIELDS: readonly Field[] = [
  'name',
  'displayName',
  'imageUrl',
  'phone',
  'dateOfBirth',
  'locale',
  ...ADDRESS_PARTS,
];

/** The input's id for a field: `profile-name`, `profile-postalCode`. */
const idOf = (field: Field) => `profile-${field}`;

function valuesOf(view: PageView): ProfileValues {
  const me = view.signedIn!.user;
  return {
    name: me.name ?? '',
    displayName: me.displayName ?? '',
    imageUrl: me.imageUrl ?? '',
    phone: me.phone ?? '',
    dateOfBirth: me.dateOfBirth ?? '',
    locale: me.locale ?? '',
    street: me.address?.street ?? '',
    postalCode: me.address?.postalCode ?? '',
    city: me.address?.city ?? '',
    state: me.address?.state ?? '',
    country: me.address?.country ?? '',
  };
}

function valuesFrom(form: URLSearchParams): ProfileValues {
  const read = (field: Field) => (form.get(field) ?? '').trim();
  return Object.fromEntries(FIELDS.map((f) => [f, read(f)])) as unknown as ProfileValues;
}

/** The patch for `PATCH /auth/me`: every field, an empty one cleared. */
function patchOf(values: ProfileValues): ProfilePatch {
  const orNull = (text: string) => (text === '' ? null : text);
  const address = ADDRESS_PARTS.every((part) => values[part] === '')
    ? null
    : Object.fromEntries(ADDRESS_PARTS.map((part) => [part, orNull(values[part])]));
  return {
    name: orNull(values.name),
    displayName: orNull(values.displayName),
    imageUrl: orNull(values.imageUrl),
    phone: orNull(values.phone),
    dateOfBirth: orNull(values.dateOfBirth),
    locale: orNull(values.locale),
    address: address as ProfilePatch['address'],
  };
}

/** The field a refusal's issue path names (`address.city` → city), if it is one of ours. */
function fieldOf(path: string): Field | undefined {
  const last = path.startsWith('address.') ? path.slice('address.'.length) : path;
  return (FIELDS as readonly string[]).includes(last) ? (last as Field) : undefined;
}

function messageFor(s: AccountStrings['profile'], field: Field): string {
  return (ADDRESS_PARTS as readonly string[]).includes(field)
    ? s.invalid.address
    : s.invalid[field as Exclude<Field, (typeof ADDRESS_PARTS)[number]>];
}

/** The languages to choose from: automatic, ours (each in its own language), and one the profile already has. */
function languageOptions(view: PageView, current: string): SelectOption[] {
  const s = accountStringsFor(view).profile;
  const own = (tag: string) => new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  const options: SelectOption[] = [
    { value: '', label: s.localeAutomatic },
    ...LOCALES.map((tag) => ({ value: tag, label: own(tag), lang: tag })),
  ];
  if (current !== '' && !options.some((o) => o.value === current)) {
    let label = current;
    try {
      label = new Intl.DisplayNames([view.locale], { type: 'language' }).of(current) ?? current;
    } catch {
      // A tag Intl cannot name is shown as it is.
    }
    options.push({ value: current, label });
  }
  return options;
}

function form(
  view: PageView,
  status: number,
  values: ProfileValues,
  errors: Partial<Record<Field, string>> = {},
): PageReply {
  const strings = stringsFor(view);
  const s = accountStringsFor(view).profile;
  const me = view.signedIn!.user;
  const who = me.email ?? me.username ?? '';
  const text = (
    field: Field,
    label: string,
    autocomplete: string,
    options: { hint?: string; type?: 'text' | 'url' | 'tel' | 'date'; maxLength?: number } = {},
  ) =>
    accountInput({
      id: idOf(field),
      name: field,
      type: options.type ?? 'text',
      label,
      autocomplete,
      hint: options.hint,
      error: errors[field],
      value: values[field],
      optional: true,
      maxLength: options.maxLength,
    });
  const summary = FIELDS.flatMap((field) =>
    errors[field] ? [{ field: idOf(field), message: errors[field]! }] : [],
  );
  return accountPage(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
${errorSummary(strings.form.errorSummaryTitle, summary)}
${view.query.get('result') === 'saved' && summary.length === 0 ? statusNotice(s.saved) : ''}
<p>${s.signedInAs(who)} <a href="/account/email">${s.changeEmail}</a></p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${text('name', s.nameLabel, 'name', { maxLength: 200 })}
${text('displayName', s.displayNameLabel, 'nickname', { hint: s.displayNameHint, maxLength: 200 })}
${selectField({
  id: idOf('locale'),
  name: 'locale',
  label: s.localeLabel,
  hint: s.localeHint,
  error: errors.locale,
  options: languageOptions(view, values.locale),
  selected: values.locale,
})}
${text('imageUrl', s.imageUrlLabel, 'photo', { type: 'url', hint: s.imageUrlHint, maxLength: 2048 })}
${text('phone', s.phoneLabel, 'tel', { type: 'tel', hint: s.phoneHint, maxLength: 16 })}
${text('dateOfBirth', s.dateOfBirthLabel, 'bday', { type: 'date', hint: s.dateOfBirthHint })}
<fieldset>
<legend>${s.addressLegend}</legend>
${text('street', s.streetLabel, 'street-address', { maxLength: 256 })}
${text('postalCode', s.postalCodeLabel, 'postal-code', { maxLength: 32 })}
${text('city', s.cityLabel, 'address-level2', { maxLength: 256 })}
${text('state', s.stateLabel, 'address-level1', { maxLength: 256 })}
${text('country', s.countryLabel, 'country-name', { maxLength: 256 })}
</fieldset>
<button type="submit">${s.submit}</button>
</form>`,
  );
}

export const accountProfilePage: PageRoute = {
  path: PATH,
  access: 'user',
  show(view) {
    return form(view, 200, valuesOf(view));
  },
  async submit(submission) {
    const values = valuesFrom(submission.form);
    try {
      await submission.ops.updateProfile(
        submission.signedIn!.accessToken,
        patchOf(values),
        submission.client,
      );
    } catch (error) {
      if (!hasCode(error, 'VALIDATION_ERROR')) throw error;
      const s = accountStringsFor(submission).profile;
      const issues = error.details.issues ?? [];
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of issues) {
        const field = fieldOf(issue.path);
        if (field) errors[field] ??= messageFor(s, field);
      }
      // A refusal naming no field of ours (it cannot happen from this form) still shows somewhere.
      if (Object.keys(errors).length === 0) errors.name = s.invalid.name;
      return form(submission, 400, values, errors);
    }
    return { kind: 'redirect', location: `${PATH}?result=saved` };
  },
};
