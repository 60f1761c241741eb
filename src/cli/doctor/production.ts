/**
 * What "looks like production" means, the rule `gatehouse serve` applies at start: an https base
 * URL. With one, mail without a transport goes to the log, where anyone who reads it can use the
 * links.
 */
import type { ResolvedSettings } from '../../core/config.js';

export function isHttps(settings: ResolvedSettings): boolean {
  return settings.baseUrl !== undefined && new URL(settings.baseUrl).protocol === 'https:';
}

/**
 * True when links meant for users' inboxes go to stdout in production: an https base URL with
 * neither `mailTransport` nor `smtpUrl` set. (An explicit `mailTransport: console` is the
 * operator's stated choice.)
 */
export function printsMailedLinks(settings: ResolvedSettings): boolean {
  return isHttps(settings) && settings.mailTransport === undefined && settings.smtpUrl === undefined;
}

/** The transport mail leaves by, as `mailerFromSettings` chooses it. */
export function mailTransportOf(settings: ResolvedSettings): 'console' | 'smtp' | 'ses' {
  return settings.mailTransport ?? (settings.smtpUrl ? 'smtp' : 'console');
}
