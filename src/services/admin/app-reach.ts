/**
 * Which apps an operator may read and change through the app operations (apps, roles, members,
 * invitations). A tenant admin reaches their own app only: any other id answers 404
 * `APP_NOT_FOUND`, exactly as an unknown one (AZ-04). The console app is reached by console
 * operators only, and changed only by those holding every permission (`*`): its settings and
 * roles decide who becomes an operator and with what, so an operator with a narrower role who
 * could edit them could raise themselves (a role they hold given `*`, sign-up opened with an
 * operator role as the default). Absent, the reach is the whole installation with every
 * permission: the CLI and embedding code.
 */
import { GatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import { checkAppInScope, type OperatorScope } from '../operators/operator-scope.js';

/** An operator's scope and the admin permissions they hold; the HTTP core's `Operator` is one. */
export interface AppReach extends OperatorScope {
  /** Absent: every permission. */
  readonly permissions?: readonly string[];
}

/** `appId`, once it is within reach; 404 `APP_NOT_FOUND` beyond it. */
export function reachApp(reach: AppReach | undefined, appId: string): string {
  checkAppInScope(reach, appId);
  return appId;
}

/** `appId`, once the operator may change it (its settings or roles); else 404 or 403. */
export function changeableApp(reach: AppReach | undefined, appId: string): string {
  reachApp(reach, appId);
  if (appId === CONSOLE_APP_ID && !holdsEverything(reach)) {
    throw new GatehouseError(
      'INSUFFICIENT_PERMISSION',
      "Only an operator holding every permission (the console's admin role) may change the console app",
    );
  }
  return appId;
}

/**
 * Fields of an app that reach beyond it: CORS origins and redirect URLs join lists the whole
 * instance trusts (credentialed CORS on every route, the OAuth `returnTo` allow-list), and the
 * audience is what other services accept tokens for. A tenant admin who could set them could
 * let their own origin read other apps' users' answers; so only console operators may.
 */
const INSTALLATION_WIDE = ['corsOrigins', 'redirectUrls', 'audience'] as const;

/** Throws 403 when a tenant admin's app change touches an installation-wide field. */
export function checkTenantAppPatch(reach: AppReach | undefined, patch: object): void {
  if (!reach?.appId) return;
  const touched = INSTALLATION_WIDE.filter((field) => field in patch);
  if (touched.length > 0) {
    throw new GatehouseError(
      'INSUFFICIENT_PERMISSION',
      `Only console operators may change ${touched.join(', ')}: every app trusts them`,
    );
  }
}

/** Whether the operator holds `*` (or is the CLI or embedding code). */
export function holdsEverything(reach: AppReach | undefined): boolean {
  return reach?.permissions === undefined || reach.permissions.includes('*');
}
