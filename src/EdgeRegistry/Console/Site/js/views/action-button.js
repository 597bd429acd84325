import { h } from '../dom.js';

/**
 * A button that calls `action` on the API. Disabled, with the reason, once the caller's RAM policies are known to
 * refuse it (main.js re-applies this to every such button when a refusal is learnt).
 */
export function actionButton(ctx, action, label, onclick, props = {}) {
  const button = h('button', { type: 'button', ...props, 'data-action': action, onclick }, label);
  if (ctx.permissions.isDenied(action)) markDenied(button, action);
  return button;
}

export function markDenied(button, action) {
  button.disabled = true;
  button.title = `Your RAM policies do not allow iot:${action}.`;
  button.classList.add('denied');
}
