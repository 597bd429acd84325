// The console's own RPC client (src/EdgeRegistry/Console/Site/js/rpc.js) driven from Node, for the set-up and the
// checks that go around the browser: same V3 signer, Node's fetch against the server's base URL.
import { createClient } from '../../../src/EdgeRegistry/Console/Site/js/rpc.js';

export function apiClient(server, credentials = { accessKeyId: server.accessKeyId, secret: server.accessKeySecret }) {
  const base = new URL(server.baseUrl);
  return createClient(credentials, {
    host: base.host,
    fetch: (path, init) => fetch(new URL(path, base), init),
  }).call;
}
