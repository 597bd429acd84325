// The console's security headers as a browser sees them, stored values shown as text (HTML never runs), the CSP
// refusing inline script, and the main path done with the keyboard alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { assertCleanConsole, assertSecretNeverSent, launch, openConsole, screenshot, signIn } from '../../lib/browser.mjs';
import { startServer } from '../../lib/server.mjs';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> & "quotes"';
const HOSTILE_CONFIG = JSON.stringify([{ format: 'KV', content: '<img src=y onerror="window.__pwned=3">' }]);

describe('security and keyboard', () => {
  let server, browser, api, driverId;
  const sessions = [];

  before(async () => {
    server = await startServer();
    api = apiClient(server);
    driverId = (await api('CreateEdgeDriver', { DriverName: 'hostile', DriverProtocol: 'modbus', Runtime: 'python3' })).DriverId;
    await api('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', Description: HOSTILE, DriverConfig: HOSTILE_CONFIG });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a strict Content-Security-Policy and nosniff with the page and its modules', async () => {
    const session = await openConsole(browser, server);
    sessions.push(session);
    const responses = [];
    session.page.on('response', (r) => responses.push(r));
    await session.page.reload();
    await session.page.getByRole('button', { name: 'Sign in' }).waitFor();
    const console = responses.filter((r) => new URL(r.url()).pathname.startsWith('/console/'));
    assert.ok(console.length >= 10, `${console.length} console files`);
    for (const r of console) {
      const headers = await r.allHeaders();
      const csp = headers['content-security-policy'];
      assert.match(csp, /script-src 'self'/, r.url());
      assert.match(csp, /connect-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(headers['x-content-type-options'], 'nosniff');
    }
  });

  it('shows HTML in a description and in a JSON config as text, and runs none of it', async () => {
    const { page, record } = await openConsole(browser, server);
    sessions.push({ page, record });
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/console/#/drivers/${driverId}`);
    const row = page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ hasText: '1.0.0' });
    await row.waitFor();
    assert.equal((await row.getByRole('cell').nth(2).innerText()).trim(), HOSTILE);
    await screenshot(page, 'html-as-text');
    await row.getByRole('link', { name: '1.0.0' }).click();
    await page.getByRole('heading', { name: 'Version 1.0.0', level: 1 }).waitFor();
    await page.getByText('window.__pwned=3', { exact: false }).waitFor();
    assert.match(await page.getByRole('main').innerText(), /<img src=x onerror="window.__pwned=1"><script>/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('main img, main script, main b').length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assertSecretNeverSent(record, server.accessKeySecret);
    assertCleanConsole(record);
  });

  it('refuses inline script, as the policy says', async () => {
    const { page, context } = await openConsole(browser, server);
    const violation = page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    }));
    assert.match(await violation, /^script-src/);
    assert.equal(await page.evaluate(() => window.__inline), undefined);
    await context.close();
  });

  it('can be used with the keyboard alone: sign in, create a driver, open it, cancel a dialog', async () => {
    const { page, record } = await openConsole(browser, server);
    sessions.push({ page, record });
    await page.keyboard.press('Tab'); // brand link
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), 'AccessKey ID');
    await page.keyboard.type(server.accessKeyId);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.accessKeySecret);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Create driver' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), 'Driver name');
    await page.keyboard.type('typed_driver');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'typed_driver', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Delete driver' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Confirm', 'focus moves into the dialog');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api('QueryEdgeDriver', { CurrentPage: 1, PageSize: 30, Type: 1, DriverName: 'typed_driver' })).Data.Total, 1);
    assertSecretNeverSent(record, server.accessKeySecret);
    assertCleanConsole(record);
  });
});
