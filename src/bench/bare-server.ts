// The yardstick for the authorize benchmark: a bare Node HTTP server that reads and parses the same
// JSON body as POST /v1/authorize and answers a decision of the same shape, with nothing behind it.
// Its rate is the most this runtime and load generator can do on this machine; roster's rate is
// reported as a share of it. Prints its URL on stdout, then serves until killed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const asked = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { integration: string; tool: string };
    const text = JSON.stringify({ allowed: true, reason: `may use ${asked.tool} on ${asked.integration}` });
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    });
    response.end(text);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
