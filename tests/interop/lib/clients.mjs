// One adapter per official client flavour, so a scenario can run through all of them and still see
// exactly how each client reacted (threw or returned). Every adapter answers
//   call(action, params) -> { status, body, threw }
// where `body` is the response document with its wire (PascalCase) names and `threw` is the error the
// client raised (null when it returned normally). Network failures are re-thrown.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const RPCClient = require('@alicloud/pop-core');
const OpenApiModule = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const TeaUtil = require('@alicloud/tea-util');
const IotModule = require('@alicloud/iot20180120');

const OpenApi = OpenApiModule.default;
const Iot = IotModule.default;
export const API_VERSION = '2018-01-20';

/** @alicloud/pop-core RPCClient (signature V1). `method` is 'GET' (the client's default) or 'POST'. */
export function popCore({ port, accessKeyId, accessKeySecret, pace, method = 'GET', apiVersion = API_VERSION }) {
  const client = new RPCClient({
    accessKeyId,
    accessKeySecret,
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion,
  }, true /* verbose: also return the request entry (URL, status) */);
  const opts = method === 'POST' ? { method: 'POST' } : {};
  return {
    name: `pop-core ${method} (V1)`,
    kind: 'pop-core',
    raw: client,
    async call(action, params = {}) {
      await pace?.(action);
      try {
        const [body, entry] = await client.request(action, params, { ...opts });
        return { status: entry.response.statusCode, body, threw: null, url: entry.url };
      } catch (err) {
        if (!err.data) throw err;
        return { status: err.entry.response.statusCode, body: err.data, threw: err, url: err.url };
      }
    },
  };
}

function teaConfig({ port, accessKeyId, accessKeySecret, signatureAlgorithm }) {
  const config = new OpenApiModule.Config({
    accessKeyId,
    accessKeySecret,
    endpoint: `127.0.0.1:${port}`,
    protocol: 'http',
    readTimeout: 30000,
    connectTimeout: 5000,
  });
  if (signatureAlgorithm) config.signatureAlgorithm = signatureAlgorithm;
  return config;
}

// Tea clients throw on HTTP >= 400 with err.data = the parsed error body plus `statusCode`.
function teaFailure(err) {
  if (!err.data || typeof err.data.statusCode !== 'number') throw err;
  const { statusCode, ...body } = err.data;
  return { status: statusCode, body, threw: err };
}

/**
 * @alicloud/openapi-client generic `callApi`, RPC style, exactly as the generated SDKs call it.
 * signatureAlgorithm undefined = V3 (ACS3-HMAC-SHA256), 'v2' = V1 (HMAC-SHA1).
 * `headers` / `query` extras are passed through the OpenApiRequest (the client lets them override its own
 * x-acs-date / x-acs-signature-nonce, or Timestamp / SignatureNonce under V1).
 */
export function openApi({ port, accessKeyId, accessKeySecret, pace, signatureAlgorithm }) {
  const client = new OpenApi(teaConfig({ port, accessKeyId, accessKeySecret, signatureAlgorithm }));
  const name = signatureAlgorithm === 'v2' ? 'openapi-client callApi v2 (V1)' : 'openapi-client callApi (V3)';
  return {
    name,
    kind: 'tea',
    raw: client,
    async call(action, params = {}, { bodyType = 'json', query = {}, headers = {} } = {}) {
      await pace?.(action);
      const request = new OpenApiModule.OpenApiRequest({
        query: { ...OpenApiUtil.query(params), ...query },
        headers,
      });
      const apiParams = new OpenApiModule.Params({
        action,
        version: API_VERSION,
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType,
      });
      try {
        const res = await client.callApi(apiParams, request, new TeaUtil.RuntimeOptions({}));
        return { status: res.statusCode, body: res.body, headers: res.headers, threw: null };
      } catch (err) {
        return teaFailure(err);
      }
    },
  };
}

const lcFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * @alicloud/iot20180120 typed client. `call` builds `new <Action>Request({...camelCase params})` and calls
 * `<action>WithOptions`, the same path as `client.<action>(request)`. The body is turned back into wire
 * names with the model's own toMap(), after the client has cast it to its model types.
 */
export function typedIot({ port, accessKeyId, accessKeySecret, pace, signatureAlgorithm }) {
  const client = new Iot(teaConfig({ port, accessKeyId, accessKeySecret, signatureAlgorithm }));
  return {
    name: signatureAlgorithm === 'v2' ? 'iot20180120 v2 (V1)' : 'iot20180120 (V3)',
    kind: 'tea',
    typed: true,
    raw: client,
    async call(action, params = {}) {
      const RequestModel = IotModule[`${action}Request`];
      const method = client[`${lcFirst(action)}WithOptions`];
      if (!RequestModel || !method) throw new Error(`the typed client has no ${action}`);
      await pace?.(action);
      const model = {};
      for (const [k, v] of Object.entries(params)) model[lcFirst(k)] = v;
      try {
        const res = await method.call(client, new RequestModel(model), new TeaUtil.RuntimeOptions({}));
        return { status: res.statusCode, body: res.body.toMap(), model: res.body, headers: res.headers, threw: null };
      } catch (err) {
        return teaFailure(err);
      }
    },
  };
}

/** Every client flavour the suite covers; `make(server)` builds one against a started server. */
export const CLIENT_KINDS = [
  { name: 'pop-core GET (V1)', make: (s) => popCore({ ...s.clientOptions, method: 'GET' }) },
  { name: 'pop-core POST (V1)', make: (s) => popCore({ ...s.clientOptions, method: 'POST' }) },
  { name: 'openapi-client callApi (V3)', make: (s) => openApi({ ...s.clientOptions }) },
  { name: 'openapi-client callApi v2 (V1)', make: (s) => openApi({ ...s.clientOptions, signatureAlgorithm: 'v2' }) },
  { name: 'iot20180120 (V3)', make: (s) => typedIot({ ...s.clientOptions }) },
  { name: 'iot20180120 v2 (V1)', make: (s) => typedIot({ ...s.clientOptions, signatureAlgorithm: 'v2' }) },
];

export { IotModule, OpenApiModule, OpenApiUtil, RPCClient, TeaUtil };
