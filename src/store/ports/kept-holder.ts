/**
 * Port: an app that must keep an active member holding a role — the console and its `admin`,
 * without whom nobody could run the installation. The stores check it in the transaction that
 * would break it, and such guarded changes of one app take turns (PostgreSQL: the app's row is
 * locked first; SQLite runs writers one at a time), so of two holders taking each other out at
 * once — demoted, removed, suspended, revoked or deleted — one is refused.
 */
import { GatehouseError } from '../../core/errors.js';
import type { AppId } from '../../core/ids.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';

/** An app that must keep an active member holding a role. */
export interface KeptHolder {
  readonly appId: AppId;
  readonly role: string;
}

/** The change would leave no active member of the app holding the role: nothing changed. */
export type LastHolder = 'last_holder';

/** The console must keep an active member holding `admin`. */
export const CONSOLE_ADMIN: KeptHolder = { appId: CONSOLE_APP_ID, role: 'admin' };

/** 409 `LAST_ADMIN`: what a refused change of the console's last active admin answers. */
export function lastAdmin(): GatehouseError {
  return new GatehouseError(
    'LAST_ADMIN',
    'This would leave the console without an active admin: make another operator admin first',
  );
}
