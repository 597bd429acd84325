// Accounts, RAM users and policies, AccessKeys and quotas (issue 4) as the official clients see them: each
// RAM case through the typed client (V3) and pop-core (V1), the keys and the admin API set up over plain HTTP.
import assert from 'node:assert/strict';
import { CLIENT_KINDS, popCore } from '../lib/clients.mjs';
import { adminClient, ALLOW_ALL, policy, withKey } from '../lib/admin.mjs';
import { expectGatewayError, expectOk } from '../lib/expect.mjs';
import { driverName, sleep, test, useServer } from '../lib/harness.mjs';
import { isScaleOut } from '../lib/scaleout.mjs';
import { driverPage, versionPage } from '../lib/listing.mjs';

const ctx = useServer(setup);
const [POP_GET, , , , TYPED_V3] = CLIENT_KINDS;
let admin;
let accountId;
let driverId;

async function setup(server) {
  admin = await adminClient(server);
  accountId = await admin.defaultAccountId();
  const root = TYPED_V3.make(server);
  driverId = expectOk(await root.call('CreateEdgeDriver', { DriverName: driverName('Ten'), DriverProtocol: 'modbus', Runtime: 'python3' })).DriverId;
  expectOk(await root.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }));
}

const queryVersions = () => versionPage(driverId);
const queryDrivers = driverPage;
const forbidden = (r) => {
  const body = expectGatewayError(r, 403, 'Forbidden.RAM', ctx.server.host);
  assert.equal(body.Message, "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
};

/** A client of `kind` signing with a new RAM user's key, the given policy documents attached. */
async function ramClient(kind, ...documents) {
  return kind.make(withKey(ctx.server, await admin.ramUser(accountId, ...documents)));
}

for (const kind of [TYPED_V3, POP_GET]) {
  test(`${kind.name}: a policy allowing one exact action allows that action and nothing else`, async () => {
    const c = await ramClient(kind, policy('Allow', 'iot:QueryEdgeDriverVersion'));
    const body = expectOk(await c.call('QueryEdgeDriverVersion', queryVersions()));
    assert.equal(body.Data.Total, 1);
    forbidden(await c.call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' }));
    forbidden(await c.call('QueryEdgeDriver', queryDrivers()));
  });

  test(`${kind.name}: a Deny in one policy wins over an Allow in another`, async () => {
    const c = await ramClient(kind, ALLOW_ALL, policy('Deny', 'iot:QueryEdgeDriverVersion', 'iot:Delete*'));
    forbidden(await c.call('QueryEdgeDriverVersion', queryVersions()));
    forbidden(await c.call('DeleteEdgeDriver', { DriverId: driverId }));
    expectOk(await c.call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' }));
    expectOk(await c.call('QueryEdgeDriver', queryDrivers()));
  });

  test(`${kind.name}: iot:Query* allows QueryEdgeDriver and QueryEdgeDriverVersion, refuses CreateEdgeDriver (which creates nothing)`, async () => {
    const c = await ramClient(kind, policy('Allow', 'iot:Query*'));
    expectOk(await c.call('QueryEdgeDriver', queryDrivers()));
    expectOk(await c.call('QueryEdgeDriverVersion', queryVersions()));
    const name = driverName('Ram');
    forbidden(await c.call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'modbus', Runtime: 'python3' }));
    const listed = expectOk(await TYPED_V3.make(ctx.server).call('QueryEdgeDriver', queryDrivers({ DriverName: name })));
    assert.equal(listed.Data.Total, 0);
  });

  test(`${kind.name}: a RAM user without any policy → Forbidden.RAM (403)`, async () => {
    const c = await ramClient(kind);
    forbidden(await c.call('QueryEdgeDriver', queryDrivers()));
    forbidden(await c.call('QueryEdgeDriverVersion', queryVersions()));
  });
}

test('the admin API refuses a malformed policy, pointing at the problem', async () => {
  const r = await admin.request('PUT', `/admin/accounts/${accountId}/policies/bad-effect`,
    { Version: '1', Statement: [{ Effect: 'Permit', Action: ['iot:*'], Resource: ['*'] }] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.code, 'InvalidArgument', r.text);
  assert.ok(r.json.message.includes('Statement[0].Effect'), r.json.message);
  const policies = await admin.expect(200, 'GET', `/admin/accounts/${accountId}/policies`);
  assert.ok(!policies.some((p) => p.policyName === 'bad-effect'), 'nothing stored');
});

// Embedded, a key change applies to the very next call. In scale-out mode (lib/scaleout.mjs) the next call may reach
// the other replica, which applies the change when its notice arrives over Redis (issue 9: within a second), so the
// call is repeated until it sees the change, for at most a second.
async function afterKeyChange(call, applied) {
  const deadline = Date.now() + (isScaleOut() ? 1000 : 0);
  for (;;) {
    const r = await call();
    if (applied(r) || Date.now() >= deadline) return r;
    await sleep(20);
  }
}

for (const kind of [TYPED_V3, POP_GET]) {
  test(`${kind.name}: a disabled key → InvalidAccessKeyId.Inactive (400) at once, enabled again → works; deleted → NotFound (404)`, async () => {
    const key = await admin.expect(201, 'POST', `/admin/accounts/${accountId}/keys`, {});
    const c = kind.make(withKey(ctx.server, key));
    expectOk(await c.call('QueryEdgeDriverVersion', queryVersions()));
    const route = `/admin/accounts/${accountId}/keys/${key.accessKeyId}`;
    const query = () => c.call('QueryEdgeDriverVersion', queryVersions());
    await admin.expect(204, 'PATCH', route, { enabled: false });
    const inactive = expectGatewayError(await afterKeyChange(query, (r) => r.status === 400), 400, 'InvalidAccessKeyId.Inactive', ctx.server.host);
    assert.equal(inactive.Message, 'Specified access key is disabled.');
    await admin.expect(204, 'PATCH', route, { enabled: true });
    expectOk(await afterKeyChange(query, (r) => r.status === 200));
    await admin.expect(204, 'DELETE', route);
    expectGatewayError(await afterKeyChange(query, (r) => r.status === 404), 404, 'InvalidAccessKeyId.NotFound', ctx.server.host);
  });
}

test('pop-core, real clock: 50 QueryEdgeDriverVersion calls fired at once by one account → at most 10 per second succeed', async () => {
  // A fresh account, so nothing else has counted against its quota; the calls bypass the suite's pacer.
  const account = await admin.createAccount();
  const root = TYPED_V3.make(withKey(ctx.server, account));
  const id = expectOk(await root.call('CreateEdgeDriver', { DriverName: driverName('Burst'), DriverProtocol: 'modbus', Runtime: 'c' })).DriverId;
  const client = popCore({ ...ctx.server.clientOptions, accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, pace: undefined });

  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 50 }, () => client.call('QueryEdgeDriverVersion', versionPage(id))));
  const ended = Date.now();

  // The server counts in fixed windows of whole seconds of its own clock (this machine's). Every call was counted in
  // a second between `started` and `ended`, so at most 10 pass per second the burst touched: 10 to 20 when it takes
  // a few hundred ms, more only on a machine so loaded that it spans more seconds. At least 10 pass whatever the
  // timing. With a fake clock the .NET QuotaTests check the exact figure (10 of 50).
  const windows = Math.floor(ended / 1000) - Math.floor(started / 1000) + 1;
  const succeeded = results.filter((r) => r.threw === null);
  for (const r of succeeded) expectOk(r);
  for (const r of results.filter((x) => x.threw !== null)) {
    expectGatewayError(r, 400, 'Throttling.User', ctx.server.host);
    assert.equal(r.body.Message, 'Request was denied due to user flow control.');
  }
  assert.ok(succeeded.length >= 10 && succeeded.length <= 10 * windows, `${succeeded.length} of 50 succeeded in ${windows} clock second(s)`);
});
