import { h } from '../dom.js';
import { hasNext, hasPrevious, pageSummary } from '../paging.js';

/** Previous / "Page n of m" / Next for a paged table; `go(page)` changes the page. */
export function pager({ label, page, total, pageSize, noun, go }) {
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', disabled: !hasPrevious(page), onclick: () => go(page - 1) }, 'Previous page'),
    h('span', { class: 'pager-summary' }, pageSummary(page, total, pageSize, noun)),
    h('button', { type: 'button', disabled: !hasNext(page, total, pageSize), onclick: () => go(page + 1) }, 'Next page'));
}
