/**
 * Renders a mail's subject, text and HTML parts. The shipped layout is built from the locale's
 * strings; a host app can replace any template by putting files with the same names in its own
 * directory: `<name>.subject.txt`, `<name>.txt`, `<name>.html`. Placeholders: `{{link}}`,
 * `{{email}}`, `{{appName}}` — HTML-escaped in the HTML part.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, type TemplateName } from './locales/en.js';

export interface MailVariables {
  readonly link: string;
  readonly email: string;
  readonly appName: string;
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
  return template.replace(/\{\{?\s*(link|email|appName)\s*\}?\}/g, (_, key: keyof MailVariables) =>
    encode(vars[key]),
  );
}

export function renderMail(name: TemplateName, vars: MailVariables, templatesDir?: string): RenderedMail {
  const strings = en[name];
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
    `${strings.heading}\n\n${fill(strings.body, vars, plain)}\n\n${strings.action}: ${vars.link}\n\n${strings.footer}\n`;
  const html =
    fill(override(`${name}.html`) ?? '', vars, escapeHtml) ||
    `<!doctype html><html><body style="font-family:sans-serif">` +
      `<h1>${escapeHtml(strings.heading)}</h1>` +
      `<p>${escapeHtml(fill(strings.body, vars, plain))}</p>` +
      `<p><a href="${escapeHtml(vars.link)}">${escapeHtml(strings.action)}</a></p>` +
      `<p style="color:#666">${escapeHtml(strings.footer)}</p></body></html>`;
  return { subject, text, html };
}
