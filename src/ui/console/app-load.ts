/**
 * Loading the app a console page is about (`:id`) within the operator's reach, and the page for
 * one that is not there: an unknown app and another app of a tenant admin's look the same (404,
 * AZ-04).
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageRead, PageReply } from '../../http/route.js';
import type { AppView } from '../../services/apps/app-view.js';
import { html } from '../html.js';
import { consoleAppsStringsFor } from '../locales/console-apps/index.js';
import { consolePage } from './console-page.js';

/** The page's app (`view.params.id`), or undefined when there is none within reach. */
export async function loadApp(view: PageRead): Promise<AppView | undefined> {
  try {
    return await view.ops.getApp(view.params.id ?? '', view.operator!);
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'APP_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The console's 404 for an app that does not exist, or is beyond a tenant admin's own. */
export function noSuchApp(view: PageRead): PageReply {
  const s = consoleAppsStringsFor(view);
  return consolePage(
    view,
    404,
    s.notFound.title,
    html`<h1>${s.notFound.title}</h1>
<p>${s.notFound.body}</p>
<p><a href="/console/apps">${s.common.backToList}</a></p>`,
  );
}
