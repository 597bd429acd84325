// Assertions on what a client adapter returned ({ status, body, threw }), aware of how each official
// client reacts: pop-core throws whenever Code is not Success; the Tea clients throw on HTTP >= 400 and
// hand HTTP-200 business errors back as ordinary results.
import assert from 'node:assert/strict';

export const ID = /^[0-9a-f]{32}$/;
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
export const GMT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const show = (r) => `HTTP ${r.status} ${JSON.stringify(r.body)}`;

export function expectOk(r) {
  assert.equal(r.threw, null, `the client threw ${r.threw?.code}: ${r.threw?.message}\n${show(r)}`);
  assert.equal(r.status, 200, show(r));
  assert.equal(r.body.Success, true, show(r));
  assert.equal(r.body.Code, 'Success', show(r));
  assert.match(r.body.RequestId, REQUEST_ID, show(r));
  assert.equal(r.body.ErrorMessage, undefined, `ErrorMessage appears only on failure: ${show(r)}`);
  return r.body;
}

export function expectBusinessError(client, r, code) {
  assert.equal(r.status, 200, `a business error is HTTP 200: ${show(r)}`);
  assert.equal(r.body.Success, false, show(r));
  assert.equal(r.body.Code, code, show(r));
  assert.equal(typeof r.body.ErrorMessage, 'string', show(r));
  assert.ok(r.body.ErrorMessage.length > 0, show(r));
  assert.match(r.body.RequestId, REQUEST_ID, show(r));
  if (client.kind === 'pop-core') {
    assert.ok(r.threw, `pop-core throws on Code ${code}: ${show(r)}`);
    assert.equal(r.threw.code, code);
  } else {
    assert.equal(r.threw, null, `a Tea client returns a business error as a result, but threw ${r.threw?.message}`);
  }
  return r.body;
}

export function expectGatewayError(r, status, code, host) {
  assert.equal(r.status, status, show(r));
  assert.equal(r.body.Code, code, show(r));
  assert.ok(r.threw, `the client should throw on ${code}: ${show(r)}`);
  assert.equal(r.threw.code, code);
  assert.match(r.body.RequestId, REQUEST_ID, show(r));
  assert.equal(typeof r.body.Message, 'string', show(r));
  assert.equal(typeof r.body.Recommend, 'string', show(r));
  if (host) assert.equal(r.body.HostId, host, show(r));
  return r.body;
}

/** The Gmt* fields: numbers (ms) within `slackMs` of now; and the UTC strings when the client kept them. */
export function expectTimes(item, { typed = false, slackMs = 10 * 60_000 } = {}) {
  for (const f of ['GmtCreateTimestamp', 'GmtModifiedTimestamp']) {
    assert.equal(typeof item[f], 'number', `${f} is a number: ${JSON.stringify(item)}`);
    assert.ok(Math.abs(item[f] - Date.now()) < slackMs, `${f} ${item[f]} is close to now (${Date.now()})`);
  }
  assert.ok(item.GmtModifiedTimestamp >= item.GmtCreateTimestamp);
  if (typed) return; // the typed models have no GmtCreate/GmtModified strings
  for (const [s, ms] of [['GmtCreate', 'GmtCreateTimestamp'], ['GmtModified', 'GmtModifiedTimestamp']]) {
    assert.match(item[s], GMT, `${s}: ${JSON.stringify(item)}`);
    const utc = new Date(item[ms]).toISOString().slice(0, 19).replace('T', ' ');
    assert.equal(item[s], utc, `${s} is ${ms} in UTC`);
  }
}

/** A cleared optional value: the contract says "an empty string means not set"; absent is read the same. */
export function expectUnset(value, what) {
  assert.ok(value === undefined || value === '', `${what} should be cleared, got ${JSON.stringify(value)}`);
}
