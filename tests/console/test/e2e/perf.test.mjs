// The console's numbers on this machine: bytes transferred and time to interactive on a first load (empty cache),
// and how long a page of 30 versions takes to render once its answer is in. Written to
// artifacts/console-metrics.json and printed as TAP diagnostics; the README quotes them.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { launch, signIn } from '../../lib/browser.mjs';
import { adminClient, startServer } from '../../lib/server.mjs';
import { REPO_ROOT } from '../../lib/site.mjs';

const LOADS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const metrics = {};

describe('performance', () => {
  let server, browser, driverId;
  before(async () => {
    server = await startServer();
    const admin = await adminClient(server);
    await admin.expect(204, 'PUT', `/admin/accounts/${await admin.defaultAccountId()}/quotas/*`, { limitPerSecond: null });
    const api = apiClient(server);
    driverId = (await api('CreateEdgeDriver', { DriverName: 'perf', DriverProtocol: 'modbus', Runtime: 'python3' })).DriverId;
    for (let i = 1; i <= 30; i++) {
      await api('CreateEdgeDriverVersion', {
        DriverId: driverId, DriverVersion: `1.0.${i}`, EdgeVersion: '2.4.0', Description: `Version ${i} of the perf driver, with a description of ordinary length`,
        ContainerConfig: '{"privileged":0,"hostNetworkMode":0,"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}',
      });
    }
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await mkdir(path.join(REPO_ROOT, 'artifacts'), { recursive: true });
    await writeFile(path.join(REPO_ROOT, 'artifacts/console-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  });

  it('first load: < 300 KB transferred, interactive in < 1 s', async (t) => {
    const bytes = [];
    const interactive = [];
    const walls = [];
    // One load first, not counted: the server's first answers of its static files include JIT compilation.
    for (let i = -1; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // an empty cache each time
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      let transferred = 0;
      cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
      const started = Date.now();
      await page.goto(`${server.baseUrl}/console/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      const wall = Date.now() - started;
      const ready = await page.evaluate(() => performance.getEntriesByName('console-ready')[0].startTime);
      await context.close();
      if (i < 0) continue;
      bytes.push(transferred);
      // Interactive = the page's own mark after main.js wired the sign-in form, from navigation start; the wall
      // time seen from Node adds Playwright's round trips and is reported beside it.
      interactive.push(ready);
      walls.push(wall);
    }
    metrics.firstLoadBytes = median(bytes);
    metrics.firstLoadInteractiveMs = Math.round(median(interactive));
    metrics.firstLoadInteractiveMsMax = Math.round(Math.max(...interactive));
    metrics.firstLoadWallMs = Math.round(median(walls));
    t.diagnostic(`first load: ${metrics.firstLoadBytes} bytes transferred; interactive after ${metrics.firstLoadInteractiveMs} ms (median of ${LOADS}, max ${metrics.firstLoadInteractiveMsMax} ms; ${metrics.firstLoadWallMs} ms as seen from Node)`);
    assert.ok(metrics.firstLoadBytes < 300 * 1024, `${metrics.firstLoadBytes} bytes`);
    assert.ok(metrics.firstLoadInteractiveMs < 1000, `${metrics.firstLoadInteractiveMs} ms`);
  });

  it('a page of 30 versions renders in < 100 ms after the answer arrives', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/console/`);
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    const renders = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${server.baseUrl}/console/#/drivers/${driverId}?page=${i % 2 ? 1 : ''}`);
      await page.reload();
      await page.getByText('Page 1 of 1 (30 versions)').waitFor();
      assert.equal(await page.getByRole('table', { name: 'Versions' }).getByRole('row').count(), 31);
      renders.push(await page.evaluate(() => performance.getEntriesByName('versions-render').at(-1).duration));
    }
    metrics.versionsPageRenderMs = Number(median(renders).toFixed(1));
    metrics.versionsPageRenderMsMax = Number(Math.max(...renders).toFixed(1));
    t.diagnostic(`30-version page: rendered ${metrics.versionsPageRenderMs} ms after the answer (median of ${LOADS}, max ${metrics.versionsPageRenderMsMax} ms)`);
    assert.ok(metrics.versionsPageRenderMs < 100, `${metrics.versionsPageRenderMs} ms`);
    await context.close();
  });
});
