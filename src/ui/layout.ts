/**
 * The document every page shares: language, viewport, colour schemes, the stylesheet (inline,
 * under this response's CSP nonce), the operator's theme stylesheet after it when set, the
 * script module (also under the nonce; every page works without it), a skip link, the product's
 * name or logo, the signed-in navigation, and the page. Nothing else is loaded, so nothing can
 * leak the page's URL in a Referer.
 */

import type { PageView } from '../http/route.js';
import { impersonationBanner } from './console/impersonation-banner.js';
import { html, raw, type SafeHtml } from './html.js';
import type { PageStrings } from './locales/en.js';
import { STRUCTURE_CSS } from './structure.js';
import { brandCss, THEME_CSS } from './theme.js';

const STYLESHEET = THEME_CSS + STRUCTURE_CSS;

export interface LayoutOptions {
  /** A wide page (account, console) instead of the narrow card of a form. */
  readonly wide?: boolean;
  /** Navigation shown above the page (the account's or the console's sections). */
  readonly nav?: SafeHtml;
  /** More CSS for this page (trusted, ours: e.g. the console's charts). */
  readonly css?: string;
}

/** The parts of the document a template override places (`{{{head}}}`, `{{{header}}}`). */
export function documentHead(view: PageView, title: string, strings: PageStrings, css = ''): SafeHtml {
  const { pages, basePath } = view.settings;
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${strings.layout.documentTitle(title, pages.productName)}</title>
<style nonce="${view.nonce}">${raw(STYLESHEET + brandCss(pages.colors) + css)}</style>
${pages.themeCssUrl && html`<link rel="stylesheet" href="${pages.themeCssUrl}" nonce="${view.nonce}">`}
<script type="module" src="${basePath}/assets/pages.js" nonce="${view.nonce}"></script>`;
}

export function documentHeader(view: PageView, strings: PageStrings): SafeHtml {
  const { pages } = view.settings;
  const s = strings.layout;
  return html`<a class="gh-skip" href="#main">${s.skipToContent}</a>
<header class="gh-header">
${
  pages.logoUrl
    ? html`<p class="gh-product"><img class="gh-logo" src="${pages.logoUrl}" alt="${pages.productName}"></p>`
    : html`<p class="gh-product">${pages.productName}</p>`
}
${
  view.signedIn &&
  html`<form class="gh-signout" method="post" action="/sign-out">
<input type="hidden" name="csrf" value="${view.csrf}">
${consoleSignOut(view)}<span class="gh-signed-in-as">${view.signedIn.user.email ?? view.signedIn.user.username ?? ''}</span>
<button type="submit" class="gh-button-secondary">${s.signOut}</button>
</form>`
}
</header>
${impersonationBanner(view)}`;
}

export function layout(
  view: PageView,
  strings: PageStrings,
  title: string,
  content: SafeHtml,
  options: LayoutOptions = {},
): SafeHtml {
  return html`<!doctype html>
<html lang="${strings.lang}">
<head>
${documentHead(view, title, strings, options.css)}
</head>
<body>
<div class="${options.wide ? 'gh-shell gh-shell-wide' : 'gh-shell'}">
${documentHeader(view, strings)}
${options.nav}
<main id="main" class="gh-card" tabindex="-1">
${content}
</main>
</div>
</body>
</html>
`;
}

/** Signing out of the console leads back to the console's sign-in, not the app's. */
function consoleSignOut(view: PageView): SafeHtml | string {
  if (view.path !== '/console' && !view.path.startsWith('/console/')) return '';
  return html`<input type="hidden" name="returnTo" value="/sign-in?returnTo=%2Fconsole">
`;
}
