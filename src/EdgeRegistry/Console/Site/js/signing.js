// V3 request signing (ACS3-HMAC-SHA256), as the official SDKs do it: see the repository's spec signing.md.
// Pure functions over Web Crypto (`crypto.subtle`), so the unit tests run them in Node against the captured vectors.

const encoder = new TextEncoder();

/** RFC 3986 encoding: everything but A–Z a–z 0–9 - _ . ~ is percent-encoded (encodeURIComponent leaves !'()*). */
export function strictEncode(value) {
  return encodeURIComponent(String(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by name (ordinal), `name=strictEncode(value)` joined by `&`. */
export function canonicalQuery(params) {
  return Object.keys(params)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}=${strictEncode(params[name])}`)
    .join('&');
}

export function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

async function hmacSha256Hex(secret, text) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** The signed headers' names (lower case, sorted) and their canonical lines. */
export function canonicalHeaders(headers) {
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const byName = Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), String(v).trim()]));
  return { signedHeaders: names.join(';'), lines: names.map((n) => `${n}:${byName[n]}\n`).join('') };
}

export function canonicalRequest({ method, query, headers, bodyHash }) {
  const { signedHeaders, lines } = canonicalHeaders(headers);
  return `${method}\n/\n${query}\n${lines}\n${signedHeaders}\n${bodyHash}`;
}

/**
 * Signs an RPC call. `signed` are the headers to sign besides host (x-acs-*); returns the headers to send
 * (without host, which the browser sets) including `authorization`.
 */
export async function signV3({ method, host, params, headers, accessKeyId, secret, body = '' }) {
  const bodyHash = await sha256Hex(body);
  const signed = { ...headers, 'x-acs-content-sha256': bodyHash };
  const query = canonicalQuery(params);
  const request = canonicalRequest({ method, query, headers: { host, ...signed }, bodyHash });
  const stringToSign = `ACS3-HMAC-SHA256\n${await sha256Hex(request)}`;
  const signature = await hmacSha256Hex(secret, stringToSign);
  const { signedHeaders } = canonicalHeaders({ host, ...signed });
  return {
    query,
    canonicalRequest: request,
    stringToSign,
    signature,
    headers: { ...signed, authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}` },
  };
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the format x-acs-date takes. */
export function acsDate(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nonce() {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}
