// Driver packages end to end with the official clients (issue 3): CreateEdgeOssPreSignedAddress → PUT the
// bytes with a plain HTTP client (fetch) → CreateEdgeDriverVersion with SourceConfig → QueryEdgeDriverVersion /
// GetEdgeDriverVersion → download the temporaryOssAddress and compare bytes and SHA-256. Object URLs point at
// the server itself (its --listen address), not at the recording proxy the RPC calls go through.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectBusinessError, expectGatewayError, expectOk, ID } from '../lib/expect.mjs';
import { driverName, test, useServer } from '../lib/harness.mjs';
import { versionPage } from '../lib/listing.mjs';
import { child, childText, parseXml } from '../lib/xml.mjs';

const ctx = useServer();
const [POP_GET, , OPENAPI_V3, , TYPED_V3] = CLIENT_KINDS;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const etagOf = (bytes) => `"${createHash('md5').update(bytes).digest('hex').toUpperCase()}"`;
const OBJECT_URL = /^http:\/\/127\.0\.0\.1:\d+\/oss\/driver\/[0-9a-f]{32}\/(DRIVER_VERSION_CONTENT|DRIVER_VERSION_DEFAULT_CONFIG|INSTANCE_DRIVER_VERSION_CONFIG)\/[0-9a-f]{32}\/[^/]+\/\d{13}\/[^/?]+$/;

async function newDriver(c) {
  return expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Pkg'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
}

async function presign(c, params) {
  const data = expectOk(await c.call('CreateEdgeOssPreSignedAddress', params)).Data;
  assert.match(data.OssAddress, OBJECT_URL);
  assert.ok(data.OssPreSignedAddress.startsWith(`${data.OssAddress}?Expires=`), data.OssPreSignedAddress);
  const url = new URL(data.OssPreSignedAddress);
  assert.deepEqual([...url.searchParams.keys()], ['Expires', 'OSSAccessKeyId', 'Signature']);
  const expires = Number(url.searchParams.get('Expires'));
  assert.ok(Math.abs(expires - (Date.now() / 1000 + 300)) < 60, `Expires ${expires} is about now + 300 s`);
  return data;
}

async function put(url, body, headers = {}) {
  const res = await fetch(url, { method: 'PUT', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function download(url, init = {}) {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

function expectObject(r, bytes, contentType) {
  assert.equal(r.status, 200, r.bytes.toString('utf8', 0, 500));
  assert.equal(r.bytes.length, bytes.length);
  assert.equal(sha256(r.bytes), sha256(bytes), 'the SHA-256 of the download is the SHA-256 of the upload');
  assert.ok(r.bytes.equals(bytes));
  assert.equal(r.headers.get('content-length'), String(bytes.length));
  assert.equal(r.headers.get('etag'), etagOf(bytes));
  assert.equal(r.headers.get('x-oss-hash-sha256'), sha256(bytes));
  if (contentType) assert.equal(r.headers.get('content-type'), contentType);
}

function expectOssError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /^application\/xml/);
  const root = parseXml(r.text);
  assert.equal(root.name, 'Error');
  assert.equal(childText(root, 'Code'), code, r.text);
  assert.ok(childText(root, 'Message'));
  assert.ok(childText(root, 'RequestId'));
  return childText(root, 'Message');
}

const sourceOf = (item) => JSON.parse(item.SourceConfig);

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: presign → PUT with fetch → CreateEdgeDriverVersion → Query/Get → download temporaryOssAddress`, async () => {
    const c = kind.make(ctx.server);
    const id = await newDriver(c);
    assert.match(id, ID);
    const bytes = randomBytes(256 * 1024 + 17);

    const addr = await presign(c, { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: '1.0.0', FileName: 'led-driver.zip' });
    const uploaded = await put(addr.OssPreSignedAddress, bytes, { 'content-type': 'application/zip' });
    assert.equal(uploaded.status, 200, uploaded.text);
    assert.equal(uploaded.headers.get('etag'), etagOf(bytes));
    assert.equal(uploaded.headers.get('x-oss-hash-sha256'), sha256(bytes));

    const source = JSON.stringify({ ossAddress: addr.OssAddress });
    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: source }));

    const page = expectOk(await c.call('QueryEdgeDriverVersion', versionPage(id))).Data;
    assert.equal(page.DriverVersionList.length, 1);
    const listed = sourceOf(page.DriverVersionList[0]);
    assert.equal(listed.ossAddress, addr.OssAddress);
    assert.ok(listed.temporaryOssAddress.startsWith(`${addr.OssAddress}?Expires=`), listed.temporaryOssAddress);
    expectObject(await download(listed.temporaryOssAddress), bytes, 'application/zip');

    const got = sourceOf(expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data);
    assert.equal(got.ossAddress, addr.OssAddress);
    expectObject(await download(got.temporaryOssAddress), bytes, 'application/zip');

    const part = await download(got.temporaryOssAddress, { headers: { range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.ok(part.bytes.equals(bytes.subarray(100, 200)));
  });
}

test('a default config file in a FILE DriverConfig, and a streamed (chunked) 8 MiB package', async () => {
  const c = TYPED_V3.make(ctx.server);
  const id = await newDriver(c);
  const config = Buffer.from('{"slaveId":1,"port":"/dev/ttyS0"}');
  const cfg = await presign(c, { Type: 'DRIVER_VERSION_DEFAULT_CONFIG', ResourceId: id, ResourceVersion: '2.0.0', FileName: 'default.json' });
  assert.equal((await put(cfg.OssPreSignedAddress, config, { 'content-type': 'application/json' })).status, 200);

  const bytes = randomBytes(8 * 1024 * 1024);
  const pkg = await presign(c, { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: '2.0.0', FileName: 'big.zip' });
  let offset = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) { controller.close(); return; }
      controller.enqueue(bytes.subarray(offset, offset + 100_000));
      offset += 100_000;
    },
  });
  const streamed = await put(pkg.OssPreSignedAddress, stream);
  assert.equal(streamed.status, 200, streamed.text);
  assert.equal(streamed.headers.get('x-oss-hash-sha256'), sha256(bytes));

  const driverConfig = JSON.stringify([{ format: 'FILE', content: cfg.OssAddress }]);
  expectOk(await c.call('CreateEdgeDriverVersion', {
    DriverId: id, DriverVersion: '2.0.0', EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress: pkg.OssAddress }), DriverConfig: driverConfig,
  }));
  const got = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0' })).Data;
  assert.equal(got.DriverConfig, driverConfig);
  expectObject(await download(sourceOf(got).temporaryOssAddress), bytes, 'application/octet-stream');
});

for (const action of ['QueryEdgeDriverVersion', 'GetEdgeDriverVersion']) {
  test(`${action} with Format=XML: temporaryOssAddress inside the SourceConfig text, and it downloads`, async () => {
    const c = OPENAPI_V3.make(ctx.server);
    const id = await newDriver(c);
    const bytes = randomBytes(5000);
    const addr = await presign(c, { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: '1.0.0', FileName: 'x.zip' });
    assert.equal((await put(addr.OssPreSignedAddress, bytes)).status, 200);
    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress: addr.OssAddress }) }));

    const params = action === 'GetEdgeDriverVersion' ? { DriverId: id, DriverVersion: '1.0.0' } : versionPage(id);
    const r = await c.call(action, params, { bodyType: 'string', query: { Format: 'XML' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/xml;charset=utf-8');
    const root = parseXml(r.body);
    assert.equal(root.name, `${action}Response`);
    const data = child(root, 'Data');
    const item = action === 'GetEdgeDriverVersion' ? data : child(child(data, 'DriverVersionList'), 'DriverVersion');
    const sourceElement = child(item, 'SourceConfig');
    assert.equal(sourceElement.children.length, 0, 'SourceConfig is text, not nested elements');
    const source = JSON.parse(sourceElement.text);
    assert.equal(source.ossAddress, addr.OssAddress);
    expectObject(await download(source.temporaryOssAddress), bytes);
  });
}

test('business and gateway errors of CreateEdgeOssPreSignedAddress as each client family sees them', async () => {
  const typed = TYPED_V3.make(ctx.server);
  const pop = POP_GET.make(ctx.server);
  const id = await newDriver(typed);
  const base = { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: '1.0.0', FileName: 'a.zip' };

  for (const c of [typed, pop]) {
    expectBusinessError(c, await c.call('CreateEdgeOssPreSignedAddress', { ...base, Type: 'SOMETHING' }), 'iot.common.InvalidParam');
    expectBusinessError(c, await c.call('CreateEdgeOssPreSignedAddress', { ...base, FileName: 'dir/a.zip' }), 'iot.common.InvalidParam');
    expectBusinessError(c, await c.call('CreateEdgeOssPreSignedAddress', { ...base, ResourceId: '0123456789abcdef0123456789abcdef' }), 'iot.edge.DriverNotExist');
    expectBusinessError(c, await c.call('CreateEdgeOssPreSignedAddress', { ...base, Type: 'INSTANCE_DRIVER_VERSION_CONFIG' }), 'iot.common.InvalidParam');
    expectBusinessError(c, await c.call('CreateEdgeOssPreSignedAddress', { ...base, Type: 'INSTANCE_DRIVER_VERSION_CONFIG', InstanceId: 'edge-1' }),
      'iot.edge.DriverVersionNotExist');
    const { FileName, ...noFile } = base;
    expectGatewayError(await c.call('CreateEdgeOssPreSignedAddress', noFile), 400, 'MissingFileName');
  }
});

test('object URL errors are OSS XML documents: no signature, a tampered one, another method; a deleted object is NoSuchKey', async () => {
  const c = TYPED_V3.make(ctx.server);
  const id = await newDriver(c);
  const bytes = randomBytes(100);
  const addr = await presign(c, { Type: 'DRIVER_VERSION_CONTENT', ResourceId: id, ResourceVersion: '1.0.0', FileName: 'a.zip' });
  assert.equal((await put(addr.OssPreSignedAddress, bytes)).status, 200);
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress: addr.OssAddress }) }));
  const link = sourceOf(expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data).temporaryOssAddress;
  const text = async (url, init) => { const res = await fetch(url, init); return { status: res.status, headers: res.headers, text: await res.text() }; };

  expectOssError(await text(addr.OssAddress), 403, 'AccessDenied');
  const tampered = new URL(link);
  tampered.searchParams.set('Expires', String(Number(tampered.searchParams.get('Expires')) + 3600));
  expectOssError(await text(tampered.href), 403, 'SignatureDoesNotMatch');
  expectOssError(await text(addr.OssPreSignedAddress), 403, 'SignatureDoesNotMatch');
  expectOssError(await put(link, Buffer.from('x')), 403, 'SignatureDoesNotMatch');

  expectOk(await c.call('DeleteEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' }));
  expectOssError(await text(link), 404, 'NoSuchKey');
});
