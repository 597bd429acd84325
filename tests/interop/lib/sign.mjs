// A small, independent V1 (HMAC-SHA1) signer for the raw requests no official client can make (no Format,
// a replay of exact bytes, a deliberately odd parameter). Checked against signature-vectors.json in
// test/shapes.test.mjs so it signs exactly like pop-core.
import { createHmac, randomUUID } from 'node:crypto';

export function strictEncode(value) {
  return encodeURIComponent(String(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params) {
  return Object.keys(params).sort().map((k) => `${strictEncode(k)}=${strictEncode(params[k])}`).join('&');
}

export function stringToSignV1(method, params) {
  return `${method.toUpperCase()}&${strictEncode('/')}&${strictEncode(canonicalQuery(params))}`;
}

export function signV1(method, params, secret) {
  return createHmac('sha1', `${secret}&`).update(stringToSignV1(method, params)).digest('base64');
}

export function utcTimestamp(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The common V1 parameters for `action`, overridable (pass `undefined` to leave one out). */
export function v1Params(action, accessKeyId, params = {}) {
  const all = {
    Action: action,
    Version: '2018-01-20',
    Format: 'JSON',
    AccessKeyId: accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: utcTimestamp(),
    ...params,
  };
  for (const k of Object.keys(all)) if (all[k] === undefined) delete all[k];
  return all;
}

/** Signs `params` and returns the query string (or form body) with `Signature` appended last. */
export function signedQuery(method, params, secret) {
  return `${canonicalQuery(params)}&Signature=${strictEncode(signV1(method, params, secret))}`;
}
