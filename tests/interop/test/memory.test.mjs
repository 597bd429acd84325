// Packages are streamed, never held whole in memory (issue 3): a 64 MiB upload and download must not grow the
// server's peak RSS by anything near 64 MiB. A quick guard for every run; the 1 GiB measurement the issue asks
// for is tests/packages/upload-1gib.sh (opt-in, ~20 s). Linux only: it reads /proc/<pid>/status.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, test, useServer } from '../lib/harness.mjs';

const ctx = useServer();
const TYPED_V3 = CLIENT_KINDS[4];
const MIB = 1024 * 1024;
const SIZE = 64 * MIB;
const MAX_GROWTH = 24 * MIB; // the 1 GiB run measures ~10-12 MiB: a buffered body would show 64 MiB or more

const status = (pid, field) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))[1]) * 1024;

/** Runs `work` and returns the server's peak RSS growth over it (VmHWM after a reset, or sampled VmRSS). */
async function peakGrowth(pid, work) {
  const before = status(pid, 'VmRSS');
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* not allowed here: the samples still count */ }
  let sampled = before;
  const timer = setInterval(() => { sampled = Math.max(sampled, status(pid, 'VmRSS')); }, 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(status(pid, 'VmHWM'), sampled) - before;
}

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

test('a 64 MiB upload and download do not grow the server\'s memory by the size of the package', async (t) => {
  if (!existsSync('/proc/self/status')) {
    t.skip('no /proc');
    return;
  }
  const c = TYPED_V3.make(ctx.server);
  const { pid } = ctx.server;
  const id = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Mem'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  const presign = async (version) => expectOk(await c.call('CreateEdgeOssPreSignedAddress',
    { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: version, FileName: 'big.zip' })).Data;

  // Warm-up: the first upload JITs the path and fills pools, which is not what is measured.
  const warm = await presign('0.0.1');
  assert.equal((await fetch(warm.OssPreSignedAddress, { method: 'PUT', body: randomBytes(MIB) })).status, 200);

  const addr = await presign('1.0.0');
  const sent = createHash('sha256');
  let answer;
  const upload = await peakGrowth(pid, async () => {
    const res = await fetch(addr.OssPreSignedAddress, { method: 'PUT', body: randomStream(SIZE, sent), duplex: 'half' });
    answer = { status: res.status, sha: res.headers.get('x-oss-hash-sha256'), text: await res.text() };
  });
  assert.equal(answer.status, 200, answer.text);
  const digest = sent.digest('hex');
  assert.equal(answer.sha, digest);

  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress: addr.OssAddress }) }));
  const link = JSON.parse(expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data.SourceConfig).temporaryOssAddress;
  const received = createHash('sha256');
  const download = await peakGrowth(pid, async () => {
    const res = await fetch(link);
    assert.equal(res.status, 200);
    for await (const chunk of res.body) received.update(chunk);
  });
  assert.equal(received.digest('hex'), digest);

  const mib = (n) => (n / MIB).toFixed(1);
  console.log(`# 64 MiB: server peak RSS growth ${mib(upload)} MiB on upload, ${mib(download)} MiB on download`);
  assert.ok(upload < MAX_GROWTH, `the upload grew the server's peak RSS by ${mib(upload)} MiB`);
  assert.ok(download < MAX_GROWTH, `the download grew the server's peak RSS by ${mib(download)} MiB`);
});
