// The only way the console builds DOM: elements and text nodes. Stored values (names, descriptions, JSON) are
// always text, never markup, so HTML in a description shows as written and never runs.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'value' || name === 'checked') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let sequence = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix) {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** A labelled form field: <label> + control (+ an optional hint), wired by id. */
export function field(labelText, control, hint) {
  control.id ||= uid('f');
  const hintEl = hint ? h('div', { class: 'hint', id: uid('hint') }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl);
}

export function select(name, options, { value = '', blank } = {}) {
  const el = h('select', { name },
    blank !== undefined ? h('option', { value: '' }, blank) : null,
    options.map((o) => h('option', { value: o }, o)));
  el.value = value;
  return el;
}
