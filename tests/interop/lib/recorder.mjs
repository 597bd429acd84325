// A tiny HTTP server that records each request and answers with a canned body, to pin down what the
// official clients put on the wire without needing EdgeRegistry itself.
import http from 'node:http';

export async function startRecorder(respond = defaultResponse) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const { status = 200, headers = { 'content-type': 'application/json;charset=utf-8' }, body } = respond(recorded);
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function defaultResponse() {
  return { body: JSON.stringify({ RequestId: 'ABA0CD1F-4270-42FE-84AD-D612240196F7', Success: true, Code: 'Success' }) };
}
