/**
 * Copy buttons: `<button type="button" data-copy="#element-id" hidden>` copies that element's
 * text to the clipboard and says so in its `aria-live` status; the button stays hidden
 * without JavaScript (the text is there to select by hand).
 */
export const COPY_BUTTONS = `
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const status = document.getElementById(button.getAttribute('aria-describedby') || '');
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      if (status) status.textContent = button.dataset.copied || 'Copied';
    } catch {
      if (status) status.textContent = button.dataset.copyFailed || '';
    }
  });
}
`;
