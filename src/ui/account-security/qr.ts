/**
 * The QR code of an authenticator app's `otpauth://` URI, drawn on the server as SVG and placed
 * in the page as markup: no image request, no script. The markup is ours (the `qrcode` package's
 * output for a URI we checked), made presentable and safe under the pages' CSP: inline `style`
 * attributes would be refused, so none may survive, and the picture gets a role and a name.
 */
import QRCode from 'qrcode';
import { escapeHtml, raw, type SafeHtml } from '../html.js';

/** The SVG's own opening tag, whatever attributes the package writes into it. */
const SVG_OPEN = /^<svg\b([^>]*)>/;

/**
 * `uri` as an inline SVG QR code named `label` for assistive technology.
 *
 * @example
 * const qr = await qrCode(enrolment.otpauthUri, 'QR code that adds this account to an authenticator app');
 */
export async function qrCode(uri: string, label: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // The package draws with presentation attributes (fill, stroke); a `style` would break the CSP.
  const clean = svg.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '').trim();
  const opening = SVG_OPEN.exec(clean);
  if (!opening) throw new Error('the QR code package did not answer with an SVG element');
  const named = `<svg${opening[1]} class="gh-qr" role="img" aria-label="${escapeHtml(label)}" focusable="false">`;
  return raw(named + clean.slice(opening[0].length));
}
