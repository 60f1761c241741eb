/**
 * Renders a mail's subject, text and HTML parts. The shipped layout is built from the locale's
 * strings; a host app can replace any template by putting files with the same names in its own
 * directory: `<name>.subject.txt`, `<name>.txt`, `<name>.html`. Placeholders: `{{link}}`,
 * `{{email}}`, `{{appName}}` and each mail's own (e.g. `{{newEmail}}`) — HTML-escaped in the
 * HTML part. An unknown placeholder is left as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, type TemplateName } from './locales/en.js';

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

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function fill(template: string, vars: MailVariables, encode: (v: string) => string): string {
  return template.replace(/\{\{?\s*([A-Za-z]+)\s*\}?\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined ? whole : encode(value);
  });
}

export function renderMail(name: TemplateName, vars: MailVariables, templatesDir?: string): RenderedMail {
  const strings: { subject: string; heading: string; body: string; action?: string; footer: string } =
    en[name];
  const link = vars.link;
  const plain = (v: string) => v;
  const override = (file: string) => {
    const path = templatesDir ? join(templatesDir, file) : undefined;
    return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const subject = fill(override(`${name}.subject.txt`) ?? strings.subject, vars, plain)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const text =
    fill(override(`${name}.txt`) ?? '', vars, plain) ||
    `${fill(strings.heading, vars, plain)}\n\n${fill(strings.body, vars, plain)}\n\n` +
      (strings.action && link ? `${strings.action}: ${link}\n\n` : '') +
      `${fill(strings.footer, vars, plain)}\n`;
  const html =
    fill(override(`${name}.html`) ?? '', vars, escapeHtml) ||
    `<!doctype html><html><body style="font-family:sans-serif">` +
      `<h1>${escapeHtml(fill(strings.heading, vars, plain))}</h1>` +
      `<p>${escapeHtml(fill(strings.body, vars, plain))}</p>` +
      (strings.action && link
        ? `<p><a href="${escapeHtml(link)}">${escapeHtml(strings.action)}</a></p>`
        : '') +
      `<p style="color:#666">${escapeHtml(fill(strings.footer, vars, plain))}</p></body></html>`;
  return { subject, text, html };
}
