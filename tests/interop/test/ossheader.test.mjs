// Reading objects with Alibaba's own OSS SDK (ali-oss), which signs with the V1 Authorization header: EdgeRegistry
// has no buckets, its objects live under /oss/, so the SDK is pointed at the server with bucket "oss" and path-style
// addressing (sldEnable), and signs exactly the resource the server checks (/oss/<key>).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import OSS from 'ali-oss';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, test, useServer } from '../lib/harness.mjs';

const ctx = useServer();
const TYPED_V3 = CLIENT_KINDS[4];
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A default config uploaded through a presigned link; returns the SDK's endpoint, the object key and the bytes. */
async function defaultConfig(c) {
  const id = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('OssSdk'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  const data = expectOk(await c.call('CreateEdgeOssPreSignedAddress',
    { Type: 'DRIVER_VERSION_DEFAULT_CONFIG', ResourceId: id, ResourceVersion: '1.0', FileName: 'default.json' })).Data;
  const bytes = Buffer.from(`{"port":502,"driver":"${id}"}`);
  assert.equal((await fetch(data.OssPreSignedAddress, { method: 'PUT', body: bytes })).status, 200);
  const url = new URL(data.OssAddress);
  return { endpoint: url.origin, key: decodeURIComponent(url.pathname.slice('/oss/'.length)), bytes };
}

function sdk(endpoint, accessKeyId, accessKeySecret) {
  return new OSS({ endpoint, bucket: 'oss', sldEnable: true, secure: false, accessKeyId, accessKeySecret, timeout: 20_000 });
}

test('ali-oss get and head read an object with the account AccessKey; the bytes and the SHA-256 match', async () => {
  const { endpoint, key, bytes } = await defaultConfig(TYPED_V3.make(ctx.server));
  const client = sdk(endpoint, ctx.server.accessKeyId, ctx.server.accessKeySecret);

  const got = await client.get(key);
  assert.equal(got.res.status, 200);
  assert.deepEqual(Buffer.from(got.content), bytes);
  const head = await client.head(key);
  assert.equal(head.res.status, 200);
  assert.equal(head.res.headers['x-oss-hash-sha256'], sha256(bytes));
});

test('ali-oss with a wrong secret gets SignatureDoesNotMatch, and its put is refused with AccessDenied', async () => {
  const { endpoint, key, bytes } = await defaultConfig(TYPED_V3.make(ctx.server));

  await assert.rejects(sdk(endpoint, ctx.server.accessKeyId, 'not-the-secret').get(key),
    (e) => e.status === 403 && e.code === 'SignatureDoesNotMatch');
  const owner = sdk(endpoint, ctx.server.accessKeyId, ctx.server.accessKeySecret);
  await assert.rejects(owner.put(key, Buffer.from('replaced')), (e) => e.status === 403 && e.code === 'AccessDenied');
  assert.deepEqual(Buffer.from((await owner.get(key)).content), bytes);
});
