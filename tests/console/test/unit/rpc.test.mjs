// The RPC client without a browser: what it sends, how it reads both error shapes, Throttling.User back-off, and
// Forbidden.RAM reporting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, retryDelay, serverRoot } from '../../../../src/EdgeRegistry/Console/Site/js/rpc.js';
import { errorOf } from '../../../../src/EdgeRegistry/Console/Site/js/api-error.js';

function fakeServer(answers) {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ url, init });
    const [status, body, headers = {}] = answers.shift();
    return new Response(JSON.stringify(body), { status, headers });
  };
  return { sent, fetch };
}

const credentials = { accessKeyId: 'LTAIkey', secret: 'very-secret-value', instanceId: '' };

describe('the RPC client', () => {
  it('sends a V3-signed POST with the parameters in the query and no body', async () => {
    const server = fakeServer([[200, { RequestId: 'R', Success: true, Code: 'Success', Data: { Total: 0 } }]]);
    const client = createClient({ ...credentials, instanceId: 'iot-abc123' }, { fetch: server.fetch, host: '127.0.0.1:1' });
    const answer = await client.call('QueryEdgeDriver', { CurrentPage: 1, PageSize: 30, Type: 1, DriverName: undefined });
    assert.equal(answer.Data.Total, 0);
    const [{ url, init }] = server.sent;
    assert.equal(url, '/?CurrentPage=1&IotInstanceId=iot-abc123&PageSize=30&Type=1');
    assert.equal(init.method, 'POST');
    assert.equal(init.body, undefined);
    assert.equal(init.headers['x-acs-action'], 'QueryEdgeDriver');
    assert.equal(init.headers['x-acs-version'], '2018-01-20');
    assert.match(init.headers.authorization, /^ACS3-HMAC-SHA256 Credential=LTAIkey,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(server.sent).includes(credentials.secret));
  });

  it('turns gateway and business errors into one ApiError with code, message and RequestId', async () => {
    const server = fakeServer([
      [400, { RequestId: 'G1', Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' }],
      [200, { RequestId: 'B1', Success: false, Code: 'iot.edge.DriverNameExist', ErrorMessage: 'The name is taken' }],
    ]);
    const client = createClient(credentials, { fetch: server.fetch, host: 'h' });
    await assert.rejects(client.call('QueryEdgeDriver'), { code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched', requestId: 'G1', status: 400 });
    await assert.rejects(client.call('CreateEdgeDriver'), { code: 'iot.edge.DriverNameExist', message: 'The name is taken', requestId: 'B1' });
  });

  it('retries Throttling.User with growing waits, says so, and re-signs each attempt', async () => {
    const throttled = [400, { RequestId: 'T', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' }, { 'retry-after': '1' }];
    const server = fakeServer([throttled, throttled, [200, { RequestId: 'OK', Success: true, Code: 'Success' }]]);
    const waits = [];
    const retries = [];
    const client = createClient(credentials, {
      fetch: server.fetch, host: 'h', sleep: async (ms) => waits.push(ms),
      onRetry: (action, attempt) => retries.push([action, attempt]),
    });
    await client.call('QueryEdgeDriverVersion', { DriverId: 'x' });
    assert.equal(server.sent.length, 3);
    assert.deepEqual(retries, [['QueryEdgeDriverVersion', 1], ['QueryEdgeDriverVersion', 2]]);
    assert.ok(waits[0] >= 1000 && waits[0] < 1300 && waits[1] >= 2000 && waits[1] < 2300, String(waits));
    const nonces = server.sent.map((s) => s.init.headers['x-acs-signature-nonce']);
    assert.equal(new Set(nonces).size, 3);
  });

  it('gives up after four retries and reports the throttling', async () => {
    const throttled = [400, { RequestId: 'T', Code: 'Throttling.User', Message: 'denied' }];
    const server = fakeServer(Array.from({ length: 5 }, () => throttled));
    const client = createClient(credentials, { fetch: server.fetch, host: 'h', sleep: async () => {} });
    await assert.rejects(client.call('QueryEdgeDriver'), { code: 'Throttling.User' });
    assert.equal(server.sent.length, 5);
  });

  it('names the refused action on Forbidden.RAM and tells the page', async () => {
    const server = fakeServer([[403, { RequestId: 'F', Code: 'Forbidden.RAM', Message: 'User not authorized' }]]);
    const refused = [];
    const client = createClient(credentials, { fetch: server.fetch, host: 'h', onForbidden: (a) => refused.push(a) });
    await assert.rejects(client.call('DeleteEdgeDriver', { DriverId: 'x' }), (e) => e.code === 'Forbidden.RAM' && e.message.includes('iot:DeleteEdgeDriver'));
    assert.deepEqual(refused, ['DeleteEdgeDriver']);
  });

  it('reads success from Code when Success is absent', () => {
    assert.equal(errorOf('X', 200, { RequestId: 'r', Code: 'Success' }), null);
    assert.equal(errorOf('X', 200, { RequestId: 'r', Success: true }), null);
    assert.equal(errorOf('X', 500, { RequestId: 'r', Code: 'InternalError', Message: 'm' }).code, 'InternalError');
  });

  it('calls the folder above /console/, behind a proxy\'s prefix too', () => {
    assert.equal(serverRoot('http://127.0.0.1:8080/console/#/drivers'), '/');
    assert.equal(serverRoot('https://gw.example/registry/console/#/drivers/x?page=2'), '/registry/');
    assert.equal(serverRoot(undefined), '/');
  });

  it('waits Retry-After doubled per attempt, with a little jitter', () => {
    assert.equal(retryDelay('1', 1, () => 0), 1000);
    assert.equal(retryDelay('1', 3, () => 0), 4000);
    assert.equal(retryDelay(null, 2, () => 1), 2250);
    assert.equal(retryDelay('2', 1, () => 0), 2000);
  });
});
