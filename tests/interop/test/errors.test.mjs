// Gateway errors (HTTP 4xx/5xx, the request never reached an operation) and business errors (HTTP 200,
// Success false), as each official client sees them.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { CLIENT_KINDS, openApi, popCore, typedIot } from '../lib/clients.mjs';
import { expectBusinessError, expectGatewayError, expectOk, REQUEST_ID } from '../lib/expect.mjs';
import { driverName, rawV1, send, test, useServer } from '../lib/harness.mjs';
import { versionPage } from '../lib/listing.mjs';
import { stringToSignV1, utcTimestamp } from '../lib/sign.mjs';

const ctx = useServer(setup);
const [POP_GET, POP_POST, OPENAPI_V3, OPENAPI_V1, TYPED_V3, TYPED_V1] = CLIENT_KINDS;
const TAIL = 'server string to sign is:';
const minutesFromNow = (m) => utcTimestamp(new Date(Date.now() + m * 60_000));
let driverId;

async function setup() {
  const c = TYPED_V3.make(ctx.server);
  driverId = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Err'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }));
}

const query = () => versionPage(driverId);
const withSecret = (secret) => ({ ...ctx.server, clientOptions: { ...ctx.server.clientOptions, accessKeySecret: secret } });

/** The V1 parameters of the last request that went through the trace proxy (query and form body). */
function lastV1Request() {
  const [e] = ctx.server.proxy.since(ctx.server.proxy.nextSeq() - 1);
  const params = Object.fromEntries(new URL(e.url, 'http://x').searchParams);
  if (e.body) Object.assign(params, Object.fromEntries(new URLSearchParams(e.body)));
  delete params.Signature;
  return { method: e.method, params };
}

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: a wrong secret → SignatureDoesNotMatch (400) with the server's string to sign`, async () => {
    const c = kind.make(withSecret('not-the-secret'));
    const r = await c.call('QueryEdgeDriverVersion', query());
    const body = expectGatewayError(r, 400, 'SignatureDoesNotMatch', ctx.server.host);
    assert.ok(body.Message.startsWith('Specified signature is not matched with our calculation.'), body.Message);
    assert.ok(body.Message.includes(TAIL), body.Message);
    assert.ok(r.threw.message.includes(TAIL), `the client's error message carries it: ${r.threw.message}`);
    assert.ok(!body.Message.includes(ctx.server.accessKeySecret), 'never the secret');
    const serverStringToSign = body.Message.slice(body.Message.indexOf(TAIL) + TAIL.length);
    if (kind.name.includes('V3')) {
      assert.match(serverStringToSign, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    } else if (ctx.server.proxy) {
      // The Java and Go SDKs compare this tail with their own string to sign: it must be the same string.
      const { method, params } = lastV1Request();
      assert.equal(serverStringToSign, stringToSignV1(method, params));
    }
  });
}

for (const kind of [POP_GET, TYPED_V3]) {
  test(`${kind.name}: an unknown AccessKeyId → InvalidAccessKeyId.NotFound (404)`, async () => {
    const s = { ...ctx.server, clientOptions: { ...ctx.server.clientOptions, accessKeyId: 'LTAInosuchkey0000' } };
    expectGatewayError(await kind.make(s).call('QueryEdgeDriverVersion', query()), 404, 'InvalidAccessKeyId.NotFound', ctx.server.host);
  });
}

test('pop-core GET: replaying the exact signed URL → SignatureNonceUsed (400)', async () => {
  const r = await POP_GET.make(ctx.server).call('QueryEdgeDriverVersion', query());
  expectOk(r);
  await ctx.server.pace('QueryEdgeDriverVersion');
  const replay = await send(r.url);
  assert.equal(replay.status, 400, replay.text);
  assert.equal(replay.json?.Code, 'SignatureNonceUsed', replay.text);
  assert.equal(replay.json.Message, 'Specified signature nonce was used already.');
});

test('a replayed V1 form POST (same body bytes) → SignatureNonceUsed (400)', async () => {
  const first = await rawV1(ctx.server, 'QueryEdgeDriverVersion', query(), { method: 'POST' });
  assert.equal(first.status, 200, first.text);
  await ctx.server.pace('QueryEdgeDriverVersion');
  const replay = await send(first.url, { method: 'POST', body: first.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(replay.status, 400, replay.text);
  assert.equal(replay.json?.Code, 'SignatureNonceUsed', replay.text);
});

test('each client, with a fixed nonce, is refused the second time → SignatureNonceUsed', async () => {
  const cases = [
    [POP_GET, (c, n) => c.call('QueryEdgeDriverVersion', { ...query(), SignatureNonce: n })],
    [POP_POST, (c, n) => c.call('QueryEdgeDriverVersion', { ...query(), SignatureNonce: n })],
    [OPENAPI_V3, (c, n) => c.call('QueryEdgeDriverVersion', query(), { headers: { 'x-acs-signature-nonce': n } })],
    [OPENAPI_V1, (c, n) => c.call('QueryEdgeDriverVersion', query(), { query: { SignatureNonce: n } })],
  ];
  for (const [kind, call] of cases) {
    const c = kind.make(ctx.server);
    const nonce = randomUUID();
    expectOk(await call(c, nonce));
    expectGatewayError(await call(c, nonce), 400, 'SignatureNonceUsed', ctx.server.host);
  }
});

test('a timestamp more than 15 minutes off → InvalidTimeStamp.Expired (400), through V1 and V3; 14 minutes is accepted', async () => {
  const pop = POP_GET.make(ctx.server);
  const v3 = OPENAPI_V3.make(ctx.server);
  const v1 = OPENAPI_V1.make(ctx.server);
  for (const minutes of [-20, 20]) {
    expectGatewayError(await pop.call('QueryEdgeDriverVersion', { ...query(), Timestamp: minutesFromNow(minutes) }), 400, 'InvalidTimeStamp.Expired');
    expectGatewayError(await v3.call('QueryEdgeDriverVersion', query(), { headers: { 'x-acs-date': minutesFromNow(minutes) } }), 400, 'InvalidTimeStamp.Expired');
    expectGatewayError(await v1.call('QueryEdgeDriverVersion', query(), { query: { Timestamp: minutesFromNow(minutes) } }), 400, 'InvalidTimeStamp.Expired');
  }
  expectOk(await pop.call('QueryEdgeDriverVersion', { ...query(), Timestamp: minutesFromNow(-14) }));
  expectOk(await v3.call('QueryEdgeDriverVersion', query(), { headers: { 'x-acs-date': minutesFromNow(14) } }));
  expectGatewayError(await pop.call('QueryEdgeDriverVersion', { ...query(), Timestamp: 'yesterday' }), 400, 'InvalidTimeStamp.Format');
});

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: PageSize=31 → iot.common.InvalidPageParams (HTTP 200, Success false)`, async () => {
    const c = kind.make(ctx.server);
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', { ...query(), PageSize: 31 }), 'iot.common.InvalidPageParams');
  });

  test(`${kind.name}: an unknown DriverId → iot.edge.DriverNotExist (HTTP 200, Success false)`, async () => {
    const c = kind.make(ctx.server);
    const unknown = randomBytes(16).toString('hex');
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', { ...query(), DriverId: unknown }), 'iot.edge.DriverNotExist');
    expectBusinessError(c, await c.call('GetEdgeDriverVersion', { DriverId: unknown, DriverVersion: '1.0.0' }), 'iot.edge.DriverNotExist');
    expectBusinessError(c, await c.call('CreateEdgeDriverVersion', { DriverId: unknown, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }), 'iot.edge.DriverNotExist');
  });

  test(`${kind.name}: a missing or empty DriverId → MissingDriverId (400)`, async () => {
    const c = kind.make(ctx.server);
    const { DriverId, ...rest } = query();
    for (const params of [rest, { ...rest, DriverId: '' }]) {
      const body = expectGatewayError(await c.call('QueryEdgeDriverVersion', params), 400, 'MissingDriverId', ctx.server.host);
      assert.equal(body.Message, 'DriverId is mandatory for this action.');
    }
  });

  test(`${kind.name}: any IotInstanceId → iot.system.InstanceNotFound (no instances exist)`, async () => {
    const c = kind.make(ctx.server);
    const instance = 'iot-cn-0pp1n8t4c0d';
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', { ...query(), IotInstanceId: instance }), 'iot.system.InstanceNotFound');
    expectBusinessError(c, await c.call('CreateEdgeDriver', { DriverName: driverName('Inst'), DriverProtocol: 'modbus', Runtime: 'c', IotInstanceId: instance }), 'iot.system.InstanceNotFound');
  });
}

test('an Iot action EdgeRegistry does not implement → UnsupportedOperation (501), via pop-core and the typed client', async () => {
  const params = { DriverId: driverId, DriverVersion: '1.0.0', InstanceId: 'instance0001' };
  for (const kind of [POP_GET, TYPED_V3, TYPED_V1]) {
    const body = expectGatewayError(await kind.make(ctx.server).call('BindDriverToEdgeInstance', params), 501, 'UnsupportedOperation', ctx.server.host);
    assert.ok(body.Message.length > 0);
  }
});

test('an unknown action → InvalidAction.NotFound (404)', async () => {
  for (const kind of [POP_GET, POP_POST, OPENAPI_V3, OPENAPI_V1]) {
    const body = expectGatewayError(await kind.make(ctx.server).call('NoSuchEdgeAction', {}), 404, 'InvalidAction.NotFound', ctx.server.host);
    assert.equal(body.Message, 'Specified api is not found, please check your url and method.');
  }
});

test('an unknown Version → InvalidVersion (400)', async () => {
  const c = popCore({ ...ctx.server.clientOptions, apiVersion: '2017-04-20' });
  const body = expectGatewayError(await c.call('QueryEdgeDriverVersion', query()), 400, 'InvalidVersion', ctx.server.host);
  assert.equal(body.Message, 'Specified parameter Version is not valid.');
});

test('a missing common parameter → MissingParameter (400) naming it', async () => {
  const r = await rawV1(ctx.server, 'QueryEdgeDriverVersion', { ...query(), SignatureNonce: undefined });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json?.Code, 'MissingParameter', r.text);
  assert.equal(r.json.Message, 'The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.');
});

test('error envelopes on the wire: JSON content type, x-acs-request-id equals RequestId, HostId is the Host header', async () => {
  const gateway = await rawV1(ctx.server, 'QueryEdgeDriverVersion', { CurrentPage: 1, PageSize: 10 });
  assert.equal(gateway.status, 400, gateway.text);
  assert.equal(gateway.headers.get('content-type'), 'application/json;charset=utf-8');
  assert.deepEqual(Object.keys(gateway.json).sort(), ['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  assert.equal(gateway.json.HostId, ctx.server.host);
  assert.match(gateway.json.RequestId, REQUEST_ID);
  assert.equal(gateway.headers.get('x-acs-request-id'), gateway.json.RequestId);

  const business = await rawV1(ctx.server, 'QueryEdgeDriverVersion', { ...query(), PageSize: 31 });
  assert.equal(business.status, 200, business.text);
  assert.equal(business.headers.get('content-type'), 'application/json;charset=utf-8');
  assert.deepEqual(Object.keys(business.json).sort(), ['Code', 'ErrorMessage', 'RequestId', 'Success']);
  assert.equal(business.json.Success, false);
  assert.equal(business.headers.get('x-acs-request-id'), business.json.RequestId);
});

test('the typed client reads every error field it models from a business error', async () => {
  const c = typedIot(ctx.server.clientOptions);
  const r = await c.call('QueryEdgeDriverVersion', { ...query(), PageSize: 31 });
  assert.equal(r.model.success, false);
  assert.equal(r.model.code, 'iot.common.InvalidPageParams');
  assert.equal(typeof r.model.errorMessage, 'string');
  assert.match(r.model.requestId, REQUEST_ID);
  assert.equal(r.model.data, undefined);
  const o = openApi(ctx.server.clientOptions);
  const raw = await o.call('QueryEdgeDriverVersion', { ...query(), PageSize: 31 });
  assert.equal(raw.threw, null);
  assert.equal(raw.body.Code, 'iot.common.InvalidPageParams');
});
