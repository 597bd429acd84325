// A driver's versions in Chromium: Create version with JSON editors and a 5 MiB package (progress, SHA-256, the
// bytes checked through the API), paging through 45 versions, filters, Publish through the dialog, Edit, Delete,
// the details view, Download package, and the guarded Delete driver.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { assertCleanConsole, assertSecretNeverSent, launch, openConsole, screenshot, signIn } from '../../lib/browser.mjs';
import { adminClient, startServer } from '../../lib/server.mjs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

describe('versions', () => {
  let server, browser, page, record, api, driverId;
  const pkg = randomBytes(5 * 1024 * 1024);
  const versionsTable = () => page.getByRole('table', { name: 'Versions' });
  const row = (version) => versionsTable().getByRole('row').filter({ has: page.getByRole('link', { name: version, exact: true }) });

  before(async () => {
    server = await startServer();
    const admin = await adminClient(server);
    // The set-up below makes 45 versions at once; the console's own retries are tested with real quotas elsewhere.
    await admin.expect(204, 'PUT', `/admin/accounts/${await admin.defaultAccountId()}/quotas/*`, { limitPerSecond: null });
    api = apiClient(server);
    driverId = (await api('CreateEdgeDriver', { DriverName: 'opcua_gateway', DriverProtocol: 'opc-ua', Runtime: 'java8', CpuArch: 'x86-64' })).DriverId;
    browser = await launch();
    ({ page, record } = await openConsole(browser, server));
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await page.getByRole('table', { name: 'Drivers' }).getByRole('link', { name: 'opcua_gateway' }).click();
    await page.getByRole('heading', { name: 'opcua_gateway', level: 1 }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a version with JSON editors and a 5 MiB package, showing progress and the SHA-256', async () => {
    await page.getByRole('button', { name: 'Create version' }).click();
    const form = page.getByRole('form', { name: 'Create version' });
    await form.getByLabel('Version', { exact: true }).fill('1.0.0');
    await form.getByLabel('Edge version').fill('2.4.0');
    await form.getByLabel('Description').fill('First cut: reads holding registers');
    await form.getByLabel('Argument').fill('-Xmx64m');

    const container = form.getByLabel('ContainerConfig');
    await container.fill('{"privileged": 0, "portMappings": [{"hostPort": 0, "containerPort": 80, "protocol": "tcp"}]}');
    assert.equal(await container.getAttribute('aria-invalid'), 'true');
    assert.match(await form.getByText(/portMappings\[0\]: hostPort/).innerText(), /1 to 65535/);
    await container.fill('{"privileged": 0,\n "portMappings": [}');
    await form.getByText(/Not valid JSON at line 2, column \d+/).waitFor();
    await container.fill('{"privileged":0,"hostNetworkMode":0,"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}');
    assert.equal(await container.getAttribute('aria-invalid'), null);
    await form.getByLabel('DriverConfig').fill('[{"format":"JSON","content":"{\\"slave\\":1}"}]');
    await form.getByLabel('ConfigCheckRule').fill('{"deviceConfig":{"required":true},"driverConfig":{"required":false}}');
    await form.getByLabel('Package').setInputFiles({ name: 'driver.zip', mimeType: 'application/zip', buffer: pkg });
    await screenshot(page, 'create-version');

    // Slow the upload down (about 2 s) so the progress bar can be seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2.5 * 1024 * 1024 });
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    const progress = form.getByRole('progressbar');
    await progress.waitFor();
    await page.waitForFunction(() => { const p = document.querySelector('progress'); return p && p.value > 0 && p.value < 100; });
    await screenshot(page, 'create-version-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.getByRole('status').getByText(`SHA-256 ${sha256(pkg)}`, { exact: false }).waitFor();
    await row('1.0.0').waitFor();
    assert.match(await row('1.0.0').innerText(), /Unpublished[\s\S]*2\.4\.0[\s\S]*First cut/);
  });

  it('stored the exact bytes and every field (checked through the API)', async () => {
    const { Data: v } = await api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' });
    assert.equal(v.EdgeVersion, '2.4.0');
    assert.equal(v.Argument, '-Xmx64m');
    assert.equal(JSON.parse(v.ContainerConfig).portMappings[0].hostPort, 8080);
    assert.equal(JSON.parse(v.DriverConfig)[0].format, 'JSON');
    assert.equal(JSON.parse(v.ConfigCheckRule).deviceConfig.required, true);
    const source = JSON.parse(v.SourceConfig);
    assert.match(source.ossAddress, /\/oss\/driver\/.+\/DRIVER_VERSION_CONTENT\/.+\/1\.0\.0\/\d+\/driver\.zip$/);
    const download = await fetch(source.temporaryOssAddress);
    assert.equal(download.status, 200);
    const bytes = Buffer.from(await download.arrayBuffer());
    assert.equal(bytes.length, pkg.length);
    assert.equal(sha256(bytes), sha256(pkg));
    assert.equal(download.headers.get('x-oss-hash-sha256'), sha256(pkg));
  });

  it('pages through 45 versions, 30 at a time', async () => {
    for (let i = 1; i <= 44; i++) {
      await api('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: `2.0.${i}`, EdgeVersion: '2.4.0', Description: `bulk ${i}` });
    }
    await page.reload();
    await page.getByText('Page 1 of 2 (45 versions)').waitFor();
    assert.equal(await versionsTable().getByRole('row').count(), 31);
    assert.deepEqual((await versionsTable().getByRole('columnheader').allInnerTexts()).map((t) => t.trim()),
      ['Version', 'State', 'Edge version', 'Description', 'Created', 'Actions']);
    await screenshot(page, 'versions');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2 (45 versions)').waitFor();
    assert.equal(await versionsTable().getByRole('row').count(), 16);
    await row('1.0.0').waitFor();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Page 1 of 2 (45 versions)').waitFor();
  });

  it('publishes through a confirmation dialog, and Cancel changes nothing', async () => {
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2 (45 versions)').waitFor();
    await row('2.0.5').getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Publish version 2\.0\.5\?[\s\S]*immutable/);
    await screenshot(page, 'publish-dialog', { height: 560 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '2.0.5' })).Data.VersionState, '0');

    await row('2.0.5').getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await row('2.0.5').getByText('Published', { exact: true }).waitFor();
    for (const name of ['Publish', 'Edit', 'Delete']) {
      assert.equal(await row('2.0.5').getByRole('button', { name, exact: true }).count(), 0, name);
    }
    assert.equal((await api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '2.0.5' })).Data.VersionState, '1');
  });

  it('filters by state and by exact version', async () => {
    await page.getByLabel('State').selectOption({ label: 'Published' });
    await page.getByText('Page 1 of 1 (1 version)').waitFor();
    assert.deepEqual(await versionsTable().getByRole('link').allInnerTexts(), ['2.0.5']);
    await page.getByLabel('State').selectOption({ label: 'Unpublished' });
    await page.getByText('Page 1 of 2 (44 versions)').waitFor();
    await page.getByLabel('State').selectOption({ label: 'All' });
    await page.getByLabel('Exact version').fill('2.0.1');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Page 1 of 1 (1 version)').waitFor();
    assert.deepEqual(await versionsTable().getByRole('link').allInnerTexts(), ['2.0.1']);
    await page.getByLabel('Exact version').fill('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Page 1 of 2 (45 versions)').waitFor();
  });

  it('edits an unpublished version as a full replace, keeping the package', async () => {
    await page.getByRole('button', { name: 'Next page' }).click();
    await row('1.0.0').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit version 1.0.0' });
    assert.equal(await form.getByLabel('Edge version').inputValue(), '2.4.0');
    assert.equal(await form.getByLabel('Argument').inputValue(), '-Xmx64m');
    assert.match(await form.getByLabel('ContainerConfig').inputValue(), /8080/);
    await form.getByLabel('Edge version').fill('2.5.0');
    await form.getByLabel('Argument').fill('');
    await screenshot(page, 'edit-version');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const { Data: v } = await api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' });
    assert.equal(v.EdgeVersion, '2.5.0');
    assert.equal(v.Argument, '');
    assert.equal(v.Description, 'First cut: reads holding registers');
    assert.ok(JSON.parse(v.SourceConfig).temporaryOssAddress, 'the package is still named');
  });

  it('deletes an unpublished version after the same confirmation', async () => {
    await page.getByLabel('Exact version').fill('2.0.1');
    await page.getByRole('button', { name: 'Filter' }).click();
    await row('2.0.1').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Delete version 2\.0\.1\?[\s\S]*cannot be undone/);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('No versions', { exact: true }).waitFor();
    await assert.rejects(api('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '2.0.1' }), { code: 'iot.edge.DriverVersionNotExist' });
  });

  it('shows every field of a version and downloads its package', async () => {
    await page.getByLabel('Exact version').fill('1.0.0');
    await page.getByRole('button', { name: 'Filter' }).click();
    await versionsTable().getByRole('link', { name: '1.0.0' }).click();
    await page.getByRole('heading', { name: 'Version 1.0.0', level: 1 }).waitFor();
    await page.getByText('ContainerConfig', { exact: true }).waitFor();
    const text = await page.getByRole('main').innerText();
    for (const name of ['DriverId', 'DriverVersion', 'VersionState', 'EdgeVersion', 'Description', 'Argument', 'SourceConfig', 'DriverConfig', 'ContainerConfig', 'ConfigCheckRule', 'GmtCreate', 'GmtModified']) {
      assert.match(text, new RegExp(`^${name}$`, 'm'), name);
    }
    assert.match(text, /"hostPort": 8080/);
    await screenshot(page, 'version-details');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download package' }).click()]);
    const bytes = await readFile(await download.path());
    assert.equal(download.suggestedFilename(), 'driver.zip');
    assert.equal(sha256(bytes), sha256(pkg));
  });

  it('guards Delete driver: refused while a version is published, confirmed otherwise', async () => {
    await page.getByRole('link', { name: 'Driver', exact: true }).click();
    await page.getByRole('button', { name: 'Delete driver' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /iot\.edge\.DriverHasPublishedVersion[\s\S]*RequestId/);

    const spare = (await api('CreateEdgeDriver', { DriverName: 'spare', DriverProtocol: 'modbus', Runtime: 'c' })).DriverId;
    await page.goto(`${server.baseUrl}/console/#/drivers/${spare}`);
    await page.getByRole('heading', { name: 'spare', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete driver' }).click();
    assert.match(await page.getByRole('dialog').innerText(), /Delete driver spare\?/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal((await api('BatchGetEdgeDriver', { 'DriverIds.1': spare })).DriverList.length, 1);
    await page.getByRole('button', { name: 'Delete driver' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    assert.equal((await api('BatchGetEdgeDriver', { 'DriverIds.1': spare })).DriverList.length, 0);
  });

  it('never sent the secret, and logged no errors', () => {
    assertSecretNeverSent(record, server.accessKeySecret);
    assertCleanConsole(record);
  });
});
