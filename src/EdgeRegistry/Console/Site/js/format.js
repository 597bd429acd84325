// How stored values read on the page. Everything ends up in text nodes: see dom.js.
export const PROTOCOLS = ['modbus', 'opc-ua', 'customize'];
export const RUNTIMES = ['nodejs8', 'python3', 'c', 'java8'];
export const CPU_ARCHES = ['ARMv7', 'ARMv7-HF', 'AArch64', 'x86-64', 'x86'];

export function stateName(versionState) {
  return String(versionState) === '1' ? 'Published' : 'Unpublished';
}

/** Local time, to the minute; the API's timestamps are Unix milliseconds. */
export function created(ms) {
  if (!ms) return '';
  const d = new Date(Number(ms));
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** JSON parameters come back as strings; shown indented when they parse, as they are otherwise. */
export function prettyJson(text) {
  if (!text) return '';
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The stored package's URL without the download link the server adds to each answer. */
export function packageOf(sourceConfig) {
  if (!sourceConfig) return null;
  try {
    const parsed = JSON.parse(sourceConfig);
    if (!parsed?.ossAddress) return null;
    const { temporaryOssAddress, ...stored } = parsed;
    const fileName = decodeURIComponent(new URL(parsed.ossAddress, 'http://x').pathname.split('/').pop() ?? '');
    return { stored: JSON.stringify(stored), fileName, downloadUrl: temporaryOssAddress ?? '' };
  } catch {
    return null;
  }
}

/**
 * An object link moved onto this page's server: the console's origin and path prefix, then the link's own
 * `oss/…` path and query. Links are signed over method, expiry and key, never the host, so the moved link is
 * valid, and the upload or download stays same-origin (the CSP's connect-src 'self') whatever public URL the
 * server hands out.
 */
export function onThisServer(url, root = new URL('../', location.href).href) {
  const u = new URL(url);
  const at = u.pathname.indexOf('/oss/');
  return new URL(`${u.pathname.slice(at + 1)}${u.search}`, root).href;
}
