/**
 * What the console's pages about access to one app share (its roles, members and invitations):
 * reading the app within the operator's reach — another app is a 404 page, exactly as the admin
 * API answers a tenant admin (AZ-04) — the frame with the app's tabs, and who may change what.
 * A page admits anyone holding `apps:read` (tenant admins at their own app); its forms show, and
 * its posts pass, only for `apps:write`, as on the admin routes doing the same.
 */
import { GatehouseError, isGatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageRead, PageReply, PageView } from '../../http/route.js';
import type { AppView } from '../../services/apps/app-view.js';
import { html, type SafeHtml } from '../html.js';
import { consoleAppAccessStringsFor } from '../locales/console-app-access/index.js';
import { type AppTab, appPath, appTabs } from './app-tabs.js';
import { consolePage } from './console-page.js';
import { allows, type ConsoleNeed, holdsEverything, requirePermission } from './permissions.js';

/** What opens the pages: reading apps, at the operator's own app for a tenant admin. */
export const APP_READ = { permission: 'apps:read', tenant: true } as const satisfies ConsoleNeed;

/** What changes roles and invitations. */
export const APP_WRITE = { permission: 'apps:write', tenant: true } as const satisfies ConsoleNeed;

/** The page's app (`:id`) within the operator's reach, or undefined (no such app, or beyond reach). */
export async function loadApp(view: PageRead): Promise<AppView | undefined> {
  try {
    return await view.ops.getApp(view.params.id ?? '', view.operator);
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'APP_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The 404 page for an app that does not exist or is beyond the operator's reach. */
export function noSuchApp(view: PageView): PageReply {
  const s = consoleAppAccessStringsFor(view).common.noSuchApp;
  return consolePage(
    view,
    404,
    s.title,
    html`<h1>${s.title}</h1>
<p>${s.body}</p>
<p><a href="/console/apps">${s.back}</a></p>`,
  );
}

/** One of the app's pages: its heading, the app's tabs, then the content. */
export function appAccessPage(
  view: PageView,
  status: number,
  title: string,
  app: AppView,
  tab: AppTab,
  content: SafeHtml,
): PageReply {
  return consolePage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${appTabs(view, app.id, tab)}
${content}`,
  );
}

/**
 * Whether the operator may change the app's roles: `apps:write`, and for the console app every
 * permission (its roles decide what operators may do).
 */
export function mayChangeRoles(view: PageView, appId: string): boolean {
  return allows(view.operator, APP_WRITE) && (appId !== CONSOLE_APP_ID || holdsEverything(view.operator));
}

/** Whether the operator may invite to and withdraw invitations from an app they reach. */
export function mayInvite(view: PageView): boolean {
  return allows(view.operator, APP_WRITE);
}

/** Throws 403 `INSUFFICIENT_PERMISSION` unless the operator may change the app (for posts). */
export function requireWrite(view: PageView): void {
  requirePermission(view, APP_WRITE);
}

/** Throws 403 `INSUFFICIENT_PERMISSION` unless the operator may change the app's roles (for posts). */
export function requireRoleChange(view: PageView, appId: string): void {
  requireWrite(view);
  if (!mayChangeRoles(view, appId)) {
    throw new GatehouseError(
      'INSUFFICIENT_PERMISSION',
      "Only an operator holding every permission may change the console app's roles",
    );
  }
}

/** The path of a page of the app: `appAccessPath(id, '/roles')`. */
export function appAccessPath(appId: string, suffix: string): string {
  return `${appPath(appId)}${suffix}`;
}

/** The field paths a `VALIDATION_ERROR` names (`name`, `permissions.0`…). */
export function issuePaths(error: GatehouseError): string[] {
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue) => String((issue as { path?: unknown }).path ?? ''));
}

/** Lines or commas of a text area, trimmed, without empty ones. */
export function lines(text: string | null): string[] {
  return (text ?? '')
    .split(/[\r\n,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
