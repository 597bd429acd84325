// What the hardening of the request parsing must not break for the official clients: a V3 form body (the
// generated SDKs put some actions' parameters there, and sign content-type with it), and how an unknown
// parameter name reaches each client.
import assert from 'node:assert/strict';
import { CLIENT_KINDS, OpenApiModule, TeaUtil } from '../lib/clients.mjs';
import { expectGatewayError, expectOk } from '../lib/expect.mjs';
import { driverName, test, useServer } from '../lib/harness.mjs';

const ctx = useServer(setup);
let driverId;

async function setup(server) {
  const c = CLIENT_KINDS[4].make(server);
  driverId = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Hard'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }));
}

test('openapi-client V3 with parameters in the form body: content-type is signed, the body is read', async () => {
  const c = CLIENT_KINDS[2].make(ctx.server);
  await ctx.server.pace('UpdateEdgeDriverVersion');
  const request = new OpenApiModule.OpenApiRequest({
    query: { DriverId: driverId, DriverVersion: '1.0.0' },
    body: { EdgeVersion: '2.5.0', Description: 'from the form body', Argument: '--x=1&y' },
  });
  const params = new OpenApiModule.Params({
    action: 'UpdateEdgeDriverVersion', version: '2018-01-20', protocol: 'HTTPS', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const res = await c.raw.callApi(params, request, new TeaUtil.RuntimeOptions({}));
  assert.equal(res.body.Success, true, JSON.stringify(res.body));

  const got = expectOk(await CLIENT_KINDS[4].make(ctx.server).call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' })).Data;
  assert.equal(got.Description, 'from the form body');
  assert.equal(got.Argument, '--x=1&y');
  assert.equal(got.EdgeVersion, '2.5.0');
});

for (const kind of CLIENT_KINDS.filter((k) => !k.name.startsWith('iot20180120'))) {
  test(`${kind.name}: a parameter name no Iot action uses → 400 InvalidParameter naming it`, async () => {
    const c = kind.make(ctx.server);
    const r = await c.call('QueryEdgeDriverVersion', { DriverId: driverId, CurrentPage: 1, PageSize: 10, VersionStatus: 1 });
    const body = expectGatewayError(r, 400, 'InvalidParameter', ctx.server.host);
    assert.ok(body.Message.includes('"VersionStatus" is not a parameter of any Iot action'), body.Message);
  });
}
