// A small closed-loop load generator on node:http: `connections` keep-alive sockets, each sending
// its next request as soon as the previous answer is read, until `total` requests are answered or
// `maxMs` has passed. Every answer must be 200: a benchmark that counts errors as decisions lies.
import { Agent, request as httpRequest } from 'node:http';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  answered: number;
  seconds: number;
  /** Per request, in milliseconds. */
  latencies: number[];
}

export async function runLoad(
  url: string,
  requests: readonly LoadRequest[],
  options: { connections: number; total: number; maxMs: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(url);
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.maxMs;
  let sent = 0;

  const one = (asked: LoadRequest) =>
    new Promise<void>((resolve, reject) => {
      const begun = performance.now();
      const call = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: asked.path,
          headers: { ...asked.headers, 'content-length': Buffer.byteLength(asked.body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode !== 200) {
              reject(new Error(`${asked.path} answered ${response.statusCode}: ${Buffer.concat(chunks).toString()}`));
              return;
            }
            latencies.push(performance.now() - begun);
            resolve();
          });
        },
      );
      call.on('error', reject);
      call.end(asked.body);
    });

  const connection = async () => {
    while (sent < options.total && performance.now() < deadline) {
      await one(requests[sent++ % requests.length]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, connection));
  } finally {
    agent.destroy();
  }
  return { answered: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}
