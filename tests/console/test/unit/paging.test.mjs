// Page arithmetic and hash routes of the paged tables.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clampPage, hasNext, hasPrevious, pageCount, pageParams, pageSummary } from '../../../../src/EdgeRegistry/Console/Site/js/paging.js';
import { driverHash, hashFor, parseHash, versionHash } from '../../../../src/EdgeRegistry/Console/Site/js/router.js';

describe('paging', () => {
  it('counts pages, one at least', () => {
    assert.equal(pageCount(0, 30), 1);
    assert.equal(pageCount(30, 30), 1);
    assert.equal(pageCount(31, 30), 2);
    assert.equal(pageCount(45, 30), 2);
    assert.equal(pageCount(61, 30), 3);
  });

  it('keeps a page number from the URL within range', () => {
    assert.equal(clampPage('2'), 2);
    assert.equal(clampPage('0'), 1);
    assert.equal(clampPage('-3'), 1);
    assert.equal(clampPage('abc'), 1);
    assert.equal(clampPage(null), 1);
    assert.equal(clampPage('9', 2), 2);
  });

  it('asks the API for at most 30 a page', () => {
    assert.deepEqual(pageParams(2), { CurrentPage: 2, PageSize: 30 });
    assert.deepEqual(pageParams(1, 100), { CurrentPage: 1, PageSize: 30 });
    assert.deepEqual(pageParams(1, 0), { CurrentPage: 1, PageSize: 1 });
  });

  it('says where the user is', () => {
    assert.equal(pageSummary(2, 45, 30, 'version'), 'Page 2 of 2 (45 versions)');
    assert.equal(pageSummary(1, 1, 30, 'driver'), 'Page 1 of 1 (1 driver)');
    assert.equal(pageSummary(1, 0, 30, 'version'), 'No versions');
  });

  it('offers Previous and Next only where there is a page', () => {
    assert.equal(hasPrevious(1), false);
    assert.equal(hasPrevious(2), true);
    assert.equal(hasNext(1, 45, 30), true);
    assert.equal(hasNext(2, 45, 30), false);
    assert.equal(hasNext(1, 30, 30), false);
  });
});

describe('routes', () => {
  it('round-trips a driver page with its filters', () => {
    const hash = driverHash('abc', { page: 2, state: '1', version: '1.0 beta' });
    const route = parseHash(hash);
    assert.deepEqual(route.parts, ['drivers', 'abc']);
    assert.equal(route.query.get('page'), '2');
    assert.equal(route.query.get('version'), '1.0 beta');
  });

  it('leaves empty filters out and encodes versions', () => {
    assert.equal(hashFor(['drivers'], { name: '', page: undefined }), '#/drivers');
    assert.deepEqual(parseHash(versionHash('id', 'v/1')).parts, ['drivers', 'id', 'versions', 'v/1']);
  });
});
