/**
 * What every adapter's "signed-in user required" guard does: find the access token (Bearer
 * header or access cookie), check the session, and either hand back the user or the exact
 * error response the API itself would give.
 */
import { GatehouseError, isGatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import { STATUS_BY_CODE } from '../http/status.js';
import type { PublicSession, PublicUser } from '../services/views.js';

export interface SignedIn {
  readonly user: PublicUser;
  readonly session: PublicSession;
}

export type Authentication =
  | ({ readonly ok: true } & SignedIn)
  | {
      readonly ok: false;
      readonly status: number;
      readonly body: { error: { code: string; message: string } };
    };

const ACCESS_COOKIES = ['__Host-gh_access', 'gh_access'];

/** Reads the access token from an Authorization header value or a Cookie header value. */
export function accessTokenFrom(authorization: string | undefined | null, cookie: string | undefined | null): string | undefined {
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (bearer) return bearer;
  for (const part of cookie?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && ACCESS_COOKIES.includes(part.slice(0, eq).trim())) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export async function authenticate(
  gatehouse: Gatehouse,
  authorization: string | undefined | null,
  cookie: string | undefined | null,
): Promise<Authentication> {
  const token = accessTokenFrom(authorization, cookie);
  try {
    if (!token) throw new GatehouseError('INVALID_TOKEN', 'Sign in first: send Authorization: Bearer <token>');
    return { ok: true, ...(await gatehouse.getSession(token)) };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    return { ok: false, status: STATUS_BY_CODE[error.code], body: { error: { code: error.code, message: error.message } } };
  }
}
