/**
 * Renders a mail's subject, text and HTML parts in one language. The shipped layout is built
 * from the locale's strings; a host app can replace any template by putting files with the same
 * names in its own directory: `<name>.subject.txt`, `<name>.txt`, `<name>.html`, or the same
 * under `<locale>/` for one language only (looked up first). Placeholders: `{{link}}`,
 * `{{email}}`, `{{appName}}` and each mail's own (e.g. `{{newEmail}}`) — HTML-escaped in the
 * HTML part. An unknown placeholder is left as written.
 *
 * @example
 * renderMail('verify-email', { email, appName, link }, templatesDir, 'de');
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LOCALE, type Locale, supportedLocale } from '../core/locale.js';
import { de, dePhrases } from './locales/de.js';
import { en, enPhrases, type MailPhrases, type MailTexts, type TemplateName } from './locales/en.js';

export interface MailVariables {
  readonly email: string;
  readonly appName: string;
  /** The action link, when the mail has one. */
  readonly link?: string;
  readonly [name: string]: string | undefined;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const LOCALE_STRINGS: Readonly<Record<Locale, { texts: MailTexts; phrases: MailPhrases }>> = {
  en: { texts: en, phrases: enPhrases },
  de: { texts: de, phrases: dePhrases },
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const plain = (v: string) => v;

function fill(template: string, vars: MailVariables, encode: (v: string) => string): string {
  return template.replace(/\{\{?\s*([A-Za-z]+)\s*\}?\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined ? whole : encode(value);
  });
}

/** The variables with each phrase key (`factor: 'totp'`) replaced by the locale's words. */
function withPhrases(vars: MailVariables, phrases: MailPhrases): MailVariables {
  const resolved: Record<string, string | undefined> = { ...vars };
  for (const [name, table] of Object.entries(phrases) as Array<[string, Record<string, string>]>) {
    const key = vars[name];
    // Own keys only: a value such as `constructor` is not a phrase.
    if (key !== undefined && Object.hasOwn(table, key)) resolved[name] = fill(table[key]!, vars, plain);
  }
  return resolved as MailVariables;
}

/**
 * The mail `name` in `locale` (English by default; a tag such as `de-AT` counts as `de`, an
 * unsupported one as English). Each override file is looked up on its own:
 * `<templatesDir>/<locale>/<file>`, then `<templatesDir>/<file>`, then the shipped strings.
 */
export function renderMail(
  name: TemplateName,
  vars: MailVariables,
  templatesDir?: string,
  locale: Locale = DEFAULT_LOCALE,
): RenderedMail {
  const lang = supportedLocale(locale) ?? DEFAULT_LOCALE;
  const { texts, phrases } = LOCALE_STRINGS[lang];
  const strings: { subject: string; heading: string; body: string; action?: string; footer: string } =
    texts[name];
  const values = withPhrases(vars, phrases);
  const link = values.link;
  const override = (file: string) => {
    if (!templatesDir) return undefined;
    for (const path of [join(templatesDir, lang, file), join(templatesDir, file)]) {
      if (existsSync(path)) return readFileSync(path, 'utf8');
    }
    return undefined;
  };
  const subject = fill(override(`${name}.subject.txt`) ?? strings.subject, values, plain)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const action = strings.action === undefined ? undefined : fill(strings.action, values, plain);
  const text =
    fill(override(`${name}.txt`) ?? '', values, plain) ||
    `${fill(strings.heading, values, plain)}\n\n${fill(strings.body, values, plain)}\n\n` +
      (action && link ? `${action}: ${link}\n\n` : '') +
      `${fill(strings.footer, values, plain)}\n`;
  const html =
    fill(override(`${name}.html`) ?? '', values, escapeHtml) ||
    `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif">` +
      `<h1>${escapeHtml(fill(strings.heading, values, plain))}</h1>` +
      `<p>${escapeHtml(fill(strings.body, values, plain))}</p>` +
      (action && link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>` : '') +
      `<p style="color:#666">${escapeHtml(fill(strings.footer, values, plain))}</p></body></html>`;
  return { subject, text, html };
}
