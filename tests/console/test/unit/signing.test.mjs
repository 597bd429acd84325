// The console's V3 signer against the requests captured from the official clients (the repository's copy of
// signature-vectors.json): the same canonical request, string to sign, signature and Authorization header.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../../lib/site.mjs';
import { acsDate, canonicalQuery, signV3, strictEncode } from '../../../../src/EdgeRegistry/Console/Site/js/signing.js';

const vectors = JSON.parse(await readFile(path.join(REPO_ROOT, 'tests/EdgeRegistry.Tests/Signing/signature-vectors.json'), 'utf8'));
const v3 = vectors.vectors.filter((v) => v.headers.authorization?.startsWith('ACS3-HMAC-SHA256'));

describe('V3 signing', () => {
  it('has V3 vectors to check', () => {
    assert.ok(v3.length >= 2, `${v3.length} V3 vectors in signature-vectors.json`);
  });

  for (const vector of v3) {
    it(`signs like ${vector.client}: ${vector.action}`, async () => {
      const params = Object.fromEntries(new URL(vector.url, 'http://x').searchParams);
      const signedNames = vector.signedHeaders.split(';');
      const headers = Object.fromEntries(signedNames
        .filter((n) => n !== 'host' && n !== 'x-acs-content-sha256')
        .map((n) => [n, vector.headers[n]]));
      const signed = await signV3({
        method: vector.method, host: vector.headers.host, params, headers,
        accessKeyId: vectors.accessKeyId, secret: vectors.accessKeySecret, body: vector.body,
      });
      assert.equal(signed.canonicalRequest, vector.canonicalRequest);
      assert.equal(signed.stringToSign, vector.stringToSign);
      assert.equal(signed.signature, vector.signature);
      assert.equal(signed.headers.authorization, vector.headers.authorization);
      assert.equal(signed.headers['x-acs-content-sha256'], vector.headers['x-acs-content-sha256']);
    });
  }

  it('encodes strictly (RFC 3986), unlike encodeURIComponent', () => {
    assert.equal(strictEncode("a b*c!'()~-_."), 'a%20b%2Ac%21%27%28%29~-_.');
    assert.equal(strictEncode('中'), '%E4%B8%AD');
    assert.equal(canonicalQuery({ b: '2', a: '', B: 'x y' }), 'B=x%20y&a=&b=2');
  });

  it('formats x-acs-date without milliseconds', () => {
    assert.equal(acsDate(new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 789))), '2024-05-01T12:00:00Z');
  });

  it('changes the signature with the secret, and never puts the secret in what it returns', async () => {
    const args = { method: 'POST', host: 'h', params: { A: '1' }, headers: { 'x-acs-action': 'QueryEdgeDriver' }, accessKeyId: 'id' };
    const one = await signV3({ ...args, secret: 'secret-one-xyz' });
    const two = await signV3({ ...args, secret: 'secret-two-xyz' });
    assert.notEqual(one.signature, two.signature);
    assert.ok(!JSON.stringify(one).includes('secret-one-xyz'));
  });
});
