// Page arithmetic shared by the drivers and versions tables; the API pages from 1 and caps PageSize at 30.
export const MAX_PAGE_SIZE = 30;

export function pageCount(total, pageSize) {
  return Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
}

/** A page number from user input (the URL), kept within 1..max (max unknown before the first answer). */
export function clampPage(value, max = Infinity) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(Math.max(1, n), Math.max(1, max)) : 1;
}

export function pageParams(page, pageSize = MAX_PAGE_SIZE) {
  return { CurrentPage: page, PageSize: Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE) };
}

/** "Page 2 of 3 (45 versions)", or "No versions" for an empty result. */
export function pageSummary(page, total, pageSize, noun) {
  if (total === 0) return `No ${noun}s`;
  return `Page ${page} of ${pageCount(total, pageSize)} (${total} ${noun}${total === 1 ? '' : 's'})`;
}

export function hasPrevious(page) {
  return page > 1;
}

export function hasNext(page, total, pageSize) {
  return page < pageCount(total, pageSize);
}
