import { h } from '../dom.js';

/** Code, message and RequestId of a failed call, announced at once (role="alert"). */
export function errorAlert(error) {
  const code = error?.code ?? 'Error';
  return h('div', { role: 'alert', class: 'alert' },
    h('p', { class: 'alert-title' }, h('strong', null, code), error?.action ? ` (${error.action})` : ''),
    h('dl', { class: 'alert-fields' },
      h('dt', null, 'Code'), h('dd', null, code),
      h('dt', null, 'Message'), h('dd', null, error?.message ?? String(error)),
      error?.requestId ? [h('dt', null, 'RequestId'), h('dd', { class: 'mono' }, error.requestId)] : null));
}

export function showError(region, error) {
  region.replaceChildren(errorAlert(error));
}

export function clearError(region) {
  region.replaceChildren();
}

/** A container for one alert; pages keep one per area so each failure shows where it happened. */
export function alertRegion() {
  return h('div', { class: 'alert-region' });
}
