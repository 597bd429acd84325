// A gate probe (tests/gate/check.sh): two passing tests and a deliberate skip.
import test from 'node:test';
import assert from 'node:assert/strict';

test('probe passes', () => assert.equal(1 + 1, 2));
test('probe passes again', async () => assert.ok(await Promise.resolve(true)));
test('probe skips on purpose', { skip: 'gate probe: a deliberate skip, counted and named' }, () => {});
