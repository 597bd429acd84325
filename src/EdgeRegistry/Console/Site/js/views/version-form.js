import { field, h, uid } from '../dom.js';
import { bytes, packageOf } from '../format.js';
import { uploadPackage } from '../upload.js';
import { alertRegion, clearError, showError } from './alert.js';
import { jsonEditor } from './json-editor.js';

/**
 * Create version, or Edit one (`existing`: a DriverVersionList item). Editing is UpdateEdgeDriverVersion's full
 * replace: the form starts with every stored value, and what is left empty is cleared. A chosen package is
 * uploaded first (presign, PUT with progress, SHA-256), then the version names it.
 */
export function versionForm(ctx, driverId, { existing, onDone, onCancel }) {
  const editing = Boolean(existing);
  const version = h('input', { name: 'DriverVersion', required: true, maxlength: 64, spellcheck: 'false', autocomplete: 'off', value: existing?.DriverVersion ?? '', readonly: editing });
  const edgeVersion = h('input', { name: 'EdgeVersion', required: true, spellcheck: 'false', autocomplete: 'off', placeholder: '2.4.0', value: existing?.EdgeVersion ?? '' });
  const description = h('textarea', { name: 'Description', rows: 2 });
  description.value = existing?.Description ?? '';
  const argument = h('input', { name: 'Argument', maxlength: 1024, spellcheck: 'false', placeholder: '-XX:+PrintGCDetails', value: existing?.Argument ?? '' });
  const editors = [
    jsonEditor('ContainerConfig', 'ContainerConfig', existing?.ContainerConfig, '{"privileged":0,"hostNetworkMode":0,"portMappings":[]}'),
    jsonEditor('DriverConfig', 'DriverConfig', existing?.DriverConfig, '[{"format":"JSON","content":"{}"}]'),
    jsonEditor('ConfigCheckRule', 'ConfigCheckRule', existing?.ConfigCheckRule, '{"deviceConfig":{"required":false},"driverConfig":{"required":false}}'),
  ];
  const file = h('input', { type: 'file', name: 'Package' });
  const current = editing ? packageOf(existing.SourceConfig) : null;
  const removePackage = h('input', { type: 'checkbox', name: 'RemovePackage', id: uid('rm') });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const uploadStatus = h('div', { class: 'upload-status', 'aria-live': 'polite' });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save' : 'Create');
  const titleId = uid('vf-title');

  const form = h('form', { class: 'card', 'aria-labelledby': titleId, novalidate: true },
    h('h2', { id: titleId }, editing ? `Edit version ${existing.DriverVersion}` : 'Create version'),
    editing ? h('p', { class: 'hint' }, 'Saving replaces the whole version: a field left empty is cleared.') : null,
    h('div', { class: 'grid' },
      field('Version', version, editing ? 'A version cannot be renamed.' : '1–64 of A–Z a–z 0–9 _ . -; unique for this driver.'),
      field('Edge version', edgeVersion, 'The oldest Link IoT Edge version that runs it, e.g. 2.4.0.'),
      field('Argument', argument, 'JVM start-up arguments (Java drivers).')),
    field('Description', description, 'At most 256 bytes.'),
    editors.map((e) => e.element),
    field('Package', file, current ? `Current package: ${current.fileName}. Choose a file to replace it.` : 'The driver\'s code package, e.g. driver.zip.'),
    current ? h('div', { class: 'field checkbox' }, removePackage, h('label', { for: removePackage.id }, 'Remove the current package')) : null,
    progress, uploadStatus,
    errors,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: onCancel }, 'Cancel')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problems = editors.map((ed) => ed.check()).filter(Boolean);
    if (problems.length) {
      showError(errors, { code: 'InvalidJson', message: problems.join(' ') });
      editors.find((ed) => ed.input.getAttribute('aria-invalid'))?.input.focus();
      return;
    }
    submit.disabled = true;
    clearError(errors);
    try {
      let sourceConfig = current && !removePackage.checked ? current.stored : undefined;
      let note = '';
      const chosen = file.files?.[0];
      if (chosen) {
        progress.hidden = false;
        uploadStatus.textContent = `Uploading ${chosen.name} (${bytes(chosen.size)})…`;
        const uploaded = await uploadPackage(ctx.client, {
          driverId, version: version.value.trim(), file: chosen,
          onProgress: (done, total) => { progress.value = total ? Math.round((done / total) * 100) : 0; },
        });
        uploadStatus.replaceChildren('Uploaded ', chosen.name, '. SHA-256 ', h('code', { class: 'mono', 'data-sha256': '' }, uploaded.sha256));
        sourceConfig = JSON.stringify({ ossAddress: uploaded.ossAddress });
        note = `Package ${chosen.name} (${bytes(chosen.size)}), SHA-256 ${uploaded.sha256}.`;
      }
      await ctx.client.call(editing ? 'UpdateEdgeDriverVersion' : 'CreateEdgeDriverVersion', {
        DriverId: driverId,
        DriverVersion: version.value.trim(),
        EdgeVersion: edgeVersion.value.trim(),
        Description: description.value || undefined,
        Argument: argument.value || undefined,
        ContainerConfig: editors[0].value() || undefined,
        DriverConfig: editors[1].value() || undefined,
        ConfigCheckRule: editors[2].value() || undefined,
        SourceConfig: sourceConfig,
      });
      onDone(version.value.trim(), note);
    } catch (err) {
      showError(errors, err);
      submit.disabled = false;
    }
  });
  return form;
}
