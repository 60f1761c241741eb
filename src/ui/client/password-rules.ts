/**
 * The password rules as you type: a list `<ul data-password-rules="<input id>" data-min="8"
 * data-max="256">` whose `<li data-rule="min|max">` items the server renders as plain text (so
 * the rules are there without JavaScript) is marked met or not met on every keystroke, lengths
 * counted in code points as the server counts them. Each item's hidden state text says it to
 * screen readers, and the list's `aria-live` status (`[data-password-rules-status]`) speaks only
 * when a rule's state changes, not on every key. The server still checks everything (and more:
 * the common-password list and breaches) when the form is sent.
 */
export const PASSWORD_RULES = `
for (const list of document.querySelectorAll('ul[data-password-rules]')) {
  const input = document.getElementById(list.dataset.passwordRules);
  if (!input) continue;
  const min = Number(list.dataset.min) || 0;
  const max = Number(list.dataset.max) || Infinity;
  const status = list.parentElement && list.parentElement.querySelector('[data-password-rules-status]');
  const rules = [...list.querySelectorAll('li[data-rule]')];
  const states = new Map();
  const check = (rule, length) =>
    rule === 'min' ? length >= min : rule === 'max' ? length <= max : true;
  const update = (announce) => {
    const length = [...input.value].length;
    const changed = [];
    for (const item of rules) {
      const met = check(item.dataset.rule, length);
      item.classList.toggle('gh-rule-met', met);
      item.classList.toggle('gh-rule-unmet', !met);
      const state = item.querySelector('.gh-rule-state');
      if (state) state.textContent = ((met ? item.dataset.met : item.dataset.unmet) || '') + ' ';
      if (states.has(item) && states.get(item) !== met) changed.push(item);
      states.set(item, met);
    }
    if (announce && status && changed.length > 0)
      status.textContent = changed.map((item) => item.textContent.replace(/\\s+/g, ' ').trim()).join('. ');
  };
  list.classList.add('gh-rules-live');
  update(false);
  input.addEventListener('input', () => update(true));
}
`;
