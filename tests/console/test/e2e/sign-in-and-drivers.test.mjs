// Sign in (a wrong secret and an unknown key first), the Drivers page, Create driver with the server's validation,
// the DriverId tooltip, search, paging, sign out — in Chromium against a real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { assertCleanConsole, assertSecretNeverSent, launch, openConsole, screenshot, signIn } from '../../lib/browser.mjs';
import { startServer } from '../../lib/server.mjs';

describe('sign in and the Drivers page', () => {
  let server, browser, page, record, api;
  before(async () => {
    server = await startServer();
    browser = await launch();
    ({ page, record } = await openConsole(browser, server));
    api = apiClient(server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the console at /console/ (and /console redirects there)', async () => {
    assert.equal(new URL(page.url()).pathname, '/console/');
    await page.goto(`${server.baseUrl}/console`);
    assert.equal(new URL(page.url()).pathname, '/console/');
    await assert.doesNotReject(page.getByRole('button', { name: 'Sign in' }).waitFor());
    await screenshot(page, 'sign-in');
  });

  it('shows the API error for a wrong secret and for an unknown key, and stays signed out', async () => {
    await signIn(page, { accessKeyId: server.accessKeyId, secret: 'not-the-secret' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /SignatureDoesNotMatch[\s\S]*Specified signature is not matched[\s\S]*RequestId\s+[0-9A-F-]{36}/);
    await screenshot(page, 'sign-in-error');

    await signIn(page, { accessKeyId: 'LTAInobodyhasthis', secret: 'whatever' });
    await page.getByRole('alert').filter({ hasText: 'InvalidAccessKeyId.NotFound' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Specified access key is not found/);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });

  it('signs in with the right secret and lists the drivers', async () => {
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Drivers' });
    await table.getByText('No drivers yet').waitFor();
    const headers = await table.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(headers.map((h) => h.trim()), ['Name', 'Protocol', 'Runtime', 'CPU architecture', 'Created']);
  });

  it('creates a driver, showing the server validation message first', async () => {
    await page.getByRole('button', { name: 'Create driver' }).click();
    const form = page.getByRole('form', { name: 'Create driver' });
    await form.getByLabel('Driver name').fill('9bad-name');
    await form.getByLabel('Protocol').selectOption('opc-ua');
    await form.getByLabel('Runtime').selectOption('nodejs8');
    await form.getByLabel('CPU architecture').selectOption('AArch64');
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /iot\.common\.InvalidParam[\s\S]*DriverName/);
    for (const tag of ['Driver name', 'Protocol', 'Runtime', 'CPU architecture']) {
      const control = form.getByLabel(tag, { exact: true });
      assert.equal(await control.count(), 1, tag);
    }
    assert.equal(await form.getByLabel('Protocol').evaluate((e) => e.tagName), 'SELECT');
    await screenshot(page, 'create-driver-error');

    await form.getByLabel('Driver name').fill('modbus_line1');
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'modbus_line1', level: 1 }).waitFor();
  });

  it('shows the DriverId in a tooltip when the pointer is over the name, with a way to copy it', async () => {
    const listed = await api('QueryEdgeDriver', { CurrentPage: 1, PageSize: 30, Type: 1 });
    const driver = listed.Data.DriverList.find((d) => d.DriverName === 'modbus_line1');
    assert.equal(driver.DriverProtocol, 'opc-ua');
    assert.equal(driver.CpuArch, 'AArch64');

    await page.getByRole('navigation', { name: 'Session' }).getByRole('link', { name: 'Drivers' }).click();
    const table = page.getByRole('table', { name: 'Drivers' });
    const link = table.getByRole('link', { name: 'modbus_line1' });
    await link.waitFor();
    assert.equal(await page.getByRole('tooltip').count(), 0, 'no tooltip before hovering');
    await link.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), new RegExp(driver.DriverId));
    await screenshot(page, 'drivers-tooltip', { height: 360 });
    await tooltip.getByRole('button', { name: 'Copy DriverId' }).click();
    await tooltip.getByRole('button', { name: /Copied|Selected/ }).waitFor();
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'modbus_line1' }) });
    const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    assert.deepEqual(cells.slice(1, 4), ['opc-ua', 'nodejs8', 'AArch64']);

    await page.mouse.move(1000, 800);
    await tooltip.waitFor({ state: 'hidden' });
    await link.focus();
    await tooltip.waitFor();
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden' });
  });

  it('searches by name and pages through the drivers', async () => {
    for (let i = 0; i < 32; i++) {
      await api('CreateEdgeDriver', { DriverName: `bulk_${String(i).padStart(2, '0')}`, DriverProtocol: 'modbus', Runtime: 'python3' });
    }
    await page.goto(`${server.baseUrl}/console/#/drivers`);
    await page.reload();
    const table = page.getByRole('table', { name: 'Drivers' });
    await page.getByText('Page 1 of 2 (33 drivers)').waitFor();
    assert.equal(await table.getByRole('row').count(), 31);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2 (33 drivers)').waitFor();
    assert.equal(await table.getByRole('row').count(), 4);

    await page.getByRole('searchbox', { name: 'Search by name' }).fill('LINE');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Page 1 of 1 (1 driver)').waitFor();
    assert.deepEqual(await table.getByRole('link').allInnerTexts(), ['modbus_line1']);
    await screenshot(page, 'drivers');
  });

  it('has no horizontal scrolling at 1280 px, in light and dark', async () => {
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(width[0] <= width[1], `scrollWidth ${width[0]} > clientWidth ${width[1]}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(17, 20, 24)');
    await screenshot(page, 'drivers-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('signs out and forgets the secret', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => JSON.stringify(sessionStorage)), '{}');
    await page.goto(`${server.baseUrl}/console/#/drivers`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('never sent the secret, and logged no errors', () => {
    assertSecretNeverSent(record, server.accessKeySecret);
    assertCleanConsole(record);
  });
});
