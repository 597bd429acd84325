import { field, h, select, uid } from '../dom.js';
import { CPU_ARCHES, PROTOCOLS, RUNTIMES } from '../format.js';
import { alertRegion, showError } from './alert.js';

/** Create driver: CreateEdgeDriver's parameters; the server's validation message is shown under the form. */
export function driverForm(ctx, { onCreated, onCancel }) {
  const name = h('input', { name: 'DriverName', required: true, maxlength: 20, spellcheck: 'false', autocomplete: 'off' });
  const protocol = select('DriverProtocol', PROTOCOLS, { value: 'modbus' });
  const runtime = select('Runtime', RUNTIMES, { value: 'python3' });
  const cpuArch = select('CpuArch', CPU_ARCHES, { blank: 'Any (not set)' });
  const builtIn = h('input', { type: 'checkbox', name: 'IsBuiltIn', id: uid('builtin') });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create');
  const form = h('form', { class: 'card', 'aria-labelledby': 'driver-form-title', novalidate: true },
    h('h2', { id: 'driver-form-title' }, 'Create driver'),
    h('div', { class: 'grid' },
      field('Driver name', name, '1–20 letters, digits or _, starting with a letter; unique in the instance.'),
      field('Protocol', protocol),
      field('Runtime', runtime),
      field('CPU architecture', cpuArch)),
    h('div', { class: 'field checkbox' }, builtIn, h('label', { for: builtIn.id }, 'Built in (pre-installed on gateways; no package)')),
    errors,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const answer = await ctx.client.call('CreateEdgeDriver', {
        DriverName: name.value.trim(), DriverProtocol: protocol.value, Runtime: runtime.value,
        CpuArch: cpuArch.value || undefined, IsBuiltIn: builtIn.checked ? 'true' : undefined,
      });
      onCreated(answer.DriverId);
    } catch (err) {
      showError(errors, err);
      submit.disabled = false;
    }
  });
  return form;
}
