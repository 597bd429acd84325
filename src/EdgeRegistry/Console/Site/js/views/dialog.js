import { h, uid } from '../dom.js';

/**
 * A modal confirmation (native <dialog>: focus is trapped, Escape cancels, role="dialog"). Resolves true on
 * Confirm, false on Cancel or Escape.
 */
export function confirmDialog({ title, message, confirmLabel = 'Confirm' }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg-title');
    const textId = uid('dlg-text');
    const dialog = h('dialog', { 'aria-labelledby': titleId, 'aria-describedby': textId, class: 'confirm' },
      h('h2', { id: titleId }, title),
      h('p', { id: textId }, message),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => dialog.close('confirm') }, confirmLabel),
        h('button', { type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel')));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A modal that shows content (a version's details) with one Close button. */
export function infoDialog(title, content) {
  const titleId = uid('dlg-title');
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'info' },
    h('h2', { id: titleId }, title), content,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
