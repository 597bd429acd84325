// A transparent recording proxy between the clients and the server, so that a failing test can print the
// exact requests and responses it made. It forwards bytes and headers unchanged (the Host header too, so
// V3 signatures still verify); only hop-by-hop headers are re-made by Node.
import http from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const KEEP = 200;

function forwardable(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
}

// With several target ports (the replicas of scale-out mode) it sends each request to the next one in turn.
export async function startTraceProxy(targetPorts) {
  const ports = [targetPorts].flat();
  const exchanges = [];
  let seq = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const targetPort = ports[seq % ports.length];
      const exchange = { seq: seq++, port: targetPort, method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8') };
      const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: forwardable(req.headers), agent }, (up) => {
        const out = [];
        up.on('data', (c) => out.push(c));
        up.on('end', () => {
          const resBody = Buffer.concat(out);
          Object.assign(exchange, { status: up.statusCode, resHeaders: up.headers, resBody: resBody.toString('utf8') });
          exchanges.push(exchange);
          if (exchanges.length > KEEP) exchanges.shift();
          res.writeHead(up.statusCode, { ...forwardable(up.headers), 'content-length': resBody.length });
          res.end(resBody);
        });
      });
      upstream.on('error', (err) => {
        exchange.error = String(err);
        exchanges.push(exchange);
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`trace proxy: ${err}`);
      });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    nextSeq: () => seq,
    since: (from) => exchanges.filter((e) => e.seq >= from),
    close: () => new Promise((resolve) => { agent.destroy(); server.closeAllConnections(); server.close(resolve); }),
  };
}

export function describeExchange(e, limit = 1500) {
  const cut = (s) => (s.length > limit ? `${s.slice(0, limit)}…(${s.length} chars)` : s);
  const hdrs = (h) => Object.entries(h ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n  ');
  return [
    `>>> ${e.method} ${e.url} (to :${e.port})`,
    `  ${hdrs(e.headers)}`,
    e.body ? `  body: ${cut(e.body)}` : '',
    e.error ? `<<< proxy error ${e.error}` : `<<< ${e.status}\n  ${hdrs(e.resHeaders)}\n  body: ${cut(e.resBody ?? '')}`,
  ].filter(Boolean).join('\n');
}
