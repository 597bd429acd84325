// The driver-version lifecycle through every client flavour: Create, Get, Query, Update (a full replace),
// Release, Delete, and the rules that guard a published version.
import assert from 'node:assert/strict';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectBusinessError, expectOk, expectTimes, expectUnset } from '../lib/expect.mjs';
import { driverName, sleep, test, useServer } from '../lib/harness.mjs';
import { versionPage } from '../lib/listing.mjs';

const ctx = useServer();

const FULL = {
  EdgeVersion: '2.4.0',
  Description: 'LED driver',
  DriverConfig: '[{"content":"{\\"defaultConfig\\":\\"this is default driver config demo\\"}","format":"JSON"}]',
  ContainerConfig: '{"devMappings":[],"hostNetworkMode":0,"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],"privileged":1,"volumeMappings":[]}',
  ConfigCheckRule: '{"deviceConfig":{"required":false},"driverConfig":{"required":true}}',
  Argument: '-XX:+PrintGCDetails',
};
const OPTIONAL = ['Description', 'SourceConfig', 'DriverConfig', 'ContainerConfig', 'ConfigCheckRule', 'Argument'];

async function newDriver(c) {
  const r = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Ver'), DriverProtocol: 'modbus', Runtime: 'java8' }));
  return r.DriverId;
}

function expectVersion(item, c, expected) {
  for (const [k, v] of Object.entries(expected)) assert.equal(item[k], v, `${k} in ${JSON.stringify(item)}`);
  if (!c.typed) assert.equal(typeof item.VersionState, 'string', 'VersionState is a string on the wire');
  expectTimes(item, { typed: c.typed });
}

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: create, get, query, update (full replace), release, delete`, async () => {
    const c = kind.make(ctx.server);
    const id = await newDriver(c);

    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', ...FULL }));
    const got = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data;
    expectVersion(got, c, { DriverId: id, DriverVersion: '1.0.0', VersionState: '0', ...FULL });
    assert.equal(got.GmtCreateTimestamp, got.GmtModifiedTimestamp);

    const listed = expectOk(await c.call('QueryEdgeDriverVersion', versionPage(id))).Data;
    assert.equal(listed.Total, 1);
    assert.equal(listed.CurrentPage, 1);
    assert.equal(listed.PageSize, 10);
    assert.equal(listed.DriverVersionList.length, 1);
    expectVersion(listed.DriverVersionList[0], c, { DriverId: id, DriverVersion: '1.0.0', VersionState: '0', ...FULL });

    await sleep(5);
    expectOk(await c.call('UpdateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.5.0', Description: 'updated' }));
    const updated = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data;
    expectVersion(updated, c, { DriverId: id, DriverVersion: '1.0.0', VersionState: '0', EdgeVersion: '2.5.0', Description: 'updated' });
    for (const k of ['SourceConfig', 'DriverConfig', 'ContainerConfig', 'ConfigCheckRule', 'Argument']) expectUnset(updated[k], `${k} after an update that left it out`);
    assert.equal(updated.GmtCreateTimestamp, got.GmtCreateTimestamp, 'an update keeps the creation time');
    assert.ok(updated.GmtModifiedTimestamp > got.GmtModifiedTimestamp, 'an update moves the modification time');

    expectOk(await c.call('ReleaseEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' }));
    const released = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data;
    expectVersion(released, c, { VersionState: '1', EdgeVersion: '2.5.0', Description: 'updated' });
    expectOk(await c.call('ReleaseEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' }));
    const again = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data;
    assert.deepEqual(again, released, 'releasing a released version changes nothing');

    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.1.0', EdgeVersion: '2.4.0' }));
    const bare = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.1.0' })).Data;
    expectVersion(bare, c, { DriverVersion: '1.1.0', VersionState: '0', EdgeVersion: '2.4.0' });
    for (const k of OPTIONAL) expectUnset(bare[k], `${k} never given`);
    expectOk(await c.call('DeleteEdgeDriverVersion', { DriverId: id, DriverVersion: '1.1.0' }));
    expectBusinessError(c, await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.1.0' }), 'iot.edge.DriverVersionNotExist');
    const left = expectOk(await c.call('QueryEdgeDriverVersion', versionPage(id))).Data;
    assert.equal(left.Total, 1);
    assert.deepEqual(left.DriverVersionList.map((v) => v.DriverVersion), ['1.0.0']);
  });

  test(`${kind.name}: the rules around existing and published versions`, async () => {
    const c = kind.make(ctx.server);
    const id = await newDriver(c);
    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0', EdgeVersion: '2.4.0' }));
    expectBusinessError(c, await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0', EdgeVersion: '2.4.0' }), 'iot.edge.DriverVersionExist');

    expectOk(await c.call('ReleaseEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0' }));
    expectBusinessError(c, await c.call('UpdateEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0', EdgeVersion: '2.5.0' }), 'iot.edge.DriverVersionPublished');
    expectBusinessError(c, await c.call('DeleteEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0' }), 'iot.edge.DriverVersionPublished');
    expectBusinessError(c, await c.call('DeleteEdgeDriver', { DriverId: id }), 'iot.edge.DriverHasPublishedVersion');
    const still = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '2.0.0' })).Data;
    assert.equal(still.EdgeVersion, '2.4.0', 'the refused update changed nothing');
    assert.equal(still.VersionState, '1');

    expectBusinessError(c, await c.call('UpdateEdgeDriverVersion', { DriverId: id, DriverVersion: '9.9.9', EdgeVersion: '2.5.0' }), 'iot.edge.DriverVersionNotExist');
    expectBusinessError(c, await c.call('ReleaseEdgeDriverVersion', { DriverId: id, DriverVersion: '9.9.9' }), 'iot.edge.DriverVersionNotExist');
  });
}

test('DeleteEdgeDriver takes its unpublished versions with it', async () => {
  const c = CLIENT_KINDS[0].make(ctx.server);
  const id = await newDriver(c);
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0' }));
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.1', EdgeVersion: '2.4.0' }));
  expectOk(await c.call('DeleteEdgeDriver', { DriverId: id }));
  expectBusinessError(c, await c.call('QueryEdgeDriverVersion', versionPage(id)), 'iot.edge.DriverNotExist');
  expectBusinessError(c, await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' }), 'iot.edge.DriverNotExist');
});

test('SourceConfig is stored as given and returned as a string; no package uploaded → no temporaryOssAddress', async () => {
  const c = CLIENT_KINDS[4].make(ctx.server);
  const id = await newDriver(c);
  // SourceConfig is optional and may carry other fields; only an ossAddress must name an uploaded package.
  const source = '{"note":"code pre-installed on the gateway","md5":"abc"}';
  expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: source }));
  const got = expectOk(await c.call('GetEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0' })).Data;
  assert.equal(typeof got.SourceConfig, 'string');
  assert.equal(got.SourceConfig, source);
  assert.equal(JSON.parse(got.SourceConfig).temporaryOssAddress, undefined);
});

test('an ossAddress that names no uploaded package is iot.common.InvalidParam', async () => {
  const c = CLIENT_KINDS[4].make(ctx.server);
  const id = await newDriver(c);
  const source = '{"ossAddress":"http://127.0.0.1/driver/x/DRIVER_VERSION_CONTENT/pkg.zip"}';
  const r = expectBusinessError(c, await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: source }),
    'iot.common.InvalidParam');
  assert.match(r.ErrorMessage, /SourceConfig\.ossAddress/);
});
