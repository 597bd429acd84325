// The JSON editors' inline checks: syntax errors with line and column, and the rules of api.md 5 and 5.1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJson, lineColumn } from '../../../../src/EdgeRegistry/Console/Site/js/json-rules.js';
import { syntaxErrorAt } from '../../../../src/EdgeRegistry/Console/Site/js/json-syntax.js';

const SAMPLES = ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n"', 'true', 'null', ' {"a":[1,{"b":null}],"c":"d"} ', '{"a":1,}', '[1,]', '01', '1.', '{"a" 1}',
  '"\t"', '"\\x"', '[1 2]', '{"a":tru}', '', '   ', '{"a":1}}', '"unterminated', '[', '-', '{"a":"\\u12G4"}', '[1e]'];

describe('JSON editors', () => {
  it('accepts empty (not set) and valid values', () => {
    assert.equal(checkJson('ContainerConfig', ''), null);
    assert.equal(checkJson('ContainerConfig', '  '), null);
    assert.equal(checkJson('ContainerConfig', '{"privileged":1,"hostNetworkMode":0,"portMappings":[{"hostPort":80,"containerPort":8080,"protocol":"tcp"}],"devMappings":[{"hostPath":"/dev/ttyS0","permission":"rw"}],"volumeMappings":[{"hostPath":"/data","containerPath":"/var/data","permission":"ro"}],"newField":true}'), null);
    assert.equal(checkJson('DriverConfig', '[{"format":"JSON","content":"{\\"a\\":1}"},{"format":"KV","content":"a=1"}]'), null);
    assert.equal(checkJson('DriverConfig', '{"format":"FILE","content":"http://x/oss/a.json"}'), null);
    assert.equal(checkJson('ConfigCheckRule', '{"deviceConfig":{"required":false},"driverConfig":{"required":true}}'), null);
  });

  it('points at the line and column of a syntax error', () => {
    const problem = checkJson('ContainerConfig', '{\n  "privileged": 1,\n  "hostNetworkMode": 0,,\n}');
    assert.match(problem, /^Not valid JSON at line 3, column \d+/);
  });

  it('names the field a rule refuses', () => {
    assert.match(checkJson('ContainerConfig', '[]'), /must be a JSON object/);
    assert.match(checkJson('ContainerConfig', '{"privileged":2}'), /privileged must be 0 or 1/);
    assert.match(checkJson('ContainerConfig', '{"portMappings":[{"hostPort":80,"containerPort":8080,"protocol":"tcp"},{"hostPort":0,"containerPort":1,"protocol":"tcp"}]}'), /portMappings\[1\]: hostPort/);
    assert.match(checkJson('ContainerConfig', '{"devMappings":[{"hostPath":"/tmp/x","permission":"rw"}]}'), /devMappings\[0\]: hostPath/);
    assert.match(checkJson('ContainerConfig', '{"volumeMappings":[{"hostPath":"/a","containerPath":"/","permission":"ro"}]}'), /volumeMappings\[0\]: containerPath/);
    assert.match(checkJson('ContainerConfig', `{"portMappings":${JSON.stringify(Array.from({ length: 11 }, () => ({ hostPort: 1, containerPort: 1, protocol: 'tcp' })))}}`), /at most 10/);
    assert.match(checkJson('DriverConfig', '[{"format":"XML","content":""}]'), /DriverConfig\[0\]\.format/);
    assert.match(checkJson('DriverConfig', '[{"format":"JSON","content":"{nope"}]'), /must itself be JSON/);
    assert.match(checkJson('ConfigCheckRule', '{"deviceConfig":{"required":"yes"}}'), /deviceConfig\.required/);
  });

  it('refuses a value over 64 KiB', () => {
    assert.match(checkJson('DriverConfig', JSON.stringify({ format: 'KV', content: 'x'.repeat(66000) })), /64 KiB/);
  });

  it('finds a syntax error exactly when JSON.parse does', () => {
    for (const text of SAMPLES) {
      let parses = true;
      try { JSON.parse(text); } catch { parses = false; }
      assert.equal(syntaxErrorAt(text) === null, parses, JSON.stringify(text));
    }
  });

  it('converts offsets to lines and columns', () => {
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('abc', 0), { line: 1, column: 1 });
  });
});
