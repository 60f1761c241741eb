/**
 * The three links of an address change. The NEW address gets the link that confirms it; the OLD
 * address gets a link that cancels the change while it is pending, and — once it is done — a
 * link that undoes it. Both old-address links stay usable for a week, so an owner who reads the
 * first mail late can still take their account back.
 */
import type { MailedLink } from '../verification/mail-link.js';

export const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

export const confirmLink = (ttlSeconds: number): MailedLink => ({
  purpose: 'change_email',
  ttlSeconds,
  path: '/confirm-email-change',
  template: 'confirm-email-change',
});

export const cancelLink: MailedLink = {
  purpose: 'cancel_email_change',
  ttlSeconds: CANCEL_TTL_SECONDS,
  path: '/cancel-email-change',
  template: 'email-change-requested',
};

export const revertLink: MailedLink = {
  purpose: 'revert_email_change',
  ttlSeconds: CANCEL_TTL_SECONDS,
  path: '/cancel-email-change',
  template: 'email-changed',
};
