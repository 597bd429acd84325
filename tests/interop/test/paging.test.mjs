// QueryEdgeDriverVersion over 45 versions of a driver: pages of 30, newest first, the true Total on every page,
// and both filters (DriverVersion exact, VersionState). The driver made in setup is only read; the test that
// publishes versions makes a driver of its own, so every count below is exact whatever order the tests run in.
import assert from 'node:assert/strict';
import { CLIENT_KINDS } from '../lib/clients.mjs';
import { expectBusinessError, expectOk } from '../lib/expect.mjs';
import { driverName, sleep, test, useServer } from '../lib/harness.mjs';
import { driverPage, versionPage, versionsOf } from '../lib/listing.mjs';

const ctx = useServer(setup);
const COUNT = 45;
// Zero-padded, so creation order, string order and numeric order agree: no reliance on the tie rule.
const VERSIONS = Array.from({ length: COUNT }, (_, i) => `1.0.${String(i).padStart(2, '0')}`);
const NEWEST_FIRST = [...VERSIONS].reverse();
const RELEASED = ['1.0.03', '1.0.10', '1.0.20', '1.0.30', '1.0.40'];
let driverId; // 45 unpublished versions; no test changes it

/** A new driver with the 45 versions, through the typed V3 client. */
async function driverWithVersions() {
  const c = CLIENT_KINDS[4].make(ctx.server);
  const id = expectOk(await c.call('CreateEdgeDriver', { DriverName: driverName('Page'), DriverProtocol: 'modbus', Runtime: 'nodejs8' })).DriverId;
  for (const v of VERSIONS) {
    expectOk(await c.call('CreateEdgeDriverVersion', { DriverId: id, DriverVersion: v, EdgeVersion: '2.4.0', Description: `v ${v}` }));
    await sleep(3); // distinct creation milliseconds
  }
  return id;
}

async function setup() {
  driverId = await driverWithVersions();
}

async function page(c, n, extra = {}, id = driverId) {
  return expectOk(await c.call('QueryEdgeDriverVersion', versionPage(id, { CurrentPage: n, PageSize: 30, ...extra }))).Data;
}

for (const kind of CLIENT_KINDS) {
  test(`${kind.name}: 45 versions in pages of 30 → 30, 15, empty; Total 45 on each; newest first`, async () => {
    const c = kind.make(ctx.server);
    const pages = [await page(c, 1), await page(c, 2), await page(c, 3)];
    pages.forEach((p, i) => {
      assert.equal(p.Total, COUNT, `Total on page ${i + 1}`);
      assert.equal(p.CurrentPage, i + 1);
      assert.equal(p.PageSize, 30);
    });
    assert.equal(versionsOf(pages[0]).length, 30);
    assert.equal(versionsOf(pages[1]).length, 15);
    assert.deepEqual(versionsOf(pages[2]), []);
    assert.ok(Array.isArray(pages[2].DriverVersionList) || pages[2].DriverVersionList === undefined);
    assert.deepEqual([...versionsOf(pages[0]), ...versionsOf(pages[1])], NEWEST_FIRST);
    for (const item of [...pages[0].DriverVersionList, ...pages[1].DriverVersionList]) {
      assert.equal(item.DriverId, driverId);
      assert.equal(item.VersionState, '0');
      assert.equal(item.Description, `v ${item.DriverVersion}`);
    }
    const created = [...pages[0].DriverVersionList, ...pages[1].DriverVersionList].map((v) => v.GmtCreateTimestamp);
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'GmtCreateTimestamp descending');
  });
}

for (const kind of [CLIENT_KINDS[0], CLIENT_KINDS[4]]) {
  test(`${kind.name}: DriverVersion filter is exact: one or none`, async () => {
    const c = kind.make(ctx.server);
    const one = await page(c, 1, { DriverVersion: '1.0.07' });
    assert.equal(one.Total, 1);
    assert.deepEqual(versionsOf(one), ['1.0.07']);
    assert.equal(one.DriverVersionList[0].Description, 'v 1.0.07');
    const prefix = await page(c, 1, { DriverVersion: '1.0.0' });
    assert.equal(prefix.Total, 0, '"1.0.0" is a prefix of ten versions but names none');
    assert.deepEqual(versionsOf(prefix), []);
    const none = await page(c, 1, { DriverVersion: 'no-such-version' });
    assert.equal(none.Total, 0);
    assert.deepEqual(versionsOf(none), []);
  });
}

test('VersionState filter (on a driver of its own): 1 lists the released versions, 0 the rest; combined with DriverVersion', async () => {
  const released = await driverWithVersions();
  const typed = CLIENT_KINDS[4].make(ctx.server);
  for (const v of RELEASED) expectOk(await typed.call('ReleaseEdgeDriverVersion', { DriverId: released, DriverVersion: v }));
  for (const kind of CLIENT_KINDS) {
    const c = kind.make(ctx.server);
    const published = await page(c, 1, { VersionState: 1 }, released);
    assert.equal(published.Total, RELEASED.length, kind.name);
    assert.deepEqual(versionsOf(published), [...RELEASED].reverse(), kind.name);
    assert.ok(published.DriverVersionList.every((v) => v.VersionState === '1'), kind.name);

    const unpublished = [await page(c, 1, { VersionState: 0 }, released), await page(c, 2, { VersionState: 0 }, released)];
    assert.equal(unpublished[0].Total, COUNT - RELEASED.length, kind.name);
    assert.equal(unpublished[1].Total, COUNT - RELEASED.length, kind.name);
    assert.equal(versionsOf(unpublished[0]).length, 30);
    assert.equal(versionsOf(unpublished[1]).length, 10);
    assert.deepEqual([...versionsOf(unpublished[0]), ...versionsOf(unpublished[1])], NEWEST_FIRST.filter((v) => !RELEASED.includes(v)), kind.name);
    assert.ok([...unpublished[0].DriverVersionList, ...unpublished[1].DriverVersionList].every((v) => v.VersionState === '0'));

    assert.deepEqual(versionsOf(await page(c, 1, { VersionState: 1, DriverVersion: '1.0.03' }, released)), ['1.0.03'], kind.name);
    assert.deepEqual(versionsOf(await page(c, 1, { VersionState: 0, DriverVersion: '1.0.03' }, released)), [], kind.name);
  }
});

for (const kind of [CLIENT_KINDS[0], CLIENT_KINDS[4]]) {
  test(`${kind.name}: VersionState 2 → iot.common.InvalidParam; PageSize 31 / 0 and CurrentPage 0 → iot.common.InvalidPageParams`, async () => {
    const c = kind.make(ctx.server);
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', versionPage(driverId, { VersionState: 2 })), 'iot.common.InvalidParam');
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', versionPage(driverId, { PageSize: 31 })), 'iot.common.InvalidPageParams');
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', versionPage(driverId, { PageSize: 0 })), 'iot.common.InvalidPageParams');
    expectBusinessError(c, await c.call('QueryEdgeDriverVersion', versionPage(driverId, { CurrentPage: 0 })), 'iot.common.InvalidPageParams');
    expectBusinessError(c, await c.call('QueryEdgeDriver', driverPage({ PageSize: 31 })), 'iot.common.InvalidPageParams');
  });
}
