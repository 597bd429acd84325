// Hash routes, so the server serves one page and every view has a URL (reload, back, bookmarks):
//   #/drivers?page=&name=            the drivers table
//   #/drivers/<id>?page=&state=&version=  a driver and its versions
//   #/drivers/<id>/versions/<version>     one version, every field
export function parseHash(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function hashFor(parts, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const text = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export const driversHash = (query) => hashFor(['drivers'], query);
export const driverHash = (driverId, query) => hashFor(['drivers', driverId], query);
export const versionHash = (driverId, version) => hashFor(['drivers', driverId, 'versions', version]);
