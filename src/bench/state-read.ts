// GET /v1/state on the benchmark workspace, cold and cached: after each one-change batch the first
// read serializes the workspace at its new version (what every read cost before the cache), the
// first gzip read compresses it once for that version and caller, and repeat reads are answered
// from the cache, plain and gzipped (the http provider asks for gzip).
// Client-side times, the body read and unpacked.
import type { BenchServer } from './server-process.js';
import type { Table } from './stats.js';

export async function measureStateReads(server: BenchServer, table: Table, times: number): Promise<void> {
  const auth = { authorization: `Bearer ${server.token}` };
  const samples = {
    cold: [] as number[],
    cached: [] as number[],
    coldGzip: [] as number[],
    cachedGzip: [] as number[],
  };
  let plainBytes = 0;
  let gzipBytes = 0;
  const read = async (encoding: 'identity' | 'gzip', into: number[]) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/state`, { headers: { ...auth, 'accept-encoding': encoding } });
    const bytes = (await response.arrayBuffer()).byteLength;
    into.push(performance.now() - started);
    if (encoding === 'identity') plainBytes = bytes;
    else gzipBytes = Number(response.headers.get('content-length') ?? 0);
  };
  for (let i = 0; i < times; i++) {
    await change(server, auth, `state-read-${i}`, i);
    await read('identity', samples.cold);
    await read('gzip', samples.coldGzip); // the state is serialized by now: this one compresses
    await read('identity', samples.cached);
    await read('gzip', samples.cachedGzip);
  }
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  table.latency(`GET /v1/state, first read after a change (${mib(plainBytes)})`, samples.cold);
  table.latency('GET /v1/state, repeat read (cached)', samples.cached);
  table.latency(`GET /v1/state gzip, first gzip read of a version (${mib(gzipBytes)})`, samples.coldGzip);
  table.latency('GET /v1/state gzip, repeat read (cached)', samples.cachedGzip);
}

async function change(server: BenchServer, auth: Record<string, string>, idempotencyKey: string, i: number) {
  const response = await fetch(`${server.url}/v1/changes`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ changes: [{ kind: 'member.update', email: 'm0-1@bench.test', name: `Member 0-1 (${i})` }] }),
  });
  if (!response.ok) throw new Error(`POST /v1/changes answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}
