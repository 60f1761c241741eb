/**
 * The second step after a provider sign-in (`/sign-in?mfa=required`): a form
 * `data-provider-mfa="<{basePath}/oauth/mfa>"`, hidden until now, asks that route (same origin,
 * with the HttpOnly cookie only it receives) for the pending sign-in's challenge on submit, puts
 * its `mfaToken` and `methods` in the form's hidden fields and posts the form on to the page
 * that shows the second step. A refusal (the sign-in expired) is said in the form's status.
 */
export const PROVIDER_MFA = `
for (const form of document.querySelectorAll('form[data-provider-mfa]')) {
  form.hidden = false;
  const status = form.querySelector('[data-provider-mfa-status]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.dataset.providerMfa, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'gatehouse-transport': 'cookie' },
      });
      if (!response.ok) throw new Error('answered ' + response.status);
      const challenge = await response.json();
      form.elements.namedItem('mfaToken').value = challenge.mfaToken;
      form.elements.namedItem('methods').value = (challenge.methods || []).join(',');
      form.submit();
    } catch {
      if (button) button.disabled = false;
      if (status) status.textContent = form.dataset.providerMfaFailed || '';
    }
  });
}
`;
