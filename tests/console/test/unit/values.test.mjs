// Small pure pieces: package file names, SourceConfig reading, same-origin object links, the session and the
// permission probes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageOf, prettyJson, onThisServer, stateName } from '../../../../src/EdgeRegistry/Console/Site/js/format.js';
import { packageFileName } from '../../../../src/EdgeRegistry/Console/Site/js/upload.js';
import { clearSession, loadSession, saveSession } from '../../../../src/EdgeRegistry/Console/Site/js/session.js';
import { createPermissions, PROBES } from '../../../../src/EdgeRegistry/Console/Site/js/permissions.js';

function memoryStorage() {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k), get size() { return data.size; },
  };
}

describe('values', () => {
  it('makes a file name the server takes (name.ext, no path, at most 128)', () => {
    assert.equal(packageFileName('driver.zip'), 'driver.zip');
    assert.equal(packageFileName('C:\\Users\\me\\driver.tar.gz'), 'driver.tar.gz');
    assert.equal(packageFileName('README'), 'README.bin');
    assert.equal(packageFileName('.hidden'), '.hidden.bin');
    assert.equal(packageFileName('trailing.'), 'trailing.bin');
    const long = packageFileName(`${'a'.repeat(200)}.zip`);
    assert.equal(long.length, 128);
    assert.ok(long.endsWith('.zip'));
  });

  it('reads the package out of SourceConfig, without the temporary link', () => {
    const pkg = packageOf(JSON.stringify({ ossAddress: 'http://h/oss/driver/a/b/1/driver%20v1.zip', extra: 1, temporaryOssAddress: 'http://h/oss/x?Expires=1' }));
    assert.equal(pkg.fileName, 'driver v1.zip');
    assert.equal(pkg.downloadUrl, 'http://h/oss/x?Expires=1');
    assert.deepEqual(JSON.parse(pkg.stored), { ossAddress: 'http://h/oss/driver/a/b/1/driver%20v1.zip', extra: 1 });
    assert.equal(packageOf(''), null);
    assert.equal(packageOf('{}'), null);
    assert.equal(packageOf('not json'), null);
  });

  it('moves object links onto the console\'s server, keeping key and signature', () => {
    const link = 'http://proxy.example:9000/registry/oss/driver/k/a%20b.zip?Expires=1&OSSAccessKeyId=l&Signature=x%2By';
    assert.equal(onThisServer(link, 'http://127.0.0.1:8080/'), 'http://127.0.0.1:8080/oss/driver/k/a%20b.zip?Expires=1&OSSAccessKeyId=l&Signature=x%2By');
    assert.equal(onThisServer(link, 'https://gw.example/registry/'), 'https://gw.example/registry/oss/driver/k/a%20b.zip?Expires=1&OSSAccessKeyId=l&Signature=x%2By');
  });

  it('names states and indents JSON', () => {
    assert.equal(stateName('1'), 'Published');
    assert.equal(stateName('0'), 'Unpublished');
    assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
    assert.equal(prettyJson('{oops'), '{oops');
  });

  it('keeps the session in the given storage and forgets it whole', () => {
    const storage = memoryStorage();
    assert.equal(loadSession(storage), null);
    saveSession({ accessKeyId: 'id', secret: 's', instanceId: 'iot-1' }, storage);
    assert.deepEqual(loadSession(storage), { accessKeyId: 'id', secret: 's', instanceId: 'iot-1' });
    createPermissions(storage).deny('DeleteEdgeDriver');
    clearSession(storage);
    assert.equal(loadSession(storage), null);
    assert.equal(storage.size, 0);
  });

  it('learns refused actions from probes that change nothing', async () => {
    const storage = memoryStorage();
    const permissions = createPermissions(storage);
    const seen = [];
    permissions.onChange((a) => seen.push(a));
    await permissions.probe(async (action, params) => {
      assert.ok(params.DriverId === undefined || /^0{32}$/.test(params.DriverId) || action === 'CreateEdgeDriver');
      const error = action.startsWith('Create') ? { code: 'Forbidden.RAM' } : { code: 'iot.edge.DriverNotExist' };
      throw Object.assign(new Error(error.code), error);
    });
    assert.deepEqual(seen.sort(), ['CreateEdgeDriver', 'CreateEdgeDriverVersion', 'CreateEdgeOssPreSignedAddress']);
    assert.equal(permissions.isDenied('DeleteEdgeDriver'), false);
    assert.equal(createPermissions(storage).isDenied('CreateEdgeDriver'), true, 'kept for the tab');
    assert.ok(Object.keys(PROBES).every((a) => !a.startsWith('Query')));
  });
});
