/**
 * What a page says instead of a WebAuthn form the browser cannot run: an element with
 * `data-webauthn-fallback` is shown as rendered (no script: it stays) and hidden once the script
 * finds WebAuthn — exactly when the `webauthn` part shows the `form[data-webauthn]` beside it.
 * (`<noscript>` would miss a browser that runs scripts but has no WebAuthn.) Comes after the
 * `webauthn` part in `index.ts`: it uses its `ghWebAuthn`.
 */
export const WEBAUTHN_FALLBACK = `
if (ghWebAuthn.supported()) {
  for (const element of document.querySelectorAll('[data-webauthn-fallback]')) element.hidden = true;
}
`;
