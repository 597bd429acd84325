import { h } from '../dom.js';
import { created, packageOf, prettyJson, stateName } from '../format.js';
import { driverHash, driversHash } from '../router.js';
import { deleteVersion, downloadPackage, publishVersion } from '../version-actions.js';
import { actionButton } from './action-button.js';
import { alertRegion, showError } from './alert.js';
import { versionForm } from './version-form.js';

/** One version with every field GetEdgeDriverVersion returns, and its actions. */
export function versionPage(ctx, driverId, version, signal) {
  const errors = alertRegion();
  const details = h('dl', { class: 'facts wide' });
  const actions = h('div', { class: 'actions' });
  const formSlot = h('div');
  const view = h('section', { class: 'page' },
    h('p', { class: 'crumbs' }, h('a', { href: driversHash() }, 'Drivers'), ' / ', h('a', { href: driverHash(driverId) }, 'Driver'), ' / '),
    h('div', { class: 'page-head' }, h('h1', null, `Version ${version}`), actions),
    errors, formSlot, details);
  const guard = (fn) => async () => { try { await fn(); } catch (e) { showError(errors, e); } };

  ctx.client.call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: version }).then((answer) => {
    if (signal.aborted) return;
    const v = answer.Data;
    const published = String(v.VersionState) === '1';
    const pkg = packageOf(v.SourceConfig);
    actions.replaceChildren(
      published ? null : actionButton(ctx, 'ReleaseEdgeDriverVersion', 'Publish', guard(async () => { if (await publishVersion(ctx, driverId, version)) ctx.navigate(location.hash); })),
      published ? null : actionButton(ctx, 'UpdateEdgeDriverVersion', 'Edit', () => formSlot.replaceChildren(versionForm(ctx, driverId, {
        existing: v, onDone: () => ctx.navigate(location.hash), onCancel: () => formSlot.replaceChildren(),
      }))),
      published ? null : actionButton(ctx, 'DeleteEdgeDriverVersion', 'Delete', guard(async () => {
        if (await deleteVersion(ctx, driverId, version)) ctx.navigate(driverHash(driverId));
      }), { class: 'danger' }),
      pkg ? actionButton(ctx, 'GetEdgeDriverVersion', 'Download package', guard(() => downloadPackage(ctx, driverId, version))) : null);
    const rows = [
      ['DriverId', v.DriverId], ['DriverVersion', v.DriverVersion], ['VersionState', `${stateName(v.VersionState)} (${v.VersionState})`],
      ['EdgeVersion', v.EdgeVersion], ['Description', v.Description], ['Argument', v.Argument],
      ['SourceConfig', prettyJson(v.SourceConfig)], ['DriverConfig', prettyJson(v.DriverConfig)],
      ['ContainerConfig', prettyJson(v.ContainerConfig)], ['ConfigCheckRule', prettyJson(v.ConfigCheckRule)],
      ['GmtCreate', `${v.GmtCreate} UTC (${created(v.GmtCreateTimestamp)} local)`], ['GmtModified', `${v.GmtModified} UTC`],
    ];
    details.replaceChildren(...rows.flatMap(([k, value]) => [h('dt', null, k), h('dd', null, h('pre', null, value || '—'))]));
  }, (e) => { if (!signal.aborted) showError(errors, e); });
  return view;
}
