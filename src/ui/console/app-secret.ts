/**
 * The page showing an app's secret, once: right after the app is made or its secret replaced,
 * as the answer to that post (never through a redirect, whose URL a browser keeps in its
 * history). The secret is in a `gh-secret` block to select, with a copy button for browsers
 * with a clipboard; the next visit to the app's pages shows only that it has one.
 */
import type { PageReply, PageView } from '../../http/route.js';
import type { AppView } from '../../services/apps/app-view.js';
import { copyable } from '../account-security/secrets.js';
import { html } from '../html.js';
import { consoleAppsStringsFor } from '../locales/console-apps/index.js';
import { appPath } from './app-tabs.js';
import { consolePage, statusNotice } from './console-page.js';

/** The page with `app`'s new `secret`, under `title`, saying `done`. */
export function secretPage(
  view: PageView,
  status: number,
  app: AppView,
  secret: string,
  title: string,
  done: string,
): PageReply {
  const s = consoleAppsStringsFor(view).secret;
  return consolePage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${statusNotice(done)}
<h2 id="secret-heading">${s.heading}</h2>
<p>${s.once}</p>
${copyable('app-secret', html`${secret}`, s.copy)}
<p><a href="${appPath(app.id)}">${s.openApp}</a></p>`,
  );
}
