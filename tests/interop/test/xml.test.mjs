// Format=XML through the official Tea client (callApi with bodyType 'string'): the document must be
// well-formed, rooted at <ActionResponse>, with lists wrapped item by item; XML errors must be readable
// by the client.
import assert from 'node:assert/strict';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, rawV1, test, useServer } from '../lib/harness.mjs';
import { versionPage } from '../lib/listing.mjs';
import { child, childText, parseXml } from '../lib/xml.mjs';

const ctx = useServer(setup);
const [, , OPENAPI_V3, OPENAPI_V1, TYPED_V3] = CLIENT_KINDS;
const DESCRIPTION = "LED drv (beta) *x* ~ a&b=c+d 'q'! 中文 <tag>";
const CONFIG = '[{"content":"{\\"defaultConfig\\":\\"a<b & c>d\\"}","format":"JSON"}]';
let driverId;

async function setup() {
  const c = TYPED_V3.make(ctx.server);
  driverId = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Xml'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', Description: DESCRIPTION, DriverConfig: CONFIG }));
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.1.0', EdgeVersion: '2.4.0' }));
}

for (const kind of [OPENAPI_V3, OPENAPI_V1]) {
  test(`${kind.name} with Format=XML: a well-formed <QueryEdgeDriverVersionResponse> with wrapped <DriverVersion> items`, async () => {
    const c = kind.make(ctx.server);
    const r = await c.call('QueryEdgeDriverVersion', versionPage(driverId), { bodyType: 'string', query: { Format: 'XML' } });
    assert.equal(r.threw, null);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/xml;charset=utf-8');
    assert.equal(typeof r.body, 'string');
    assert.ok(r.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), r.body.slice(0, 80));
    const root = parseXml(r.body);
    assert.equal(root.name, 'QueryEdgeDriverVersionResponse');
    assert.equal(childText(root, 'Success'), 'true');
    assert.equal(childText(root, 'Code'), 'Success');
    assert.match(childText(root, 'RequestId'), /^[0-9A-F-]{36}$/);
    assert.equal(r.headers['x-acs-request-id'], childText(root, 'RequestId'));
    const data = child(root, 'Data');
    assert.ok(data, r.body);
    assert.equal(childText(data, 'Total'), '2');
    assert.equal(childText(data, 'CurrentPage'), '1');
    assert.equal(childText(data, 'PageSize'), '10');
    const list = child(data, 'DriverVersionList');
    assert.ok(list, r.body);
    assert.deepEqual(list.children.map((e) => e.name), ['DriverVersion', 'DriverVersion']);
    const [newest, oldest] = list.children;
    assert.equal(childText(newest, 'DriverVersion'), '1.1.0');
    assert.equal(childText(oldest, 'DriverVersion'), '1.0.0');
    assert.equal(childText(oldest, 'DriverId'), driverId);
    assert.equal(childText(oldest, 'VersionState'), '0');
    assert.equal(childText(oldest, 'Description'), DESCRIPTION, 'escaped text reads back exactly');
    assert.equal(childText(oldest, 'DriverConfig'), CONFIG);
    assert.match(childText(oldest, 'GmtCreateTimestamp'), /^\d{13}$/);
    assert.match(childText(oldest, 'GmtCreate'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
}

test('XML business error: HTTP 200, <QueryEdgeDriverVersionResponse> with Success false and the code', async () => {
  const c = OPENAPI_V3.make(ctx.server);
  const r = await c.call('QueryEdgeDriverVersion', versionPage(driverId, { PageSize: 31 }), { bodyType: 'string', query: { Format: 'XML' } });
  assert.equal(r.threw, null);
  assert.equal(r.status, 200);
  const root = parseXml(r.body);
  assert.equal(root.name, 'QueryEdgeDriverVersionResponse');
  assert.equal(childText(root, 'Success'), 'false');
  assert.equal(childText(root, 'Code'), 'iot.common.InvalidPageParams');
  assert.ok(childText(root, 'ErrorMessage'));
});

test('XML gateway error: <Error> with text/xml;charset=utf-8, which the V3 client reads into err.code', async () => {
  const c = OPENAPI_V3.make(ctx.server);
  const r = await c.call('QueryEdgeDriverVersion', { CurrentPage: 1, PageSize: 10 }, { bodyType: 'string', query: { Format: 'XML' } });
  assert.ok(r.threw, 'the client throws on HTTP 400');
  assert.equal(r.status, 400);
  assert.equal(r.threw.code, 'MissingDriverId', r.threw.message);
  assert.equal(r.body.Code, 'MissingDriverId');
  assert.equal(r.body.Message, 'DriverId is mandatory for this action.');
  assert.equal(r.body.HostId, ctx.server.host);
  assert.ok('Recommend' in r.body);
});

test('no Format at all → XML (the documented default); format names are case-insensitive', async () => {
  const r = await rawV1(ctx.server, 'QueryEdgeDriverVersion', versionPage(driverId, { Format: undefined }));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/xml;charset=utf-8');
  assert.equal(parseXml(r.text).name, 'QueryEdgeDriverVersionResponse');
  const lower = await rawV1(ctx.server, 'QueryEdgeDriverVersion', versionPage(driverId, { Format: 'xml' }));
  assert.equal(lower.headers.get('content-type'), 'text/xml;charset=utf-8');
  assert.equal(parseXml(lower.text).name, 'QueryEdgeDriverVersionResponse');
  const bad = await rawV1(ctx.server, 'QueryEdgeDriverVersion', versionPage(driverId, { Format: 'YAML' }));
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.text, /InvalidParameter\.Format/);
});

test('XML lists of other operations: BatchGetEdgeDriver wraps <DriverList><Driver>', async () => {
  const c = OPENAPI_V3.make(ctx.server);
  const r = await c.call('BatchGetEdgeDriver', { DriverIds: [driverId] }, { bodyType: 'string', query: { Format: 'XML' } });
  assert.equal(r.status, 200);
  const root = parseXml(r.body);
  assert.equal(root.name, 'BatchGetEdgeDriverResponse');
  const list = child(root, 'DriverList');
  assert.deepEqual(list.children.map((e) => e.name), ['Driver']);
  assert.equal(childText(list.children[0], 'DriverId'), driverId);
  assert.equal(childText(list.children[0], 'IsBuiltIn'), 'false');
});
