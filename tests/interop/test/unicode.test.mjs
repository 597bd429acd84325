// A Description full of characters the signers encode differently (space, * ~ ' ! ( ), & = +, CJK)
// must be stored and returned byte for byte through every client, and JSON must carry it unescaped.
import assert from 'node:assert/strict';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectOk } from '../lib/expect.mjs';
import { driverName, rawV1, test, useServer } from '../lib/harness.mjs';
import { versionPage } from '../lib/listing.mjs';

const ctx = useServer(setup);
const DESCRIPTION = "LED drv (beta) *x* ~ a&b=c+d 'q'! 中文";
let driverId;

async function setup() {
  const c = CLIENT_KINDS[4].make(ctx.server);
  driverId = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Utf'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
}

CLIENT_KINDS.forEach((kind, i) => {
  test(`${kind.name}: the Description round-trips exactly, written and read by this client and read by all others`, async () => {
    const c = kind.make(ctx.server);
    const version = `3.0.${i}`;
    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: version, EdgeVersion: '2.4.0', Description: DESCRIPTION }));
    assert.equal(expectOk(await c.call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: version })).Data.Description, DESCRIPTION);
    const listed = expectOk(await c.call('QueryEdgeDriverVersion', versionPage(driverId, { DriverVersion: version }))).Data;
    assert.equal(listed.DriverVersionList[0].Description, DESCRIPTION);

    const changed = `${DESCRIPTION} v2`;
    expectOk(await c.call('UpdateEdgeDriverVersion', { DriverId: driverId, DriverVersion: version, EdgeVersion: '2.4.0', Description: changed }));
    for (const other of CLIENT_KINDS) {
      const got = expectOk(await other.make(ctx.server).call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: version })).Data;
      assert.equal(got.Description, changed, `${other.name} reads what ${kind.name} wrote`);
    }
  });
});

test('JSON carries non-ASCII, & = < > unescaped (the old Java SDK mangles \\u escapes)', async () => {
  const text = 'a&b=c <x> 中文';
  expectOk(await CLIENT_KINDS[0].make(ctx.server).call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '9.0.0', EdgeVersion: '2.4.0', Description: text }));
  const r = await rawV1(ctx.server, 'GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '9.0.0' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/json;charset=utf-8');
  assert.match(r.text, /"Description":\s*"a&b=c <x> 中文"/);
  assert.ok(!/\\u[0-9a-fA-F]{4}/.test(r.text), `no \\u escapes: ${r.text}`);
});
