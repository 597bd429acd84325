// The signed-in key lives in this tab's sessionStorage only: closing the tab or signing out forgets it, and no
// other tab or later visit can read it.
const KEY = 'edgereg.session';

export function loadSession(storage = sessionStorage) {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null');
    return value?.accessKeyId && value?.secret ? value : null;
  } catch {
    return null;
  }
}

export function saveSession({ accessKeyId, secret, instanceId }, storage = sessionStorage) {
  storage.setItem(KEY, JSON.stringify({ accessKeyId, secret, instanceId: instanceId || '' }));
}

export function clearSession(storage = sessionStorage) {
  storage.removeItem(KEY);
  storage.removeItem('edgereg.denied');
}
