// The planner's central property: from any state a valid config can describe, applying any other
// valid config reaches it. Apply A, then B: the next plan is empty, and `roster export` of the
// result plans to nothing. Run on the local provider and, fewer times, over the real server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateConfig } from '../../src/config/validate.js';
import type { WorkspaceState } from '../../src/model/state.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { runs, SEED } from '../helpers/depth.js';
import { rosterInProcess } from '../helpers/in-process.js';
import { startServer } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';
import { arbitraryConfig, type GeneratedConfig } from './config-arbitrary.js';

interface Workspace {
  dir: string;
  env: Record<string, string>;
  provider: Record<string, unknown>;
}

/** Runs a command and fails with everything it printed unless it exits as expected. */
async function expectExit(workspace: Workspace, args: string[], code: number, step: string): Promise<string> {
  const result = await rosterInProcess(args, { cwd: workspace.dir, env: workspace.env });
  if (result.code !== code) {
    throw new Error(
      `${step}: roster ${args.join(' ')} exited ${result.code}, expected ${code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

async function applyConfig(workspace: Workspace, generated: GeneratedConfig, step: string): Promise<void> {
  const config = { ...generated.config, provider: workspace.provider };
  writeFileSync(join(workspace.dir, 'roster.yaml'), stringify(config));
  await expectExit(workspace, ['validate'], 0, `${step} validate`);
  await expectExit(workspace, ['apply', '--yes', '--allow-removals', '--allow-mass-changes'], 0, `${step} apply`);
  await expectExit(workspace, ['plan', '--detailed-exitcode'], 0, `${step} plan after apply`);
}

async function converges(workspace: Workspace, a: GeneratedConfig, b: GeneratedConfig): Promise<void> {
  await applyConfig(workspace, a, 'config A');
  await applyConfig(workspace, b, 'config B');
  await expectExit(workspace, ['export', '--out', 'exported.yaml'], 0, 'export');
  // The export plans to nothing but adopting what roster did not make (a server's bootstrap key).
  const plan = JSON.parse(
    await expectExit(workspace, ['plan', '-c', 'exported.yaml', '--format', 'json'], 0, 'plan of the export'),
  );
  expect(plan.changes.filter((c: { action: string }) => c.action !== 'adopt')).toEqual([]);
  await expectExit(workspace, ['apply', '-c', 'exported.yaml', '--yes'], 0, 'apply of the export');
  await expectExit(workspace, ['plan', '-c', 'exported.yaml', '--detailed-exitcode'], 0, 'plan after the export');
}

/** Makes a workspace by hand: the changes of a config's plan, applied as a person would, unmanaged. */
async function clickTogether(workspace: Workspace, generated: GeneratedConfig): Promise<void> {
  writeFileSync(join(workspace.dir, 'by-hand.yaml'), stringify({ ...generated.config, provider: workspace.provider }));
  const plan = JSON.parse(
    await expectExit(workspace, ['plan', '-c', 'by-hand.yaml', '--format', 'json'], 0, 'by hand'),
  );
  const store = WorkspaceStore.open(join(workspace.dir, 'state.db'));
  try {
    store.apply(
      plan.changes.map((planned: { change: unknown }) => planned.change),
      { actor: { name: 'someone clicking', role: 'owner' } },
    );
  } finally {
    store.close();
  }
}

/** What access the workspace grants, comparable between a config's desired state and a snapshot. */
function access(state: WorkspaceState) {
  return {
    members: state.members.map((m) => `${m.email} ${m.role}`).sort(),
    integrations: state.integrations.map((i) => `${i.id} ${JSON.stringify(Object.entries(i.tools).sort())}`).sort(),
    grants: state.grants
      .map((g) => `${g.email} ${g.integration} ${g.profile} ${g.disabledTools.join(',')} ${g.expires ?? '-'}`)
      .sort(),
    pipeMemberships: state.pipeMemberships.map((p) => `${p.email} ${p.pipe} ${p.level} ${p.expires ?? '-'}`).sort(),
    keys: state.keys
      .map(
        (k) =>
          `${k.name} ${k.type} ${k.owner ?? '-'} ${JSON.stringify(k.scope)} ${k.users.join(',')} ${k.expires ?? '-'}`,
      )
      .sort(),
  };
}

function expectWorkspaceIsConfig(workspace: Workspace): void {
  const desired = validateConfig(join(workspace.dir, 'roster.yaml')).desired!;
  const store = WorkspaceStore.open(join(workspace.dir, 'state.db'));
  try {
    expect(access(store.snapshot().state)).toEqual(access(desired));
  } finally {
    store.close();
  }
}

const pairs = (mustBeOwner?: string) =>
  fc.tuple(arbitraryConfig(mustBeOwner ? { mustBeOwner } : {}), arbitraryConfig(mustBeOwner ? { mustBeOwner } : {}));

describe('convergence', () => {
  it(
    'local provider: apply any config, then any other, and nothing is left to plan',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(pairs(), async ([a, b]) => {
          await converges({ dir: tmpDir(), env: {}, provider: { type: 'local', path: 'state.db' } }, a, b);
        }),
        { numRuns: runs(30, 300), seed: SEED },
      );
    },
  );

  it(
    'a workspace made by hand, exported and applied, is then managed: any config removes what it lacks',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(pairs(), async ([byHand, b]) => {
          const workspace = { dir: tmpDir(), env: {}, provider: { type: 'local', path: 'state.db' } };
          await clickTogether(workspace, byHand);
          await expectExit(
            workspace,
            ['export', '-c', 'by-hand.yaml', '--out', 'roster.yaml'],
            0,
            'export of the hand-made workspace',
          );
          await expectExit(workspace, ['apply', '--yes'], 0, 'apply of the export');
          await expectExit(workspace, ['plan', '--detailed-exitcode'], 0, 'plan after adopting');
          await applyConfig(workspace, b, 'config B');
          expectWorkspaceIsConfig(workspace);
        }),
        { numRuns: runs(10, 100), seed: SEED },
      );
    },
  );

  it('http provider: the same over the reference server', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(pairs('owner@x.io'), async ([a, b]) => {
        const server = await startServer({ rateLimit: { perSecond: 10_000, burst: 10_000 } });
        const env = { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url };
        await converges({ dir: tmpDir(), env, provider: { type: 'http', url: server.url } }, a, b);
      }),
      { numRuns: runs(5, 50), seed: SEED },
    );
  });
});
