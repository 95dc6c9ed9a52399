// Authorize on each store side by side in one run: `roster serve` on a SQLite file (one instance),
// and on PostgreSQL (one instance, then two instances on one database sharing the load), each
// seeded with the seed team and asked the same decisions, every one audited. Then the revocation
// window across instances: a key revoked through one instance, and the time until the other
// first denies it (from the revocation's answer), over many trials.
//
// PostgreSQL runs on a throwaway cluster (src/bench/postgres-cluster.ts); where there are no
// server binaries this part says so and is skipped.
import { join } from 'node:path';
import { ASKS, CONNECTIONS, type Figures, figures, ROUND_MAX_MS, SEED_OWNER, seedTeam } from './authorize.js';
import { type LoadRequest, type LoadResult, runLoad } from './load.js';
import { NO_POSTGRES, startCluster } from './postgres-cluster.js';
import { type BenchServer, startBenchServer } from './server-process.js';
import { formatMs, median, percentile } from './stats.js';

const REQUESTS_PER_ROUND = 10_000;
const REVOCATION_TRIALS = 100;
const REVOCATION_TARGET_MS = 100;

export async function benchAuthorizePostgres(dir: string, rounds: number): Promise<void> {
  if (NO_POSTGRES) {
    console.log(`\nauthorize on PostgreSQL: skipped (${NO_POSTGRES})`);
    return;
  }
  const cluster = await startCluster();
  const servers: BenchServer[] = [];
  try {
    const database = await cluster.createDatabase();
    const sqlite = await startBenchServer(join(dir, 'pg-sqlite'), SEED_OWNER, { quiet: true });
    const one = await startBenchServer(join(dir, 'pg'), SEED_OWNER, { quiet: true, database });
    const two = await startBenchServer(join(dir, 'pg'), SEED_OWNER, { quiet: true, database });
    servers.push(sqlite, one, two);
    const asks = {
      sqlite: requestsOf(await seedTeam(join(dir, 'pg-seed-sqlite'), sqlite.url, sqlite.token)),
      postgres: requestsOf(await seedTeam(join(dir, 'pg-seed'), one.url, one.token)),
    };
    const measured: Record<'sqlite' | 'one' | 'two', Figures[]> = { sqlite: [], one: [], two: [] };
    await runLoad(sqlite.url, asks.sqlite, { connections: CONNECTIONS, total: 2000, maxMs: ROUND_MAX_MS });
    await spread([one.url, two.url], asks.postgres, 2000); // warm-up
    for (let round = 0; round < rounds; round++) {
      measured.sqlite.push(
        figures(
          await runLoad(sqlite.url, asks.sqlite, {
            connections: CONNECTIONS,
            total: REQUESTS_PER_ROUND,
            maxMs: ROUND_MAX_MS,
          }),
        ),
      );
      measured.one.push(figures(await spread([one.url], asks.postgres, REQUESTS_PER_ROUND)));
      measured.two.push(figures(await spread([one.url, two.url], asks.postgres, REQUESTS_PER_ROUND)));
      process.stderr.write(`  measured authorize on both stores, round ${round + 1}/${rounds}\n`);
    }
    report(measured, rounds);
    reportWindow(await revocationWindow(one, two));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    cluster.stop();
  }
}

function requestsOf(secrets: Record<string, string>): LoadRequest[] {
  return ASKS.map(([key, integration, tool]) => ({
    path: '/v1/authorize',
    headers: { authorization: `Bearer ${secrets[key]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ integration, tool }),
  }));
}

/** The load split evenly over the instances, at the same total concurrency; one result. */
async function spread(urls: string[], requests: LoadRequest[], total: number): Promise<LoadResult> {
  const results = await Promise.all(
    urls.map((url) =>
      runLoad(url, requests, {
        connections: CONNECTIONS / urls.length,
        total: total / urls.length,
        maxMs: ROUND_MAX_MS,
      }),
    ),
  );
  return {
    answered: results.reduce((sum, result) => sum + result.answered, 0),
    seconds: Math.max(...results.map((result) => result.seconds)),
    latencies: results.flatMap((result) => result.latencies),
  };
}

/** Per trial: a new key, allowed on `two`; revoked through `one`; ms until `two` first refuses it. */
async function revocationWindow(one: BenchServer, two: BenchServer): Promise<number[]> {
  const call = async (server: BenchServer, key: string, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const scope = [{ integration: 'salesforce', profile: 'read-only', disabledTools: [] }];
  const windows: number[] = [];
  for (let trial = 0; trial < REVOCATION_TRIALS; trial++) {
    const name = `window-${trial}`;
    const created = await call(one, one.token, '/v1/changes', {
      changes: [{ kind: 'key.create', name, type: 'workspace', scope, users: [] }],
    });
    const secret = (created.body.secrets as Record<string, string>)[name]!;
    const ask = () => call(two, secret, '/v1/authorize', { integration: 'salesforce', tool: 'search_records' });
    if ((await ask()).body.allowed !== true) throw new Error('the new key was not allowed on the other instance');
    await call(one, one.token, '/v1/changes', { changes: [{ kind: 'key.revoke', name }] });
    const revoked = performance.now();
    for (;;) {
      const answer = await ask();
      if (answer.status !== 200 || answer.body.allowed === false) break;
    }
    windows.push(performance.now() - revoked);
  }
  return windows;
}

function report(measured: Record<'sqlite' | 'one' | 'two', Figures[]>, rounds: number): void {
  const line = (label: string, list: Figures[]) =>
    `  ${label.padEnd(34)} ${median(list.map((f) => f.rate))
      .toFixed(0)
      .padStart(7)} decisions/s  p50 ${formatMs(median(list.map((f) => f.p50))).padStart(7)}  p99 ${formatMs(
      median(list.map((f) => f.p99)),
    ).padStart(7)}`;
  console.log(
    `\nPOST /v1/authorize by store, seed team, ${CONNECTIONS} connections in all, ${REQUESTS_PER_ROUND} requests a round, every decision audited, median of ${rounds} round(s):`,
  );
  console.log(line('SQLite, one instance', measured.sqlite));
  console.log(line('PostgreSQL, one instance', measured.one));
  console.log(line('PostgreSQL, two instances', measured.two));
}

function reportWindow(windows: number[]): void {
  const p99 = percentile(windows, 0.99);
  console.log(
    `  revocation window, committed on one instance to first denial on the other (${windows.length} trials): ` +
      `p50 ${formatMs(percentile(windows, 0.5))}, p99 ${formatMs(p99)}, max ${formatMs(Math.max(...windows))} ` +
      `(target p99 ${REVOCATION_TARGET_MS} ms: ${p99 <= REVOCATION_TARGET_MS ? 'met' : 'missed'})`,
  );
}
