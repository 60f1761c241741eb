/**
 * `gatehouse users show USER`: the admin API's user detail (`getUserDetail`) — profile, status,
 * password set or not, second factors, identities, memberships, live sessions, tokens and the
 * latest audit events — with no secret in it, as a page of labelled fields and small tables.
 */
import type { UserDetail } from '../../services/admin/user-detail.js';
import type { Command } from './command.js';
import { withInstance } from './open-instance.js';
import { fields, print, printJson, table } from './output.js';
import { onUser, resolveUserId } from './user-ref.js';

const day = (iso: string | null) => (iso === null ? null : iso.slice(0, 19).replace('T', ' '));

function describeUser(detail: UserDetail): string {
  const { user, password, factors } = detail;
  const secondFactors = [
    factors.totp.enabled ? 'authenticator app' : null,
    factors.passkeys.length > 0 ? `${factors.passkeys.length} passkey(s)` : null,
    factors.phone ? `phone ${factors.phone.phone}` : null,
    factors.recoveryCodes.remaining > 0 ? `${factors.recoveryCodes.remaining} recovery code(s)` : null,
  ].filter((f) => f !== null);
  const head = fields([
    ['id', user.id],
    ['email', user.email],
    ['verified', user.emailVerified ? 'yes' : 'no'],
    ['username', user.username],
    ['name', user.name],
    ['display name', user.displayName],
    ['status', user.status],
    ...(user.deletedAt
      ? ([
          ['deleted', day(user.deletedAt)],
          ['restorable until', day(user.restorableUntil)],
        ] as const)
      : []),
    ['created', day(user.createdAt)],
    ['updated', day(user.updatedAt)],
    ['password', password.set ? `set ${day(password.setAt)}` : 'none'],
    ['second factors', secondFactors.join(', ') || 'none'],
  ]);
  const section = (title: string, body: string) => `\n${title}:\n${body}`;
  return [
    head,
    section(
      'Memberships',
      table(detail.memberships, [
        { header: 'app', value: (m) => m.appId },
        { header: 'roles', value: (m) => m.roles.join(' ') },
        { header: 'plan', value: (m) => m.plan },
        { header: 'permissions', value: (m) => m.permissions.join(' ') },
      ]),
    ),
    section(
      'Identities',
      table(detail.identities, [
        { header: 'provider', value: (i) => i.provider },
        { header: 'email', value: (i) => i.email },
        { header: 'linked', value: (i) => day(i.createdAt) },
      ]),
    ),
    section(
      'Sessions',
      table(detail.sessions, [
        { header: 'id', value: (s) => s.id },
        { header: 'app', value: (s) => s.appId },
        { header: 'device', value: (s) => s.device },
        { header: 'ip', value: (s) => s.ip },
        { header: 'aal', value: (s) => s.aal },
        { header: 'last used', value: (s) => day(s.lastUsedAt) },
        { header: 'impersonator', value: (s) => s.impersonatorId },
      ]),
    ),
    section(
      'Tokens',
      table(detail.tokens, [
        { header: 'id', value: (t) => t.id },
        { header: 'name', value: (t) => t.name },
        { header: 'scopes', value: (t) => t.scopes.join(' ') },
        { header: 'app', value: (t) => t.appId },
        { header: 'expires', value: (t) => day(t.expiresAt) ?? 'never' },
      ]),
    ),
    section(
      'Recent events',
      table(detail.recentEvents, [
        { header: 'at', value: (e) => day(e.at) },
        { header: 'type', value: (e) => e.type },
        { header: 'outcome', value: (e) => e.outcome },
        { header: 'actor', value: (e) => e.actorId },
      ]),
    ),
  ].join('');
}

export const usersShowCommand: Command = {
  usage: 'users show USER',
  summary: 'Everything about one user (USER is an id or an email address); never a secret',
  options: [],
  args: 1,
  async run({ args, json, instance }) {
    const ref = args[0]!;
    return withInstance(instance, async (gatehouse) => {
      const userId = await resolveUserId(gatehouse, ref, { deleted: true });
      const detail = await onUser(ref, () => gatehouse.getUserDetail(userId));
      if (json) printJson(detail);
      else print(describeUser(detail));
      return 0;
    });
  },
};
