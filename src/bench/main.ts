// `npm run bench`: builds a large workspace and measures validate, plan and apply on the local and
// http providers (each run in a fresh process, for honest peak memory), in two layouts (200 team
// files, and everything in one file with redundant grants), the HTTP requests they make, the
// server's latency, and its authorize rate beside a bare Node server (authorize.ts). Prints medians
// of several runs, each with its change from the previous run (record.ts); nothing is timed in the
// tests.
//
//   npm run bench -- [--runs N] [--scale F]     (F < 1 for a quick, smaller workspace)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BENCH_OWNER,
  countsOf,
  FULL_SIZE,
  type Variant,
  type WorkspaceSize,
  writeRoot,
  writeSingleFile,
  writeTeams,
} from './generate.js';
import { benchAuthorize } from './authorize.js';
import { benchAuthorizePostgres } from './authorize-postgres.js';
import { benchPipefyApply } from './pipefy-apply.js';
import { measureReview, REVIEW_TARGET_MS } from './review.js';
import type { ScenarioResult } from './scenario.js';
import { type BenchServer, startBenchServer } from './server-process.js';
import { measureStateReads } from './state-read.js';
import { FIGURES_FILE, FigureRecord } from './record.js';
import { formatMs, median, Table } from './stats.js';

const SCENARIO = join(import.meta.dirname, 'scenario.js');
const VALIDATE_TARGET_MS = 600;
const PLAN_TARGET_MS = 1000;
const FIRST_PLAN_TARGET_MS = 2000;
const PLAN_TARGET_MB = 250;
const APPLY_TARGET_MS = 5000;
const APPLY_TARGET_MB = 500;

const USAGE = 'usage: npm run bench -- [--runs N (>= 1, default 5)] [--scale F (0 < F <= 1, default 1)]';
let values: { runs: string; scale: string };
try {
  ({ values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, scale: { type: 'string', default: '1' } },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
const runs = Number(values.runs);
const scale = Number(values.scale);
if (!(runs >= 1) || !(scale > 0 && scale <= 1)) {
  console.error(USAGE);
  process.exit(1);
}

const size: WorkspaceSize = {
  ...FULL_SIZE,
  teams: Math.max(1, Math.round(FULL_SIZE.teams * scale)),
  pipes: Math.max(10, Math.round(FULL_SIZE.pipes * scale)),
  integrations: Math.max(5, Math.round(FULL_SIZE.integrations * scale)),
  keys: Math.max(1, Math.round(FULL_SIZE.keys * scale)),
};
const counts = countsOf(size);
const changesPerSwitch = size.teams * size.membersPerTeam;
const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
const table = new Table();
const record = new FigureRecord(FIGURES_FILE, `scale ${scale}`);
let server: BenchServer | undefined;

/** Runs one roster command in a fresh process; fails loudly if it did not do what was expected. */
async function scenario(
  args: string[],
  expectedExit: number,
  env: Record<string, string> = {},
): Promise<ScenarioResult> {
  const child = spawn(process.execPath, [SCENARIO, dir, ...args], {
    env: { PATH: process.env.PATH, HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  await new Promise((done) => child.on('close', done));
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ScenarioResult;
  if (result.exitCode !== expectedExit) {
    throw new Error(
      `roster ${args.join(' ')} exited ${result.exitCode}, expected ${expectedExit}\n${result.stderr ?? ''}`,
    );
  }
  return result;
}

/** Repeats a scenario and adds a row: median wall and CPU time, median peak memory, HTTP requests per run. */
async function measure(label: string, times: number, run: (i: number) => Promise<ScenarioResult>): Promise<void> {
  const results: ScenarioResult[] = [];
  const requests: number[] = [];
  for (let i = 0; i < times; i++) {
    const before = server?.requests.length ?? 0;
    results.push(await run(i));
    if (server) requests.push((await server.settledRequests()) - before);
  }
  const ms = results.map((r) => r.ms);
  const figures = {
    ms: median(ms),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakRssMb: median(results.map((r) => r.peakRssMb)),
  };
  table.row(label, {
    runs: times,
    median: formatMs(figures.ms),
    range: `${formatMs(Math.min(...ms))}-${formatMs(Math.max(...ms))}`,
    cpu: formatMs(figures.cpuMs),
    peakRss: `${figures.peakRssMb.toFixed(0)} MB`,
    requests: requests.length > 0 ? String(median(requests)) : '-',
    change: record.change(label, figures),
  });
}

/** Writes the config's variant: team files, or (`writeSingleFile`) everything in one file. */
type Write = (variant: Variant) => void;
const teamFiles: Write = (variant) => writeTeams(dir, size, variant);

/** Applies variant b over a, then a over b, ...: every run is `changesPerSwitch` changes. */
async function switchVariants(config: string, env: Record<string, string>, i: number, write: Write) {
  const variant: Variant = i % 2 === 0 ? 'b' : 'a';
  write(variant);
  return scenario(['apply', '-c', config, '--yes'], 0, env);
}

async function measureProvider(name: string, config: string, env: Record<string, string>, write = teamFiles) {
  write('a');
  const planFile = `${name}-plan.json`;
  await measure(`${name}: plan, empty workspace`, 1, () =>
    scenario(['plan', '-c', config, '--format', 'json', '--out', planFile], 0, env),
  );
  const firstChanges = (JSON.parse(readFileSync(join(dir, planFile), 'utf8')) as { changes: unknown[] }).changes.length;
  await measure(`${name}: apply, whole workspace (${firstChanges} changes)`, 1, () =>
    scenario(['apply', '-c', config, '--plan', planFile], 0, env),
  );
  await measure(`${name}: plan, no changes`, runs, () =>
    scenario(['plan', '-c', config, '--detailed-exitcode'], 0, env),
  );
  write('b');
  await measure(`${name}: plan, ${changesPerSwitch} changes`, runs, () =>
    scenario(['plan', '-c', config, '--detailed-exitcode'], 2, env),
  );
  write('a');
  await measure(`${name}: apply, ${changesPerSwitch} changes`, runs, (i) => switchVariants(config, env, i, write));
  if (runs % 2 === 1) await switchVariants(config, env, 1, write); // back to variant a
}

/** Client-side latency of the two calls every plan and apply make, as the owner. */
async function measureLatency(benchServer: BenchServer, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const times = Math.max(10, runs * 4);
  await measureStateReads(benchServer, table, times);

  const changeMs: number[] = [];
  for (let i = 0; i < times; i++) {
    const body = JSON.stringify({
      changes: [{ kind: 'member.update', email: 'm0-0@bench.test', name: `Member 0-0 (${i})` }],
    });
    const started = performance.now();
    const response = await fetch(`${benchServer.url}/v1/changes`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `latency-${i}` },
      body,
    });
    if (!response.ok) throw new Error(`POST /v1/changes answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    changeMs.push(performance.now() - started);
  }
  table.latency('POST /v1/changes (1 change)', changeMs);
}

try {
  writeRoot(dir, 'roster.yaml', '{ type: local, path: .roster/state.db }', size);
  writeTeams(dir, size, 'a');
  console.log(
    `roster bench: ${counts.members} members, ${counts.teams} teams, ${counts.pipes} pipes, ` +
      `${counts.integrations} integrations (${counts.tools} tools), ${counts.grants} grants, ${counts.keys} keys, ` +
      `${counts.files} YAML files; ${runs} run(s) each, node ${process.version}\n`,
  );
  await benchAuthorize(dir, runs);
  await benchAuthorizePostgres(dir, runs);
  await measure('validate, team files', runs, () => scenario(['validate', '-c', 'roster.yaml'], 0));
  await measureProvider('local, team files', 'roster.yaml', {});
  await measureReview(measure, scenario, runs, 'roster.yaml');
  const oneFile: Write = (variant) =>
    writeSingleFile(dir, 'roster-one.yaml', '{ type: local, path: .roster/one.db }', size, variant);
  oneFile('a');
  await measure('validate, one file', runs, () => scenario(['validate', '-c', 'roster-one.yaml'], 0));
  await measureProvider('local, one file', 'roster-one.yaml', {}, oneFile);

  server = await startBenchServer(join(dir, 'server'), BENCH_OWNER);
  writeRoot(dir, 'roster-http.yaml', `{ type: http, url: "${server.url}" }`, size);
  await measureProvider('http, team files', 'roster-http.yaml', { ROSTER_TOKEN: server.token, ROSTER_URL: server.url });
  table.print();
  const previousAt = record.previousAt;
  console.log(
    previousAt
      ? `changes are of the median CPU time and peak RSS against the run of ${previousAt} (${FIGURES_FILE})`
      : `no earlier run at this scale in ${FIGURES_FILE}: the next run will show its changes from this one`,
  );
  record.save();
  await measureLatency(server, server.token);
  table.printLatency();
  await benchPipefyApply(dir, Math.min(runs, 3), (args, env) => scenario(args, 0, env));
  console.log(
    `\ntargets (both layouts): validate under ${formatMs(VALIDATE_TARGET_MS)}; plan with no changes under ${formatMs(PLAN_TARGET_MS)} and ${PLAN_TARGET_MB} MB; ` +
      `plan of an empty workspace under ${formatMs(FIRST_PLAN_TARGET_MS)}; first apply of the ` +
      `whole workspace under ${formatMs(APPLY_TARGET_MS)} and ${APPLY_TARGET_MB} MB; review under ${formatMs(REVIEW_TARGET_MS)}; one HTTP request per plan; ` +
      'an apply makes one read plus one request per atomic batch (up to 5,000 changes each on http)',
  );
  console.log(
    'times (wall and CPU) are medians (and ranges) over the runs, measured inside the process, so without Node start-up',
  );
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
