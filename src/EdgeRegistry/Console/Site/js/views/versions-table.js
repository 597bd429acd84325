import { h } from '../dom.js';
import { created, packageOf, stateName } from '../format.js';
import { versionHash } from '../router.js';
import { actionButton } from './action-button.js';

/**
 * The Versions table's rows. `act(kind, version)` runs Publish, Edit, Delete and Download package; the actions of
 * a published version are gone because it is immutable.
 */
export function versionRows(ctx, driverId, versions, act) {
  if (!versions.length) return [h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No versions match.'))];
  return versions.map((v) => {
    const published = String(v.VersionState) === '1';
    const pkg = packageOf(v.SourceConfig);
    return h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: versionHash(driverId, v.DriverVersion) }, v.DriverVersion)),
      h('td', null, h('span', { class: published ? 'badge published' : 'badge' }, stateName(v.VersionState))),
      h('td', null, v.EdgeVersion),
      h('td', { class: 'description' }, v.Description),
      h('td', null, created(v.GmtCreateTimestamp)),
      // A flex box inside the cell: display:flex on the <td> itself would take it out of the table's layout.
      h('td', null, h('div', { class: 'row-actions' },
        published ? null : [
          actionButton(ctx, 'ReleaseEdgeDriverVersion', 'Publish', () => act('publish', v), { class: 'small' }),
          actionButton(ctx, 'UpdateEdgeDriverVersion', 'Edit', () => act('edit', v), { class: 'small' }),
          actionButton(ctx, 'DeleteEdgeDriverVersion', 'Delete', () => act('delete', v), { class: 'small danger' }),
        ],
        pkg ? actionButton(ctx, 'GetEdgeDriverVersion', 'Download package', () => act('download', v), { class: 'small' }) : null)));
  });
}
