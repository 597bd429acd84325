// What every server-backed test file uses: one EdgeRegistry per file (started in `before`, stopped in
// `after`), clients that respect the per-API quotas of api.md section 6, raw signed requests, and a
// `test` that prints the HTTP exchanges and the server output of a failing test.
import { after, before, test as nodeTest } from 'node:test';
import { startServer } from './server.mjs';
import { describeExchange, startTraceProxy } from './trace-proxy.mjs';
import { signedQuery, v1Params } from './sign.mjs';

// api.md section 6: calls per second per account. Anything else gets the lower figure.
const QUOTA = {
  CreateEdgeDriver: 10,
  CreateEdgeDriverVersion: 10,
  UpdateEdgeDriverVersion: 10,
  GetEdgeDriverVersion: 10,
  QueryEdgeDriverVersion: 10,
  DeleteEdgeDriverVersion: 10,
  ReleaseEdgeDriverVersion: 10,
};
const DEFAULT_QUOTA = 5;
// Over a second, whatever window shape the server counts in. The pacer sees when a call is sent, the server counts
// when it arrives, and a loaded machine (or two replicas on PostgreSQL) can hold a call back by a few hundred
// milliseconds: with 1.1 s, CI saw Throttling.User in both modes. 1.6 s leaves 600 ms for that.
const WINDOW_MS = 1600;

/** Never more than the quota of calls to one action in any WINDOW_MS, across all clients of a server. */
export function makePacer() {
  const recent = new Map();
  let chain = Promise.resolve();
  return (action) => {
    const turn = chain.then(async () => {
      const limit = QUOTA[action] ?? DEFAULT_QUOTA;
      const times = recent.get(action) ?? [];
      const now = Date.now();
      while (times.length && now - times[0] >= WINDOW_MS) times.shift();
      if (times.length >= limit) {
        await new Promise((r) => setTimeout(r, WINDOW_MS - (now - times[0])));
        times.shift();
      }
      times.push(Date.now());
      recent.set(action, times);
    });
    chain = turn;
    return turn;
  };
}

let current = null;

/**
 * Registers the file's server; returns a holder whose `.server` is set once `before` has run. `setup`, if
 * given, runs in the same hook once the server is up: Node 20 does not wait for one top-level `before`
 * hook to finish before starting the next, so a file must not add its own.
 */
export function useServer(setup) {
  const ctx = { server: null };
  before(async () => {
    const server = await startServer();
    // Two replicas need the proxy: it is their load balancer, alternating requests between them.
    const direct = process.env.EDGEREG_INTEROP_PROXY === '0' && !server.replicas;
    const proxy = direct ? null : await startTraceProxy(server.ports ?? [server.port]);
    const port = proxy ? proxy.port : server.port;
    const pace = makePacer();
    ctx.server = {
      ...server,
      port,
      serverPort: server.port,
      baseUrl: `http://127.0.0.1:${port}`,
      host: `127.0.0.1:${port}`,
      proxy,
      pace,
      clientOptions: { port, accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret, pace },
      stop: async () => { await proxy?.close(); await server.stop(); },
    };
    current = ctx.server;
    await setup?.(ctx.server);
  });
  after(async () => {
    await ctx.server?.stop();
    current = null;
  });
  return ctx;
}

/** node:test's `test`, plus: on failure, print the exchanges the test made and what the server logged. */
export function test(name, fn) {
  return nodeTest(name, async (t) => {
    const server = current;
    const fromSeq = server?.proxy?.nextSeq() ?? 0;
    const fromLog = server?.output().length ?? 0;
    try {
      await fn(t);
    } catch (err) {
      if (server) {
        const exchanges = server.proxy?.since(fromSeq) ?? [];
        for (const e of exchanges.slice(-6)) t.diagnostic(describeExchange(e));
        if (exchanges.length > 6) t.diagnostic(`(${exchanges.length - 6} earlier exchanges not shown)`);
        const log = server.output().slice(fromLog);
        if (log.trim()) t.diagnostic(`server output:\n${log.slice(-3000)}`);
      }
      throw err;
    }
  });
}

/**
 * A raw V1-signed request (no official client), for what the clients cannot send. `params` override the
 * common parameters; `undefined` leaves one out. Returns { status, headers, text, json, url, body }.
 */
export async function rawV1(server, action, params = {}, { method = 'GET', secret = server.accessKeySecret } = {}) {
  await server.pace(action);
  const all = v1Params(action, server.accessKeyId, params);
  const signed = signedQuery(method, all, secret);
  const url = method === 'GET' ? `${server.baseUrl}/?${signed}` : `${server.baseUrl}/`;
  const init = method === 'GET' ? { method } : { method, body: signed, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  return send(url, init);
}

export async function send(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json, url, body: init.body };
}

let counter = 0;
/** A unique driver name: letters, digits, underscores, 1-20 chars, starting with a letter. */
export function driverName(prefix = 'drv') {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${counter}_${rand}`.replace(/[^A-Za-z0-9_]/g, '').slice(0, 20);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
