/**
 * What "looks like production" means, the rule `gatehouse serve` applies at start and `gatehouse
 * doctor` checks: an https base URL. With one, mail or text messages without a transport go to
 * the log, where anyone who reads it can use the links and codes.
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

/** The same for SMS codes: an https base URL and no `sms.transport` chosen. */
export function printsTextedCodes(settings: ResolvedSettings): boolean {
  return isHttps(settings) && settings.sms.transport === undefined;
}

/** The transport mail leaves by, as `mailerFromSettings` chooses it. */
export function mailTransportOf(settings: ResolvedSettings): 'console' | 'smtp' | 'ses' {
  return settings.mailTransport ?? (settings.smtpUrl ? 'smtp' : 'console');
}
