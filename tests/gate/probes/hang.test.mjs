// A gate probe (tests/gate/check.sh): a test that never ends.
import test from 'node:test';

test('probe hangs', () => new Promise(() => { setInterval(() => {}, 1000); }));
