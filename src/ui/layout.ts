/**
 * The document every page shares: language, viewport, colour schemes, the stylesheet (inline,
 * under this response's CSP nonce — no other resource is loaded, so nothing can leak the page's
 * URL in a Referer), the product name and one card holding the page.
 */
import type { PageView } from '../http/route.js';
import { html, raw, type SafeHtml } from './html.js';
import type { PageStrings } from './locales/en.js';
import { STRUCTURE_CSS } from './structure.js';
import { THEME_CSS } from './theme.js';

const STYLESHEET = raw(THEME_CSS + STRUCTURE_CSS);

export function layout(view: PageView, strings: PageStrings, title: string, content: SafeHtml): SafeHtml {
  const product = view.settings.pages.productName;
  return html`<!doctype html>
<html lang="${strings.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${strings.layout.documentTitle(title, product)}</title>
<style nonce="${view.nonce}">${STYLESHEET}</style>
</head>
<body>
<div class="gh-shell">
<p class="gh-product">${product}</p>
<main class="gh-card">
${content}
</main>
</div>
</body>
</html>
`;
}
