/** An invitation as operators see it (never its token; times in ISO 8601). */
import type { Invitation } from '../../core/apps.js';
import type { AppId, InvitationId, UserId } from '../../core/ids.js';

export interface InvitationView {
  readonly id: InvitationId;
  readonly appId: AppId;
  readonly email: string;
  readonly role: string;
  readonly invitedBy: UserId | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: UserId | null;
  readonly revokedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function invitationView(invitation: Invitation): InvitationView {
  return {
    id: invitation.id,
    appId: invitation.appId,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: iso(invitation.createdAt)!,
    expiresAt: iso(invitation.expiresAt)!,
    acceptedAt: iso(invitation.acceptedAt),
    acceptedBy: invitation.acceptedBy,
    revokedAt: iso(invitation.revokedAt),
  };
}
