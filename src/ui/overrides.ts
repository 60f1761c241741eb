/**
 * Template overrides (`pages.templatesDir`): a file `<page>.html` there replaces that page's
 * whole document, and `layout.html` replaces the document of every page without its own —
 * `<page>` is the page's name (`sign-in`, `account-sessions`, `console-users-id`; docs/pages.md
 * lists them). A template places the parts Gatehouse renders: `{{{head}}}` (meta tags, the
 * stylesheet and script under this response's nonce), `{{{header}}}`, `{{{nav}}}` and
 * `{{{content}}}` (the page itself, forms included), and text values `{{lang}}`, `{{title}}`,
 * `{{productName}}`, `{{nonce}}`, which are HTML-escaped; any other `{{…}}` is left as it is.
 * Each file is read once per instance, on the first page that needs it (restart to pick up an
 * edit).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageView } from '../http/route.js';
import { escapeHtml, type SafeHtml } from './html.js';
import { documentHead, documentHeader, type LayoutOptions } from './layout.js';
import type { PageStrings } from './locales/en.js';

/** The templates read so far, per instance (its settings object), by file name; `undefined`: none. */
const readTemplates = new WeakMap<object, Map<string, string | undefined>>();

function template(view: PageView, dir: string, name: string): string | undefined {
  let templates = readTemplates.get(view.settings);
  if (!templates) {
    templates = new Map();
    readTemplates.set(view.settings, templates);
  }
  if (!templates.has(name)) {
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, `${name}.html`), 'utf8');
    } catch (error) {
      // No such file (or no such directory): this page keeps Gatehouse's own document. Anything
      // else (a file it may not read) is the operator's to fix, and is not remembered.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    templates.set(name, text);
  }
  return templates.get(name);
}

/** The page in the operator's template, when there is one for it (or a layout for all). */
export function overriddenPage(
  view: PageView,
  strings: PageStrings,
  title: string,
  content: SafeHtml,
  options: LayoutOptions,
): string | undefined {
  const dir = view.settings.pages.templatesDir;
  if (!dir) return undefined;
  const text = template(view, dir, view.name) ?? template(view, dir, 'layout');
  if (text === undefined) return undefined;
  const trusted: Record<string, string> = {
    head: documentHead(view, title, strings, options.css).toString(),
    header: documentHeader(view, strings).toString(),
    nav: options.nav?.toString() ?? '',
    content: content.toString(),
  };
  const plain: Record<string, string> = {
    lang: strings.lang,
    title,
    productName: view.settings.pages.productName,
    nonce: view.nonce,
  };
  return text.replace(/\{\{(\{?)\s*(\w+)\s*\}?\}\}/g, (whole, brace: string, key: string) => {
    if (brace === '{') return trusted[key] ?? whole;
    const value = plain[key];
    return value === undefined ? whole : escapeHtml(value);
  });
}
