/** URLs as doctor prints them: a password, in the user part or the query, never shows. */
import { redactUrl } from '../redact.js';

export function shownUrl(url: string): string {
  return redactUrl(url).replace(/([?&]password=)[^&#]*/gi, '$1***');
}
