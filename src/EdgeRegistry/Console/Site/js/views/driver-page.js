import { field, h, select } from '../dom.js';
import { created } from '../format.js';
import { clampPage, MAX_PAGE_SIZE, pageParams } from '../paging.js';
import { driverHash, driversHash } from '../router.js';
import { deleteDriver, deleteVersion, downloadPackage, publishVersion } from '../version-actions.js';
import { actionButton } from './action-button.js';
import { alertRegion, clearError, showError } from './alert.js';
import { pager } from './pager.js';
import { versionForm } from './version-form.js';
import { versionRows } from './versions-table.js';

const STATES = { all: '', published: '1', unpublished: '0' };

/** A driver: its fields, Delete driver, Create version, and the Versions table (QueryEdgeDriverVersion). */
export function driverPage(ctx, driverId, route, signal) {
  const page = clampPage(route.query.get('page'));
  const state = Object.hasOwn(STATES, route.query.get('state')) ? route.query.get('state') : 'all';
  const exact = route.query.get('version') ?? '';
  const title = h('h1', { id: 'driver-title' }, 'Driver');
  const facts = h('dl', { class: 'facts' });
  const errors = alertRegion();
  const formSlot = h('div');
  const body = h('tbody');
  const pagerSlot = h('div');
  const table = h('table', { 'aria-label': 'Versions', 'aria-busy': 'true' },
    h('thead', null, h('tr', null, ['Version', 'State', 'Edge version', 'Description', 'Created', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
    body);
  let driverName = driverId;

  const reload = () => ctx.navigate(driverHash(driverId, { page, state: state === 'all' ? '' : state, version: exact }));
  const openForm = (existing) => {
    formSlot.replaceChildren(versionForm(ctx, driverId, {
      existing,
      onDone: (v, note) => {
        // The status line outlives the reload, so the package's SHA-256 stays readable after the form is gone.
        ctx.status(`${existing ? 'Saved' : 'Created'} version ${v}. ${note}`.trim(), note ? 60_000 : 6000);
        formSlot.replaceChildren();
        reload();
      },
      onCancel: () => formSlot.replaceChildren(),
    }));
    formSlot.querySelector('input:not([readonly]), textarea')?.focus();
    formSlot.scrollIntoView({ block: 'nearest' });
  };
  const act = async (kind, v) => {
    try {
      if (kind === 'edit') return openForm(v);
      if (kind === 'download') return await downloadPackage(ctx, driverId, v.DriverVersion);
      const done = kind === 'publish' ? await publishVersion(ctx, driverId, v.DriverVersion) : await deleteVersion(ctx, driverId, v.DriverVersion);
      if (done) reload();
    } catch (e) {
      showError(errors, e);
    }
  };

  const stateSelect = select('state', Object.keys(STATES), { value: state });
  for (const option of stateSelect.options) option.textContent = option.value[0].toUpperCase() + option.value.slice(1);
  const exactInput = h('input', { name: 'version', value: exact, spellcheck: 'false', autocomplete: 'off' });
  const filters = h('form', { class: 'inline', 'aria-label': 'Filter versions' },
    field('State', stateSelect), field('Exact version', exactInput), h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(driverHash(driverId, { state: stateSelect.value === 'all' ? '' : stateSelect.value, version: exactInput.value.trim() }));
  });
  stateSelect.addEventListener('change', () => filters.requestSubmit());

  const view = h('section', { class: 'page' },
    h('p', { class: 'crumbs' }, h('a', { href: driversHash() }, 'Drivers'), ' / '),
    h('div', { class: 'page-head' }, title,
      h('div', { class: 'actions' },
        actionButton(ctx, 'CreateEdgeDriverVersion', 'Create version', () => openForm(null), { class: 'primary' }),
        actionButton(ctx, 'DeleteEdgeDriver', 'Delete driver', async () => {
          try {
            if (await deleteDriver(ctx, driverId, driverName)) ctx.navigate(driversHash());
          } catch (e) { showError(errors, e); }
        }, { class: 'danger' }))),
    facts, errors, formSlot,
    h('h2', null, 'Versions'),
    h('div', { class: 'toolbar' }, filters),
    h('div', { class: 'table-wrap' }, table),
    pagerSlot);

  ctx.client.call('BatchGetEdgeDriver', { 'DriverIds.1': driverId }).then((answer) => {
    if (signal.aborted) return;
    const d = answer.DriverList?.[0];
    if (!d) {
      showError(errors, { code: 'iot.edge.DriverNotExist', message: 'No such driver in this account and instance.' });
      return;
    }
    driverName = d.DriverName;
    title.textContent = d.DriverName;
    document.title = `${d.DriverName} · EdgeRegistry`;
    facts.replaceChildren(...[
      ['DriverId', h('code', { class: 'mono' }, d.DriverId)], ['Protocol', d.DriverProtocol], ['Runtime', d.Runtime],
      ['CPU architecture', d.CpuArch || '—'], ['Built in', d.IsBuiltIn ? 'Yes' : 'No'], ['Created', created(d.GmtCreateTimestamp)],
    ].flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
  }, (e) => { if (!signal.aborted) showError(errors, e); });

  ctx.client.call('QueryEdgeDriverVersion', {
    DriverId: driverId, ...pageParams(page), VersionState: STATES[state] || undefined, DriverVersion: exact || undefined,
  }).then((answer) => {
    if (signal.aborted) return;
    performance.mark('versions-answer');
    const { DriverVersionList: versions = [], Total: total = 0 } = answer.Data ?? {};
    body.replaceChildren(...versionRows(ctx, driverId, versions, act));
    table.removeAttribute('aria-busy');
    table.getBoundingClientRect(); // lay the rows out inside the measurement
    performance.measure('versions-render', 'versions-answer');
    pagerSlot.replaceChildren(pager({
      label: 'Versions pages', page, total, pageSize: MAX_PAGE_SIZE, noun: 'version',
      go: (p) => ctx.navigate(driverHash(driverId, { page: p, state: state === 'all' ? '' : state, version: exact })),
    }));
  }, (e) => {
    if (signal.aborted) return;
    table.removeAttribute('aria-busy');
    showError(errors, e);
  });
  clearError(errors);
  return view;
}
