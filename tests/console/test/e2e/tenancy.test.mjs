// What RAM policies, instances and quotas look like in the console: a read-only RAM user sees the write actions
// disabled, a refusal learnt mid-session names the action, an Enterprise instance's drivers stay apart, and
// Throttling.User is retried and said so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient } from '../../lib/api.mjs';
import { assertCleanConsole, assertSecretNeverSent, launch, openConsole, screenshot, signIn } from '../../lib/browser.mjs';
import { adminClient, policy, startServer } from '../../lib/server.mjs';

const READ_ONLY = policy('Allow', 'iot:Query*', 'iot:Get*', 'iot:BatchGet*');
const WRITE_ACTIONS = ['CreateEdgeDriver', 'DeleteEdgeDriver', 'CreateEdgeDriverVersion', 'UpdateEdgeDriverVersion',
  'DeleteEdgeDriverVersion', 'ReleaseEdgeDriverVersion'];

describe('RAM users, instances and quotas', () => {
  let server, browser, admin, accountId, root, driverId;
  const sessions = [];
  async function open() {
    const session = await openConsole(browser, server);
    sessions.push(session);
    return session.page;
  }

  before(async () => {
    server = await startServer();
    admin = await adminClient(server);
    accountId = await admin.defaultAccountId();
    root = apiClient(server);
    driverId = (await root('CreateEdgeDriver', { DriverName: 'shared_drv', DriverProtocol: 'modbus', Runtime: 'python3' })).DriverId;
    await root('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a read-only RAM user the write actions disabled, and the data', async () => {
    const user = await admin.ramUser(accountId, READ_ONLY);
    const page = await open();
    await signIn(page, { accessKeyId: user.accessKeyId, secret: user.accessKeySecret });
    const create = page.getByRole('button', { name: 'Create driver' });
    await page.waitForFunction(() => document.querySelector('[data-action="CreateEdgeDriver"]')?.disabled === true);
    assert.match(await create.getAttribute('title'), /do not allow iot:CreateEdgeDriver/);
    await page.getByRole('table', { name: 'Drivers' }).getByRole('link', { name: 'shared_drv' }).click();
    await page.getByRole('heading', { name: 'shared_drv', level: 1 }).waitFor();
    const row = page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ hasText: '1.0.0' });
    await row.waitFor();
    for (const name of ['Create version', 'Delete driver']) assert.equal(await page.getByRole('button', { name }).isDisabled(), true, name);
    for (const name of ['Publish', 'Edit', 'Delete']) assert.equal(await row.getByRole('button', { name, exact: true }).isDisabled(), true, name);
    await screenshot(page, 'read-only-user');
    assertSecretNeverSent(sessions.at(-1).record, user.accessKeySecret);
  });

  it('names the action when the policies refuse it mid-session, and disables it from then on', async () => {
    const user = await admin.ramUser(accountId, policy('Allow', 'iot:*'));
    const page = await open();
    await signIn(page, { accessKeyId: user.accessKeyId, secret: user.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    const attached = (await admin.expect(200, 'GET', `/admin/accounts/${accountId}/users`)).find((u) => u.userName === user.userName).policies[0];
    await admin.expect(200, 'PUT', `/admin/accounts/${accountId}/policies/${attached}`, READ_ONLY);
    const asUser = apiClient(server, { accessKeyId: user.accessKeyId, secret: user.accessKeySecret });
    for (let i = 0; ; i++) { // the server caches permissions for a few seconds
      try { await asUser('DeleteEdgeDriver', { DriverId: '0'.repeat(32) }); } catch (e) { if (e.code === 'Forbidden.RAM') break; }
      assert.ok(i < 40, 'the new policy never applied');
      await new Promise((r) => setTimeout(r, 250));
    }

    const create = page.getByRole('button', { name: 'Create driver' });
    assert.equal(await create.isDisabled(), false);
    await create.click();
    const form = page.getByRole('form', { name: 'Create driver' });
    await form.getByLabel('Driver name').fill('not_allowed');
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Forbidden\.RAM[\s\S]*Your RAM policies do not allow iot:CreateEdgeDriver[\s\S]*RequestId/);
    await page.waitForFunction(() => document.querySelector('[data-action="CreateEdgeDriver"]')?.disabled === true);
    await screenshot(page, 'forbidden-ram');
  });

  it('keeps an Enterprise instance\'s drivers apart from the public instance\'s', async () => {
    const { instanceId } = await admin.expect(201, 'POST', `/admin/accounts/${accountId}/instances`, {});
    const inInstance = apiClient(server, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret, instanceId });
    await inInstance('CreateEdgeDriver', { DriverName: 'instance_only', DriverProtocol: 'customize', Runtime: 'c' });

    const page = await open();
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret, instanceId: 'iot-nosuchone' });
    await page.getByRole('alert').filter({ hasText: 'iot.system.InstanceNotFound' }).waitFor();

    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret, instanceId });
    const table = page.getByRole('table', { name: 'Drivers' });
    await table.getByRole('link', { name: 'instance_only' }).waitFor();
    assert.deepEqual(await table.getByRole('link').allInnerTexts(), ['instance_only']);
    assert.match(await page.getByRole('navigation', { name: 'Session' }).innerText(), new RegExp(instanceId));
    await screenshot(page, 'enterprise-instance');
    // The public driver's id names nothing in this instance.
    await page.goto(`${server.baseUrl}/console/#/drivers/${driverId}`);
    await page.getByRole('alert').filter({ hasText: 'iot.edge.DriverNotExist' }).first().waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, { accessKeyId: server.accessKeyId, secret: server.accessKeySecret });
    await table.getByRole('link', { name: 'shared_drv' }).waitFor();
    assert.deepEqual(await table.getByRole('link').allInnerTexts(), ['shared_drv']);
  });

  it('retries Throttling.User with back-off and says so', async () => {
    const account = await admin.createAccount();
    await admin.expect(204, 'PUT', `/admin/accounts/${account.accountId}/quotas/QueryEdgeDriver`, { limitPerSecond: 1 });
    const page = await open();
    await signIn(page, { accessKeyId: account.accessKeyId, secret: account.accessKeySecret });
    await page.getByRole('heading', { name: 'Drivers', level: 1 }).waitFor();
    const search = page.getByRole('button', { name: 'Search' });
    for (let i = 0; i < 3; i++) await search.click();
    const status = page.getByRole('status');
    await status.getByText(/Throttling\.User: the account's quota for QueryEdgeDriver is used up; retrying in \d/).waitFor();
    await screenshot(page, 'throttled');
    // Four calls share one call a second (sign-in's list and three searches): the last may wait 1 + 2 + 4 s for its
    // slot, and more on a loaded machine, so the answer gets the back-off's whole budget (1 + 2 + 4 + 8 s) and then some.
    await page.getByRole('table', { name: 'Drivers' }).getByText('No drivers yet').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('alert').count(), 0);
  });

  it('sent no secret and logged no errors but the refused calls', () => {
    for (const { record } of sessions) {
      assertSecretNeverSent(record, server.accessKeySecret);
      assertCleanConsole(record);
    }
  });
});
