// CreateEdgeDriver, QueryEdgeDriver, BatchGetEdgeDriver, DeleteEdgeDriver through every client flavour.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectBusinessError, expectOk, expectTimes, ID } from '../lib/expect.mjs';
import { driverName, sleep, test, useServer } from '../lib/harness.mjs';
import { driverIdsOf, driverPage } from '../lib/listing.mjs';

const ctx = useServer();
const unknownId = () => randomBytes(16).toString('hex');

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: create, query, batch-get and delete a driver`, async () => {
    const c = kind.make(ctx.server);
    const name = driverName('Led');
    const created = expectOk(await c.call('CreateEdgeDriver', {
      DriverName: name, DriverProtocol: 'modbus', Runtime: 'nodejs8', CpuArch: 'aarch64', IsBuiltIn: false,
    }));
    assert.match(created.DriverId, ID);
    const id = created.DriverId;

    const page = expectOk(await c.call('QueryEdgeDriver', driverPage({ DriverName: name }))).Data;
    assert.equal(page.Total, 1);
    assert.equal(page.CurrentPage, 1);
    assert.equal(page.PageSize, 30);
    assert.equal(page.DriverList.length, 1);
    const d = page.DriverList[0];
    assert.equal(d.DriverId, id);
    assert.equal(d.DriverName, name);
    assert.equal(d.DriverProtocol, 'modbus');
    assert.equal(d.Runtime, 'nodejs8');
    assert.equal(d.CpuArch, 'AArch64', 'CpuArch is returned in its canonical spelling');
    assert.equal(d.IsBuiltIn, false);
    assert.equal(d.Type, 1, 'drivers created through the API are custom (Type 1)');
    expectTimes(d, { typed: c.typed });

    const batch = expectOk(await c.call('BatchGetEdgeDriver', { DriverIds: [id, unknownId()] }));
    assert.equal(batch.DriverList.length, 1, 'unknown ids are left out');
    assert.equal(batch.DriverList[0].DriverId, id);
    assert.equal(batch.DriverList[0].DriverName, name);
    assert.equal(batch.DriverList[0].CpuArch, 'AArch64');

    expectOk(await c.call('DeleteEdgeDriver', { DriverId: id }));
    assert.deepEqual(driverIdsOf(expectOk(await c.call('BatchGetEdgeDriver', { DriverIds: [id] }))), []);
    const after = expectOk(await c.call('QueryEdgeDriver', driverPage({ DriverName: name }))).Data;
    assert.equal(after.Total, 0);
    assert.deepEqual(driverIdsOf(after), []);
    expectBusinessError(c, await c.call('DeleteEdgeDriver', { DriverId: id }), 'iot.edge.DriverNotExist');
  });
}

test('raw JSON types: IsBuiltIn is a boolean, Type and the timestamps are numbers (pop-core sees the wire as is)', async () => {
  const c = CLIENT_KINDS[0].make(ctx.server);
  const name = driverName('Raw');
  const { DriverId } = expectOk(await c.call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'opc-ua', Runtime: 'python3', IsBuiltIn: true }));
  const [d] = expectOk(await c.call('BatchGetEdgeDriver', { DriverIds: [DriverId] })).DriverList;
  assert.equal(d.IsBuiltIn, true);
  assert.equal(typeof d.Type, 'number');
  assert.equal(d.DriverProtocol, 'opc-ua');
  assert.equal(d.Runtime, 'python3');
  expectTimes(d);
});

test('QueryEdgeDriver: newest first, DriverName filters by substring, paging keeps the true Total', async () => {
  const c = CLIENT_KINDS[4].make(ctx.server); // typed V3
  const stem = `Ord${randomBytes(3).toString('hex')}`;
  const ids = [];
  for (let i = 0; i < 4; i += 1) {
    const r = expectOk(await c.call('CreateEdgeDriver', { DriverName: `${stem}_${i}`, DriverProtocol: 'customize', Runtime: 'c' }));
    ids.push(r.DriverId);
    await sleep(5);
  }
  const all = expectOk(await c.call('QueryEdgeDriver', driverPage({ DriverName: stem }))).Data;
  assert.equal(all.Total, 4);
  assert.deepEqual(driverIdsOf(all), [...ids].reverse());
  const p2 = expectOk(await c.call('QueryEdgeDriver', driverPage({ CurrentPage: 2, PageSize: 3, DriverName: stem }))).Data;
  assert.equal(p2.Total, 4);
  assert.deepEqual(driverIdsOf(p2), [ids[0]]);
  const one = expectOk(await c.call('QueryEdgeDriver', driverPage({ DriverName: `${stem}_2` }))).Data;
  assert.deepEqual(driverIdsOf(one), [ids[2]]);
  const official = expectOk(await c.call('QueryEdgeDriver', driverPage({ Type: 0, DriverName: stem }))).Data;
  assert.equal(official.Total, 0, 'API-created drivers are not official (Type 0)');
});

for (const kind of [CLIENT_KINDS[0], CLIENT_KINDS[4]]) {
  test(`${kind.name}: a driver name already used → iot.edge.DriverNameExist`, async () => {
    const c = kind.make(ctx.server);
    const name = driverName('Dup');
    expectOk(await c.call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'modbus', Runtime: 'java8' }));
    expectBusinessError(c, await c.call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'modbus', Runtime: 'java8' }), 'iot.edge.DriverNameExist');
  });
}
