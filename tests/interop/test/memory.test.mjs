// Packages are streamed, never held whole in memory (issue 3: "a 1 GiB upload must not grow the server's memory
// by more than a few MiB"). Measured on the server's peak RSS (/proc/<pid>/status), so Linux only.
//
// The first long transfer of a fresh process costs a one-time ~10 MiB that is the .NET runtime's, not the
// upload's: methods reaching tier-1 (PGO) code, the GC and Kestrel's pinned block pool committing their working
// size. A bare Kestrel endpoint that copies a body to a file grows as much (bench/memory/, bench/RESULTS.md). So
// the first upload gets a bound that only catches buffering; the bound of "a few MiB" is asserted on the two
// uploads after it, and a bounded buffer per connection on uploads running side by side. Downloads allocate about 12 MB
// per GiB inside ASP.NET Core's stream copy and Kestrel's flushes, so their peak also shows the GC's gen0 budget
// being committed (6-8 MiB, twice over, before it settles): their bound only catches buffering.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, test, useServer } from '../lib/harness.mjs';

const ctx = useServer();
const TYPED_V3 = CLIENT_KINDS[4];
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const FIRST_TRANSFER_BOUND = 32 * MIB; // measured 9-13 MiB; a buffered body would show 1 GiB
const WARM_BOUND = 8 * MIB; // the second and third 1 GiB uploads together: measured 0.4-4.5 MiB
const PARALLEL = 4;
const PARALLEL_BOUND = PARALLEL * 4 * MIB; // each connection may fill Kestrel's 1 MiB request buffer

const mib = (n) => (n / MIB).toFixed(1);
const status = (pid, field) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))[1]) * 1024;

/** Runs `work` and returns the servers' peak RSS growth over it (VmHWM after a reset, or sampled VmRSS), summed over `pids`. */
async function peakGrowth(pids, work) {
  const list = [pids].flat();
  const before = list.map((pid) => status(pid, 'VmRSS'));
  for (const pid of list) {
    try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* not allowed here: the samples still count */ }
  }
  const sampled = [...before];
  const timer = setInterval(() => list.forEach((pid, i) => { sampled[i] = Math.max(sampled[i], status(pid, 'VmRSS')); }), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return list.reduce((sum, pid, i) => sum + Math.max(status(pid, 'VmHWM'), sampled[i]) - before[i], 0);
}

/** `total` random bytes, made as they are read (the client holds 1 MiB at a time), hashed into `hash`. */
function randomStream(total, hash) {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) { controller.close(); return; }
      const chunk = randomBytes(Math.min(MIB, total - sent));
      hash.update(chunk);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

/** A driver with a helper per step: presign a version's package, PUT a body there, publish a link to read it. */
async function packageDriver(server) {
  const c = TYPED_V3.make(server);
  const id = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Mem'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  return {
    async upload(version, size) {
      const addr = expectOk(await c.call('CreateEdgeOssPreSignedAddress',
        { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: version, FileName: 'big.zip' })).Data;
      return { ossAddress: addr.OssAddress, url: addr.OssPreSignedAddress, put: () => put(addr.OssPreSignedAddress, size) };
    },
    async temporaryAddress(version, ossAddress) {
      expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: version, EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress }) }));
      return JSON.parse(expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: version })).Data.SourceConfig).temporaryOssAddress;
    },
  };
}

/** PUTs `size` random bytes; checks the server stored what was sent; returns the SHA-256. */
async function put(url, size) {
  const sent = createHash('sha256');
  const res = await fetch(url, { method: 'PUT', body: randomStream(size, sent), duplex: 'half' });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const digest = sent.digest('hex');
  assert.equal(res.headers.get('x-oss-hash-sha256'), digest, 'the stored object differs from the bytes sent');
  return digest;
}

async function downloadDigest(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  const received = createHash('sha256');
  for await (const chunk of res.body) received.update(chunk);
  return received.digest('hex');
}

const skipWithoutProc = (t) => {
  if (existsSync('/proc/self/status')) return false;
  t.skip('no /proc');
  return true;
};

test('1 GiB uploads and downloads are streamed: once warm, two more 1 GiB uploads grow the server by a few MiB', async (t) => {
  if (skipWithoutProc(t)) return;
  // In scale-out mode each link names the replica that made it, so each transfer is measured on that replica's
  // process, and the first transfer of each process gets the first-transfer bound (the runtime's one-time cost).
  const pidOf = (url) => ctx.server.pidFor?.(url) ?? ctx.server.pid;
  const driver = await packageDriver(ctx.server);
  const empty = await driver.upload('0.0.1', 0);
  await empty.put(); // the first request of the path; an empty body, so no transfer warms anything

  const uploads = [];
  const warmed = new Set();
  let last;
  let lastDigest;
  for (const version of ['1.0.0', '1.0.1', '1.0.2']) {
    last = await driver.upload(version, GIB);
    const pid = pidOf(last.url);
    uploads.push({ first: !warmed.has(pid), growth: await peakGrowth(pid, async () => { lastDigest = await last.put(); }) });
    warmed.add(pid);
  }
  const link = await driver.temporaryAddress('1.0.2', last.ossAddress);
  const downloads = [];
  for (let i = 0; i < 2; i++) {
    let digest;
    downloads.push(await peakGrowth(pidOf(link), async () => { digest = await downloadDigest(link); }));
    assert.equal(digest, lastDigest, 'the download differs from the upload');
  }

  console.log(`# 1 GiB, server peak RSS growth: uploads ${uploads.map((u) => mib(u.growth) + (u.first && warmed.size > 1 ? ' (first on its replica)' : '')).join(', ')} MiB; downloads ${downloads.map(mib).join(', ')} MiB`);
  const warmTotal = uploads.filter((u) => !u.first).reduce((a, u) => a + u.growth, 0);
  for (const u of uploads.filter((u) => u.first)) {
    assert.ok(u.growth < FIRST_TRANSFER_BOUND, `the first 1 GiB upload of a server grew its peak RSS by ${mib(u.growth)} MiB`);
  }
  // Through PostgreSQL (scale-out) a warm upload still grew 0.5-8.4 MiB (Npgsql's COPY buffers settling): there each
  // one is held to issue 9's bound for a 1 GiB upload through one replica, < 32 MiB; embedded, to the tighter one.
  if (ctx.server.replicas) {
    for (const u of uploads.filter((w) => !w.first)) {
      assert.ok(u.growth < FIRST_TRANSFER_BOUND, `a warm 1 GiB upload grew its replica's peak RSS by ${mib(u.growth)} MiB`);
    }
  } else {
    assert.ok(warmTotal < WARM_BOUND, `the next two 1 GiB uploads grew the server's peak RSS by ${mib(warmTotal)} MiB`);
  }
  for (const growth of downloads) {
    assert.ok(growth < FIRST_TRANSFER_BOUND, `a 1 GiB download grew the server's peak RSS by ${mib(growth)} MiB`);
  }
});

test(`${PARALLEL} uploads of 256 MiB side by side grow the server by a bounded buffer each, not by their size`, async (t) => {
  if (skipWithoutProc(t)) return;
  const driver = await packageDriver(ctx.server);
  const uploads = [];
  for (let i = 0; i < PARALLEL; i++) uploads.push(await driver.upload(`2.0.${i}`, 256 * MIB));
  // In scale-out mode the links may name both replicas: the bound then holds for their growth together.
  const pids = [...new Set(uploads.map((u) => ctx.server.pidFor?.(u.url) ?? ctx.server.pid))];
  const growth = await peakGrowth(pids, () => Promise.all(uploads.map((u) => u.put())));
  console.log(`# ${PARALLEL} x 256 MiB side by side: server peak RSS growth ${mib(growth)} MiB`);
  assert.ok(growth < PARALLEL_BOUND, `${PARALLEL} parallel uploads grew the server's peak RSS by ${mib(growth)} MiB`);
});
