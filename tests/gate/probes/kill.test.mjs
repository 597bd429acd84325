// A gate probe (tests/gate/check.sh): the test process dies mid-run.
import test from 'node:test';

test('probe is killed', () => { process.kill(process.pid, 'SIGKILL'); });
