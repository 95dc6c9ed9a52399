// The bench's Pipefy scenario: `roster apply` of 500 changes (250 invites, then those 250 people
// into pipes) against the fake Pipefy GraphQL server answering every request after 100 ms. Applied
// change by change with the default concurrency and request budget, so it shows what the user
// gets: the requests made and the wall time, against 500 x 100 ms = 50 s one change at a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANGE_BY_CHANGE_DEFAULTS } from '../apply/change-by-change.js';
import { startFakePipefy } from './fake-pipefy/server.js';
import type { ScenarioResult } from './scenario.js';
import { formatMs, median } from './stats.js';

const PEOPLE = 250;
const PIPES = 5;
const LATENCY_MS = 100;
const TOKEN = 'bench-pipefy-token';

/** Runs a roster command in a fresh process (the bench's scenario runner), expecting exit 0. */
export type RunScenario = (args: string[], env: Record<string, string>) => Promise<ScenarioResult>;

export async function benchPipefyApply(dir: string, runs: number, run: RunScenario): Promise<void> {
  const folder = join(dir, 'pipefy');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'roster.yaml'), config());
  const times: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh organization each run: every run applies the same 500 changes.
    const fake = await startFakePipefy(seed());
    try {
      fake.state.quirks.latencyMs = LATENCY_MS;
      const result = await run(['apply', '-c', 'pipefy/roster.yaml', '--yes'], {
        PIPEFY_URL: fake.url,
        PIPEFY_TOKEN: TOKEN,
      });
      times.push(result.ms);
      requests.push(fake.state.requests.length);
      const invited = fake.state.organizations.get('300')!.roles.size - 1;
      if (invited !== PEOPLE) throw new Error(`the Pipefy apply invited ${invited} people, expected ${PEOPLE}`);
    } finally {
      await fake.close();
    }
  }
  const { concurrency, requestsPerSecond } = CHANGE_BY_CHANGE_DEFAULTS;
  console.log(
    `\npipefy apply, ${PEOPLE * 2} changes at ${LATENCY_MS} ms a request (concurrency ${concurrency}, ` +
      `budget ${requestsPerSecond} requests/s; ${runs} run(s)): median ${formatMs(median(times))}` +
      ` (${formatMs(Math.min(...times))}-${formatMs(Math.max(...times))}), ${median(requests)} HTTP requests` +
      ` (plan and apply), against ${formatMs(PEOPLE * 2 * LATENCY_MS)} one change at a time`,
  );
}

function seed() {
  const bot = { email: 'bot@bench.test', role: 'super_admin' };
  return {
    organizations: [{ id: '300', members: [bot] }],
    pipes: Array.from({ length: PIPES }, (_, p) => ({
      id: String(10 + p),
      organization: '300',
      members: [{ email: bot.email, role: 'admin' }],
    })),
    tokens: { [TOKEN]: bot.email },
  };
}

function config(): string {
  const pipes = Array.from({ length: PIPES }, (_, p) => `  p${p}: { name: Pipe ${p}, pipefy_id: "${10 + p}" }`);
  const members = Array.from(
    { length: PEOPLE },
    (_, i) => `  - { email: m${i}@bench.test, role: member, pipes: { p${i % PIPES}: member } }`,
  );
  return `version: 1
workspace: { name: bench, plan: business }
provider: { type: pipefy, organization_id: "300" }
pipes:
${pipes.join('\n')}
members:
  - { email: bot@bench.test, role: owner }
${members.join('\n')}
`;
}
