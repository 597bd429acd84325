// Request shapes of SDKs this suite cannot run (old Go/Python/Java, 2021-era generated SDKs), rebuilt
// with the suite's own V1 signer from signing.md's table, plus pop-core's STS path.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, rawV1, send, test, useServer } from '../lib/harness.mjs';
import { canonicalQuery, signV1, strictEncode, v1Params } from '../lib/sign.mjs';
import { childText, parseXml } from '../lib/xml.mjs';

const RPCClient = createRequire(import.meta.url)('@alicloud/pop-core');
const ctx = useServer(setup);
let driverId;

async function setup(server) {
  const c = CLIENT_KINDS[4].make(server);
  driverId = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Old'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }));
}

const business = () => ({ DriverId: driverId, CurrentPage: '1', PageSize: '10' });

test('old Go/Python SDK shape: POST, common parameters and an empty SignatureType in the query, business ones in the form body, RegionId sent', async () => {
  const s = ctx.server;
  await s.pace('QueryEdgeDriverVersion');
  const common = v1Params('QueryEdgeDriverVersion', s.accessKeyId, { SignatureType: '', RegionId: 'cn-shanghai' });
  const signature = signV1('POST', { ...common, ...business() }, s.accessKeySecret);
  const url = `${s.baseUrl}/?${canonicalQuery(common)}&Signature=${strictEncode(signature)}`;
  const r = await send(url, { method: 'POST', body: canonicalQuery(business()), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json?.Success, true, r.text);
  assert.equal(r.json.Data.Total, 1);
  assert.equal(r.json.Data.DriverVersionList[0].DriverVersion, '1.0.0');
});

test('old Java SDK shape: GET with Format=XML is answered in XML', async () => {
  const r = await rawV1(ctx.server, 'QueryEdgeDriverVersion', { ...business(), Format: 'XML', RegionId: 'cn-shanghai' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/xml;charset=utf-8');
  const root = parseXml(r.text);
  assert.equal(root.name, 'QueryEdgeDriverVersionResponse');
  assert.equal(childText(root, 'Success'), 'true');
});

test('2021-era generated SDK shape: everything in the form body of POST /', async () => {
  const r = await rawV1(ctx.server, 'QueryEdgeDriverVersion', business(), { method: 'POST' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json?.Data?.Total, 1, r.text);
});

test('pop-core with an STS securityToken → InvalidSecurityToken.Malformed (no STS tokens are issued yet)', async () => {
  const s = ctx.server;
  const c = new RPCClient({ accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: 'CAIS-not-a-token', endpoint: s.baseUrl, apiVersion: '2018-01-20' });
  await s.pace('QueryEdgeDriverVersion');
  await assert.rejects(c.request('QueryEdgeDriverVersion', business()), (err) => {
    assert.equal(err.code, 'InvalidSecurityToken.Malformed', err.message);
    return true;
  });
});
