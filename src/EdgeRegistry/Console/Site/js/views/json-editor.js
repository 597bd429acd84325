import { h, uid } from '../dom.js';
import { checkJson } from '../json-rules.js';

/**
 * A JSON parameter's textarea with inline validation: the problem (with line and column for syntax errors) shows
 * under it as the user types, and the field is marked aria-invalid until it is fixed.
 */
export function jsonEditor(name, label, value, example) {
  const input = h('textarea', { name, rows: 4, spellcheck: 'false', class: 'mono', placeholder: example });
  input.value = value ?? '';
  const messageId = uid('json-msg');
  const message = h('div', { id: messageId, class: 'field-error', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', messageId);
  const check = () => {
    const problem = checkJson(name, input.value);
    message.textContent = problem ?? '';
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return problem;
  };
  input.addEventListener('input', check);
  input.id = uid('json');
  const element = h('div', { class: 'field' }, h('label', { for: input.id }, label), input, message);
  return { element, input, check, value: () => input.value.trim() };
}
