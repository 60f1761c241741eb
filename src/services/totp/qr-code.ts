/** The QR code of an `otpauth://` URI, as SVG markup, for TOTP enrolment (API response and hosted page). */
import QRCode from 'qrcode';

/**
 * An SVG QR code of `text` at error-correction level M with a two-module quiet zone. The `qrcode`
 * package answers through a promise when given no callback.
 *
 * @example
 * const svg = await qrSvg(otpauthUri({ secret, issuer: 'Acme', account: 'ada@example.com' }));
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
