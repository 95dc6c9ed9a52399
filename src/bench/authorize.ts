// The authorize benchmark: `roster serve` on the seed team (examples/agent-gateway-team, applied
// through the http provider as a user would) and a bare Node HTTP server that parses the same body,
// side by side in one run, under the same closed-loop load of 32 keep-alive connections on
// loopback. Rounds alternate between the two so that whatever else the machine is doing weighs on
// both; the report is the median of the rounds and roster's rate as a share of the bare server's.
// Each server's CPU time per decision (all its threads, from /proc on Linux) is reported too: on
// a busy machine it holds still where the rates do not.
//
// ROSTER_BENCH_CPU_PROF=<folder> runs roster serve under --cpu-prof and leaves the profile there.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type LoadRequest, type LoadResult, runLoad } from './load.js';
import { startBenchServer } from './server-process.js';
import { formatMs, median, percentile } from './stats.js';

const CLI = join(import.meta.dirname, '../cli/main.js');
const BARE_SERVER = join(import.meta.dirname, 'bare-server.js');
const SEED = join(import.meta.dirname, '../../examples/agent-gateway-team/roster.yaml');
export const SEED_OWNER = 'owner@pipeworks.test';
export const CONNECTIONS = 32;
const REQUESTS_PER_ROUND = 20_000;
export const ROUND_MAX_MS = 15_000;
const RATE_TARGET = 0.25;
const P99_TARGET_MS = 10;
/** USER_HZ: what Linux counts /proc CPU times in, 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The agents of the seed team and tools they ask for: allowed and denied decisions mixed. */
export const ASKS: [key: string, integration: string, tool: string][] = [
  ['sales-agent', 'salesforce', 'search_records'],
  ['sales-agent', 'salesforce', 'delete_record'],
  ['sales-agent', 'sendgrid', 'send_email'],
  ['sales-agent', 'sendgrid', 'delete_contact'],
  ['sales-agent', 'stripe', 'find_customer'],
  ['marketing-agent', 'google-analytics', 'run_report'],
  ['marketing-agent', 'google-ads', 'update_budget'],
  ['finance-agent', 'stripe', 'create_invoice'],
  ['finance-agent', 'stripe', 'delete_customer'],
  ['support-bot', 'salesforce', 'get_record'],
  ['support-bot', 'email', 'send_mail'],
  ['support-bot', 'email', 'delete_mail'],
];

export interface Figures {
  rate: number;
  p50: number;
  p99: number;
  /** The server's CPU time per decision answered, in milliseconds; NaN where /proc is not. */
  cpu: number;
}

export async function benchAuthorize(dir: string, rounds: number): Promise<void> {
  const profileDir = process.env.ROSTER_BENCH_CPU_PROF;
  const roster = await startBenchServer(join(dir, 'authorize'), SEED_OWNER, {
    quiet: true,
    ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] } : {}),
  });
  const bare = await startBare();
  try {
    const secrets = await seedTeam(join(dir, 'seed-team'), roster.url, roster.token);
    const requests = ASKS.map(([key, integration, tool]): LoadRequest => ({
      path: '/v1/authorize',
      headers: { authorization: `Bearer ${secrets[key]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ integration, tool }),
    }));
    const load = async (server: { url: string; pid: number }, total: number): Promise<Figures> => {
      const cpuBefore = cpuMs(server.pid);
      const result = await runLoad(server.url, requests, { connections: CONNECTIONS, total, maxMs: ROUND_MAX_MS });
      return figures(result, (cpuMs(server.pid) - cpuBefore) / result.answered);
    };
    await load(bare, 2000); // warm-up: JIT, SQLite page cache, keep-alive sockets
    await load(roster, 2000);
    const measured: { bare: Figures[]; roster: Figures[] } = { bare: [], roster: [] };
    for (let round = 0; round < rounds; round++) {
      measured.bare.push(await load(bare, REQUESTS_PER_ROUND));
      measured.roster.push(await load(roster, REQUESTS_PER_ROUND));
      process.stderr.write(`  measured authorize round ${round + 1}/${rounds}\n`);
    }
    report(measured, rounds);
  } finally {
    bare.stop();
    await roster.stop();
  }
}

/** A load's rate and latencies, with the server's CPU per decision where it was measured. */
export function figures(result: LoadResult, cpu = NaN): Figures {
  return {
    rate: result.answered / result.seconds,
    p50: percentile(result.latencies, 0.5),
    p99: percentile(result.latencies, 0.99),
    cpu,
  };
}

/** A process's CPU time so far (user + system, every thread), in milliseconds; NaN without /proc. */
function cpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return NaN;
  }
  // Fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" closing the command name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function report(measured: { bare: Figures[]; roster: Figures[] }, rounds: number): void {
  const med = (list: Figures[]) => ({
    rate: median(list.map((f) => f.rate)),
    p50: median(list.map((f) => f.p50)),
    p99: median(list.map((f) => f.p99)),
    cpu: median(list.map((f) => f.cpu)),
  });
  const bare = med(measured.bare);
  const roster = med(measured.roster);
  const ratio = roster.rate / bare.rate;
  const cpu = (f: Figures) =>
    Number.isNaN(f.cpu) ? '' : `  CPU ${(f.cpu * 1000).toFixed(0).padStart(4)} µs a decision`;
  const line = (label: string, f: Figures) =>
    `  ${label.padEnd(28)} ${f.rate.toFixed(0).padStart(7)} decisions/s  p50 ${formatMs(f.p50).padStart(7)}  p99 ${formatMs(f.p99).padStart(7)}${cpu(f)}`;
  console.log(
    `\nPOST /v1/authorize, seed team, ${CONNECTIONS} connections, ${REQUESTS_PER_ROUND} requests a round (at most ${ROUND_MAX_MS / 1000} s), median of ${rounds} round(s):`,
  );
  console.log(line('bare Node HTTP server', bare));
  console.log(line('roster serve', roster));
  console.log(
    `  roster / bare: ${(ratio * 100).toFixed(1)}% (target ${RATE_TARGET * 100}%: ${ratio >= RATE_TARGET ? 'met' : 'missed'}); ` +
      `p99 ${formatMs(roster.p99)} (target ${P99_TARGET_MS} ms: ${roster.p99 <= P99_TARGET_MS ? 'met' : 'missed'})`,
  );
}

/** Applies the seed team through the http provider; returns the agents' delivered secrets. */
export async function seedTeam(dir: string, url: string, token: string): Promise<Record<string, string>> {
  const config = readFileSync(SEED, 'utf8').replace(/^provider: .*$/m, `provider: { type: http, url: "${url}" }`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'seed-team.yaml'), config);
  const child = spawn(process.execPath, [CLI, 'apply', '-c', 'seed-team.yaml', '--yes'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, ROSTER_TOKEN: token, ROSTER_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise((done) => child.on('close', done));
  if (code !== 0) throw new Error(`applying the seed team failed (exit ${code}):\n${stderr}`);
  const secret = (name: string) => readFileSync(join(dir, '.roster/secrets', `${name}.key`), 'utf8').trim();
  return Object.fromEntries(ASKS.map(([key]) => [key, secret(key)]));
}

async function startBare(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, [BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code} before listening`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

// `node dist/bench/authorize.js [rounds]`: this benchmark alone, for profiling and quick checks.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-authorize-'));
  try {
    await benchAuthorize(dir, Number(process.argv[2] ?? 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
