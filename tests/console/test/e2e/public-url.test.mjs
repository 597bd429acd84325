// A server whose public URL is another origin (a reverse proxy's, with a path prefix): the object links it hands out
// point there, yet the console's uploads and downloads stay on its own origin (the CSP allows no other) and work.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { assertCleanConsole, launch, openConsole, signIn } from '../../lib/browser.mjs';
import { startServer } from '../../lib/server.mjs';

const PUBLIC_URL = 'http://proxy.invalid:9000/registry';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

describe('a server behind a public URL on another origin', () => {
  let server, browser;
  before(async () => {
    process.env.EDGEREG_PUBLIC_URL = PUBLIC_URL;
    try { server = await startServer(); } finally { delete process.env.EDGEREG_PUBLIC_URL; }
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads to and downloads from its own origin', async () => {
    const api = apiClient(server);
    const driverId = (await api('CreateEdgeDriver', { DriverName: 'proxied', DriverProtocol: 'modbus', Runtime: 'python3' })).DriverId;
    const { page, record } = await openConsole(browser, server);
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/console/#/drivers/${driverId}`);
    await page.getByRole('button', { name: 'Create version' }).click();
    const form = page.getByRole('form', { name: 'Create version' });
    await form.getByLabel('Version', { exact: true }).fill('1.0.0');
    await form.getByLabel('Edge version').fill('2.4.0');
    const pkg = randomBytes(300_000);
    await form.getByLabel('Package').setInputFiles({ name: 'proxied.zip', mimeType: 'application/zip', buffer: pkg });
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('status').getByText(`SHA-256 ${sha256(pkg)}`, { exact: false }).waitFor();

    const source = JSON.parse((await api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' })).Data.SourceConfig);
    assert.ok(source.ossAddress.startsWith(`${PUBLIC_URL}/oss/`), source.ossAddress);
    const row = page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ hasText: '1.0.0' });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download package' }).click()]);
    assert.equal(sha256(await readFile(await download.path())), sha256(pkg));
    assert.ok(record.requests.every((r) => new URL(r.url).origin === server.baseUrl), 'every request went to the console\'s origin');
    assertCleanConsole(record);
  });
});
