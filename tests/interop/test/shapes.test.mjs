// No EdgeRegistry here: what the official clients put on the wire, checked against a recording server.
// These pin the facts the server-backed tests (and signing.md) rely on, so a client upgrade that changes
// them shows up as a failure here first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApi, popCore, typedIot } from '../lib/clients.mjs';
import { startRecorder } from '../lib/recorder.mjs';
import { REPO_ROOT } from '../lib/server.mjs';
import { signV1, stringToSignV1 } from '../lib/sign.mjs';

// The repository's copy of shared/spec/signature-vectors.json (the .NET suite reads the same file), so a clean clone runs it.
const VECTORS = path.join(REPO_ROOT, 'tests', 'EdgeRegistry.Tests', 'Signing', 'signature-vectors.json');
let rec;
let creds;
before(async () => {
  rec = await startRecorder();
  creds = { port: rec.port, accessKeyId: 'testid', accessKeySecret: 'testsecret' };
});
after(() => rec.close());

const last = () => rec.requests.at(-1);
const queryOf = (url) => new URL(url, 'http://x').searchParams;
const query = { DriverId: 'fec565038d7544978d9aed5c1a000001', CurrentPage: 1, PageSize: 10 };

test('the suite\'s own V1 signer reproduces every V1 vector in signature-vectors.json', () => {
  const { vectors, accessKeySecret } = JSON.parse(readFileSync(VECTORS, 'utf8'));
  const v1 = vectors.filter((v) => v.params);
  assert.ok(v1.length >= 4);
  for (const v of v1) {
    const { Signature, ...params } = v.params;
    assert.equal(stringToSignV1(v.method, params), v.stringToSign, v.client);
    assert.equal(signV1(v.method, params, accessKeySecret), v.signature, v.client);
  }
});

test('pop-core GET: every parameter in the query, Signature last, Format=JSON', async () => {
  await popCore(creds).call('QueryEdgeDriverVersion', query);
  const r = last();
  assert.equal(r.method, 'GET');
  assert.equal(r.body, '');
  const names = [...queryOf(r.url).keys()];
  assert.equal(names.at(-1), 'Signature');
  assert.deepEqual(names.slice(0, -1), [...names.slice(0, -1)].sort(), 'sorted by name');
  assert.equal(queryOf(r.url).get('Format'), 'JSON');
  assert.equal(queryOf(r.url).get('SignatureType'), null);
});

test('pop-core POST: the same canonical string as a form body to /', async () => {
  await popCore({ ...creds, method: 'POST' }).call('QueryEdgeDriverVersion', query);
  const r = last();
  assert.equal(r.method, 'POST');
  assert.equal(r.url, '/');
  assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal([...new URLSearchParams(r.body).keys()].at(-1), 'Signature');
});

test('pop-core lets SignatureNonce and Timestamp be fixed through the parameters', async () => {
  await popCore(creds).call('QueryEdgeDriverVersion', { ...query, SignatureNonce: 'fixed-nonce', Timestamp: '2020-01-01T00:00:00Z' });
  const q = queryOf(last().url);
  assert.equal(q.get('SignatureNonce'), 'fixed-nonce');
  assert.equal(q.get('Timestamp'), '2020-01-01T00:00:00Z');
});

for (const [name, make] of [['openapi-client callApi', openApi], ['iot20180120', typedIot]]) {
  test(`${name} V3: POST /?<business parameters>, empty body, ACS3-HMAC-SHA256 signing host and every x-acs-* header`, async () => {
    await make(creds).call('QueryEdgeDriverVersion', query);
    const r = last();
    assert.equal(r.method, 'POST');
    assert.deepEqual([...queryOf(r.url).keys()].sort(), ['CurrentPage', 'DriverId', 'PageSize']);
    assert.equal(r.body, '');
    assert.equal(r.headers['x-acs-action'], 'QueryEdgeDriverVersion');
    assert.equal(r.headers['x-acs-version'], '2018-01-20');
    assert.equal(r.headers.accept, 'application/json');
    const auth = /^ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=([^,]+),Signature=[0-9a-f]{64}$/.exec(r.headers.authorization);
    assert.ok(auth, r.headers.authorization);
    const signed = auth[1].split(';');
    const expected = Object.keys(r.headers).filter((h) => h === 'host' || h.startsWith('x-acs-')).sort();
    assert.deepEqual(signed, expected);
  });

  test(`${name} v2: POST /?<everything>, Format=json in lower case, HMAC-SHA1`, async () => {
    await make({ ...creds, signatureAlgorithm: 'v2' }).call('QueryEdgeDriverVersion', query);
    const r = last();
    const q = queryOf(r.url);
    assert.equal(r.method, 'POST');
    assert.equal(r.body, '');
    assert.equal(q.get('Format'), 'json');
    assert.equal(q.get('SignatureMethod'), 'HMAC-SHA1');
    assert.equal(q.get('Action'), 'QueryEdgeDriverVersion');
    assert.equal(q.get('DriverId'), query.DriverId);
    assert.equal(r.headers.authorization, undefined);
  });
}

test('openapi-client lets x-acs-signature-nonce / x-acs-date (V3) and SignatureNonce / Timestamp / Format (V1) be set per request', async () => {
  await openApi(creds).call('QueryEdgeDriverVersion', query, { headers: { 'x-acs-signature-nonce': 'n3', 'x-acs-date': '2020-01-01T00:00:00Z' }, query: { Format: 'XML' } });
  let r = last();
  assert.equal(r.headers['x-acs-signature-nonce'], 'n3');
  assert.equal(r.headers['x-acs-date'], '2020-01-01T00:00:00Z');
  assert.equal(queryOf(r.url).get('Format'), 'XML');
  assert.match(r.headers.authorization, /x-acs-signature-nonce/);
  await openApi({ ...creds, signatureAlgorithm: 'v2' }).call('QueryEdgeDriverVersion', query, { query: { SignatureNonce: 'n1', Timestamp: '2020-01-01T00:00:00Z', Format: 'XML' } });
  r = last();
  assert.equal(queryOf(r.url).get('SignatureNonce'), 'n1');
  assert.equal(queryOf(r.url).get('Timestamp'), '2020-01-01T00:00:00Z');
  assert.equal(queryOf(r.url).get('Format'), 'XML');
});

test('repeated parameters are flattened 1-based by every client', async () => {
  const ids = ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
  for (const c of [popCore(creds), openApi(creds), typedIot(creds)]) {
    await c.call('BatchGetEdgeDriver', { DriverIds: ids });
    const q = queryOf(last().url);
    assert.deepEqual([q.get('DriverIds.1'), q.get('DriverIds.2')], ids, c.name);
  }
});
