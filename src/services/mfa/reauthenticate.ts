/**
 * Proves again who is behind a session, for changes that need a recent sign-in: the password, or
 * a second factor the user has (under the same lockouts as sign-in). The session records the
 * time and method — a second factor raises it to aal2 — and the caller gets an access token that
 * says so.
 */
import { GatehouseError } from '../../core/errors.js';
import { confirmPassword } from '../accounts/confirm-password.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { checkSecondFactor } from './check-second-factor.js';
import { type SteppedUp, stepUp } from './factor-changes.js';
import type { SecondFactorProof } from './second-factor.js';

export interface ReauthenticateInput extends SecondFactorProof {
  readonly password?: unknown;
  /** A second-factor method, instead of the password. */
  readonly method?: unknown;
}

export async function reauthenticate(
  ctx: ServiceContext,
  accessToken: string,
  input: ReauthenticateInput,
  client: ClientInfo = {},
): Promise<SteppedUp> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const byPassword = input.password !== undefined;
  if (byPassword === (input.method !== undefined)) {
    throw new GatehouseError('VALIDATION_ERROR', 'Send either password, or method with code or assertion', {
      issues: [{ path: 'password', message: 'give password, or method with its proof' }],
    });
  }
  let stepped: SteppedUp;
  if (byPassword) {
    await confirmPassword(ctx, user, input.password, client);
    stepped = await stepUp(ctx, session, 'pwd', 1);
  } else {
    const factor = await checkSecondFactor(
      ctx,
      user,
      input.method,
      input,
      { kind: 'reauth', id: session.id },
      client,
    );
    stepped = await stepUp(ctx, session, factor.amr, 2);
  }
  await ctx.events.emit({
    type: 'user.reauthenticated',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { method: byPassword ? 'password' : String(input.method) },
  });
  return stepped;
}
