// The console's RPC client: every call is a V3-signed `POST /?<params>` with an empty body, exactly what the
// generated SDKs send. The secret signs in this tab and is never put on the wire.
import { acsDate, nonce, signV3 } from './signing.js';
import { errorOf, transportError } from './api-error.js';

export const API_VERSION = '2018-01-20';
const THROTTLE_RETRIES = 4;

/**
 * @param credentials { accessKeyId, secret, instanceId }
 * @param options.fetch  injectable for tests; options.sleep likewise
 * @param options.onRetry (action, attempt, delayMs) called before each wait after Throttling.User
 * @param options.onForbidden (action) called when the caller's policies refuse an action
 */
export function createClient(credentials, options = {}) {
  const doFetch = options.fetch ?? ((...args) => fetch(...args));
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const host = options.host ?? location.host;
  const endpoint = options.endpoint ?? serverRoot();

  async function once(action, params) {
    const all = { ...params };
    if (credentials.instanceId) all.IotInstanceId = credentials.instanceId;
    for (const k of Object.keys(all)) if (all[k] === undefined || all[k] === null) delete all[k];
    const signed = await signV3({
      method: 'POST',
      host,
      params: all,
      headers: { 'x-acs-action': action, 'x-acs-version': API_VERSION, 'x-acs-date': acsDate(), 'x-acs-signature-nonce': nonce() },
      accessKeyId: credentials.accessKeyId,
      secret: credentials.secret,
    });
    let response;
    try {
      response = await doFetch(`${endpoint}?${signed.query}`, { method: 'POST', headers: { ...signed.headers, accept: 'application/json' } });
    } catch (e) {
      throw transportError(action, e);
    }
    const text = await response.text();
    let body;
    try { body = JSON.parse(text); } catch { throw transportError(action, `not JSON: ${text.slice(0, 200)}`, response.status); }
    return { response, body };
  }

  async function call(action, params = {}) {
    for (let attempt = 1; ; attempt++) {
      const { response, body } = await once(action, params);
      const error = errorOf(action, response.status, body, response.headers.get('x-acs-request-id'));
      if (!error) return body;
      if (error.code === 'Throttling.User' && attempt <= THROTTLE_RETRIES) {
        const delay = retryDelay(response.headers.get('retry-after'), attempt);
        options.onRetry?.(action, attempt, delay, THROTTLE_RETRIES);
        await sleep(delay);
        continue;
      }
      if (error.isForbidden) options.onForbidden?.(action);
      throw error;
    }
  }

  return { call, credentials };
}

/**
 * The RPC endpoint's path: the folder above /console/, so a reverse proxy that serves the server under a prefix
 * (https://proxy/registry/console/) is followed. V3 signs the path as "/" whatever it is on the way.
 */
export function serverRoot(href = globalThis.location?.href) {
  return href ? new URL('../', href).pathname : '/';
}

/** Retry-After (seconds) when the server sends it, doubled per attempt, with jitter so tabs do not retry in step. */
export function retryDelay(retryAfter, attempt, random = Math.random) {
  const base = Math.max(1, Number(retryAfter) || 1) * 1000;
  return Math.round(base * 2 ** (attempt - 1) + random() * 250);
}
