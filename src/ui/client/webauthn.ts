/**
 * WebAuthn for the pages: the JSON forms of the API's options and answers converted to and from
 * what `navigator.credentials` takes and gives, the two ceremonies with a cancel told apart from
 * a failure, and a declarative form binding, so a page needs no script of its own.
 *
 * A page renders (every form stays `hidden` until the script finds WebAuthn in the browser, so
 * nobody without it sees a button that cannot work):
 *
 * ```html
 * <form method="post" action="/sign-in" hidden
 *   data-webauthn="get"                           get (sign in, second factor) or create (add a passkey)
 *   data-webauthn-options="/auth/sign-in/passkey/options"  POSTed (JSON, same origin, cookies) for the options
 *   data-webauthn-send="mfaToken"                 optional: these fields' values go in that POST's JSON body
 *   data-webauthn-result="response"               the hidden field that receives the credential's JSON
 *   data-webauthn-cancelled="…" data-webauthn-failed="…" data-webauthn-exists="…"   messages, in the page's locale
 *   >
 *   <input type="hidden" name="csrf" value="…"><input type="hidden" name="response">
 *   <p role="status" data-webauthn-status></p>
 *   <button type="submit">Sign in with a passkey</button>
 * </form>
 * ```
 *
 * Instead of `data-webauthn-options`, `data-webauthn-options-json` may carry the options
 * themselves (rendered by a POST answer: showing a page with GET must not issue a challenge).
 * On submit the script gets the options, runs the ceremony, writes the JSON into the result
 * field and submits the form for real; the page's POST handler calls the operation. The
 * submitting button's name is not sent (`form.submit()`): put what the handler must know in
 * hidden fields.
 *
 * Other parts use the functions through `ghWebAuthn` (declared in the module scope this part
 * shares with the parts after it in `index.ts`):
 * `ghWebAuthn.create(optionsJson)` / `ghWebAuthn.get(optionsJson)` resolve to
 * `{ok: true, credential}` (the JSON to post) or `{ok: false, reason: 'cancelled' | 'exists' |
 * 'unsupported' | 'failed'}`; `ghWebAuthn.fetchOptions(url, body)` POSTs for options (throws on
 * a non-2xx answer); `ghWebAuthn.toBuffer(base64url)` and `ghWebAuthn.toBase64url(buffer)`;
 * `ghWebAuthn.supported()`.
 */
export const WEBAUTHN = `
const ghWebAuthn = (() => {
  function toBuffer(text) {
    const base64 = String(text).replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }
  function toBase64url(buffer) {
    const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let binary = '';
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  const descriptors = (list) =>
    (list || []).map((d) => ({ ...d, id: toBuffer(d.id) }));
  function creationOptions(json) {
    return {
      ...json,
      challenge: toBuffer(json.challenge),
      user: { ...json.user, id: toBuffer(json.user.id) },
      excludeCredentials: descriptors(json.excludeCredentials),
    };
  }
  function requestOptions(json) {
    const options = { ...json, challenge: toBuffer(json.challenge) };
    if (json.allowCredentials) options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }
  // PublicKeyCredential.toJSON() by hand, so older browsers answer in the same shape.
  function credentialJson(credential) {
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      if (typeof r.getTransports === 'function') response.transports = r.getTransports();
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    const json = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    };
    if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
    return json;
  }
  const supported = () =>
    typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
  function refusal(error) {
    // NotAllowedError: the person cancelled, or the prompt timed out. AbortError: it was aborted.
    const name = error && error.name;
    if (name === 'NotAllowedError' || name === 'AbortError') return 'cancelled';
    if (name === 'InvalidStateError') return 'exists';
    return 'failed';
  }
  async function ceremony(kind, optionsJson) {
    if (!supported()) return { ok: false, reason: 'unsupported' };
    try {
      const credential = kind === 'create'
        ? await navigator.credentials.create({ publicKey: creationOptions(optionsJson) })
        : await navigator.credentials.get({ publicKey: requestOptions(optionsJson) });
      if (!credential) return { ok: false, reason: 'cancelled' };
      return { ok: true, credential: credentialJson(credential) };
    } catch (error) {
      return { ok: false, reason: refusal(error) };
    }
  }
  async function fetchOptions(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'gatehouse-transport': 'cookie' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error('options request answered ' + response.status);
    return response.json();
  }
  return {
    toBuffer,
    toBase64url,
    creationOptions,
    requestOptions,
    credentialJson,
    supported,
    fetchOptions,
    create: (optionsJson) => ceremony('create', optionsJson),
    get: (optionsJson) => ceremony('get', optionsJson),
  };
})();

for (const form of document.querySelectorAll('form[data-webauthn]')) {
  if (!ghWebAuthn.supported()) continue;
  form.hidden = false;
  const status = form.querySelector('[data-webauthn-status]');
  const say = (text) => {
    if (status) status.textContent = text || '';
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say('');
    let outcome;
    try {
      let options;
      if (form.dataset.webauthnOptionsJson) {
        options = JSON.parse(form.dataset.webauthnOptionsJson);
      } else {
        const names = (form.dataset.webauthnSend || '').split(/\\s+/).filter(Boolean);
        const body = names.length === 0 ? undefined : {};
        for (const name of names) body[name] = form.elements.namedItem(name)?.value ?? '';
        options = await ghWebAuthn.fetchOptions(form.dataset.webauthnOptions, body);
      }
      outcome = form.dataset.webauthn === 'create'
        ? await ghWebAuthn.create(options)
        : await ghWebAuthn.get(options);
    } catch {
      outcome = { ok: false, reason: 'failed' };
    }
    if (outcome.ok) {
      const field = form.elements.namedItem(form.dataset.webauthnResult || 'response');
      if (field) field.value = JSON.stringify(outcome.credential);
      form.submit();
      return;
    }
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
    const messages = {
      cancelled: form.dataset.webauthnCancelled,
      exists: form.dataset.webauthnExists || form.dataset.webauthnFailed,
      unsupported: form.dataset.webauthnFailed,
      failed: form.dataset.webauthnFailed,
    };
    say(messages[outcome.reason] || '');
  });
}
`;
