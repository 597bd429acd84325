import { field, h } from '../dom.js';
import { created } from '../format.js';
import { clampPage, pageParams, MAX_PAGE_SIZE } from '../paging.js';
import { driverHash, driversHash } from '../router.js';
import { actionButton } from './action-button.js';
import { alertRegion, clearError, showError } from './alert.js';
import { driverForm } from './driver-form.js';
import { pager } from './pager.js';
import { withIdTooltip } from './tooltip.js';

/** The Drivers page: QueryEdgeDriver paged and filtered by name, and the Create driver form. */
export function driversPage(ctx, route, signal) {
  const page = clampPage(route.query.get('page'));
  const name = route.query.get('name') ?? '';
  const errors = alertRegion();
  const formSlot = h('div');
  const search = h('input', { type: 'search', name: 'name', value: name, spellcheck: 'false' });
  const searchForm = h('form', { role: 'search', class: 'inline', 'aria-label': 'Search drivers' },
    field('Search by name', search), h('button', { type: 'submit' }, 'Search'));
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(driversHash({ name: search.value.trim() }));
  });
  const create = actionButton(ctx, 'CreateEdgeDriver', 'Create driver', () => {
    create.setAttribute('aria-expanded', 'true');
    formSlot.replaceChildren(driverForm(ctx, {
      onCreated: (driverId) => ctx.navigate(driverHash(driverId)),
      onCancel: () => { formSlot.replaceChildren(); create.setAttribute('aria-expanded', 'false'); create.focus(); },
    }));
    formSlot.querySelector('input')?.focus();
  }, { class: 'primary', 'aria-expanded': 'false' });

  const body = h('tbody');
  const table = h('table', { 'aria-labelledby': 'drivers-title', 'aria-busy': 'true' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Protocol'), h('th', { scope: 'col' }, 'Runtime'),
      h('th', { scope: 'col' }, 'CPU architecture'), h('th', { scope: 'col' }, 'Created'))),
    body);
  const pagerSlot = h('div');
  const view = h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { id: 'drivers-title' }, 'Drivers'), create),
    formSlot,
    h('div', { class: 'toolbar' }, searchForm),
    errors,
    h('div', { class: 'table-wrap' }, table),
    pagerSlot);

  (async () => {
    try {
      const answer = await ctx.client.call('QueryEdgeDriver', { ...pageParams(page), Type: 1, DriverName: name || undefined });
      if (signal.aborted) return;
      const { DriverList: drivers = [], Total: total = 0 } = answer.Data ?? {};
      body.replaceChildren(...(drivers.length ? drivers.map(driverRow) : [emptyRow(name)]));
      pagerSlot.replaceChildren(pager({
        label: 'Drivers pages', page, total, pageSize: MAX_PAGE_SIZE, noun: 'driver',
        go: (p) => ctx.navigate(driversHash({ name, page: p })),
      }));
      clearError(errors);
    } catch (e) {
      if (!signal.aborted) showError(errors, e);
    } finally {
      table.removeAttribute('aria-busy');
    }
  })();
  return view;
}

function driverRow(d) {
  const link = h('a', { href: driverHash(d.DriverId) }, d.DriverName);
  return h('tr', null,
    h('td', null, withIdTooltip(link, d.DriverId)),
    h('td', null, d.DriverProtocol), h('td', null, d.Runtime), h('td', null, d.CpuArch || '—'),
    h('td', null, h('time', { datetime: new Date(d.GmtCreateTimestamp).toISOString() }, created(d.GmtCreateTimestamp))));
}

function emptyRow(name) {
  return h('tr', null, h('td', { colspan: 5, class: 'empty' }, name ? `No driver name contains "${name}".` : 'No drivers yet: create one.'));
}
