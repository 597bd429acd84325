// Boot: session, routes, and the services every view gets in `ctx`.
import { h } from './dom.js';
import { createPermissions } from './permissions.js';
import { createClient } from './rpc.js';
import { parseHash } from './router.js';
import { clearSession, loadSession } from './session.js';
import { markDenied } from './views/action-button.js';
import { driverPage } from './views/driver-page.js';
import { driversPage } from './views/drivers-page.js';
import { signInView } from './views/sign-in.js';
import { versionPage } from './views/version-page.js';

const main = document.getElementById('main');
const sessionNav = document.getElementById('session');
const statusLine = document.getElementById('status');
const permissions = createPermissions();
let statusTimer = 0;
let current = new AbortController();

const ctx = {
  client: null,
  permissions,
  clientOptions: {
    onForbidden: (action) => permissions.deny(action),
    onRetry: (action, attempt, delayMs, max) => status(
      `Throttling.User: the account's quota for ${action} is used up; retrying in ${(delayMs / 1000).toFixed(1)} s (retry ${attempt} of ${max}).`,
      delayMs + 2000),
  },
  navigate(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
  },
  signedIn() {
    permissions.reset();
    connect();
    permissions.probe(ctx.client.call);
    ctx.navigate('#/drivers');
  },
  status,
};

function status(text, clearAfterMs = 6000) {
  statusLine.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { statusLine.textContent = ''; }, clearAfterMs);
}

function connect() {
  const session = loadSession();
  ctx.client = session ? createClient(session, ctx.clientOptions) : null;
  renderSessionNav(session);
  return session;
}

function renderSessionNav(session) {
  if (!session) {
    sessionNav.replaceChildren();
    return;
  }
  sessionNav.replaceChildren(
    h('span', { class: 'who' }, h('span', { class: 'mono' }, session.accessKeyId), ' · ',
      session.instanceId ? h('span', { class: 'mono' }, session.instanceId) : 'Public instance'),
    h('a', { href: '#/drivers' }, 'Drivers'),
    h('button', { type: 'button', onclick: signOut }, 'Sign out'));
}

function signOut() {
  clearSession();
  permissions.reset();
  connect();
  ctx.navigate('#/signin');
}

const routes = [
  [(p) => p.length === 1 && p[0] === 'drivers', (r, s) => driversPage(ctx, r, s)],
  [(p) => p.length === 2 && p[0] === 'drivers', (r, s) => driverPage(ctx, r.parts[1], r, s)],
  [(p) => p.length === 4 && p[0] === 'drivers' && p[2] === 'versions', (r, s) => versionPage(ctx, r.parts[1], r.parts[3], s)],
];

function render() {
  current.abort();
  current = new AbortController();
  const route = parseHash(location.hash);
  let view;
  if (!ctx.client) {
    view = signInView(ctx);
  } else {
    const match = routes.find(([test]) => test(route.parts));
    if (!match) {
      if (location.hash !== '#/drivers') location.replace('#/drivers');
      view = driversPage(ctx, parseHash('#/drivers'), current.signal);
    } else {
      view = match[1](route, current.signal);
    }
  }
  main.replaceChildren(view);
  document.title = `${view.querySelector('h1')?.textContent ?? 'Console'} · EdgeRegistry`;
}

permissions.onChange((action) => {
  for (const button of document.querySelectorAll(`[data-action="${action}"]`)) markDenied(button, action);
});
window.addEventListener('hashchange', () => {
  render();
  main.focus({ preventScroll: true });
});
connect();
render();
document.documentElement.dataset.ready = 'true';
performance.mark('console-ready');
