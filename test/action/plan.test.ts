// The bundled action's `plan`, run as GitHub runs it, against the real workspace server over
// 127.0.0.1 (http provider) and a SQLite file (local provider).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/render/plan-json.js';
import { bundleAlone, runAction } from '../helpers/action.js';
import { startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const HTTP_CONFIG = rootConfig(`provider: { type: http }
members:
  - { email: owner@x.io, role: owner }
  - { email: fin@x.io, role: member }
`);

describe('action: plan', () => {
  it('plans against the workspace server from the bundle alone, with no better-sqlite3 to load', async () => {
    const server = await startServer();
    const workspace = tmpDir({ 'roster.yaml': HTTP_CONFIG });
    const run = await runAction({
      workspace,
      bundle: bundleAlone(),
      inputs: { command: 'plan', 'roster-url': server.url },
      env: { ROSTER_TOKEN: server.ownerKey },
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.outputs.summary).toMatch(/^Plan: 1 to add, \d+ to change, 0 to remove/);
    const { plan, problem } = parsePlan(readFileSync(run.outputs['plan-json']!, 'utf8'));
    expect(problem).toBeUndefined();
    expect(plan!.changes.map((c) => c.subject)).toContain('fin@x.io');
    expect(run.stdout).toContain('+ invite as member'); // the text plan, in the log
    expect(run.summary).toContain('fin@x.io'); // the markdown plan, in the job summary
    expect(run.summary).toContain(run.outputs.summary);
    const everything = run.stdout + run.summary + readFileSync(run.outputs['plan-json']!, 'utf8');
    expect(everything).not.toContain(server.ownerKey);
  });

  it('sends the token only to the roster-url input, not to a URL the config names', async () => {
    const server = await startServer();
    const workspace = tmpDir({
      'roster.yaml': HTTP_CONFIG.replace('{ type: http }', `{ type: http, url: "${server.url}" }`),
    });
    const run = await runAction({ workspace, inputs: { command: 'plan' }, env: { ROSTER_TOKEN: server.ownerKey } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[unbound-token]');
    expect(server.logs).toEqual([]);
  });

  it('fails a blocked plan, still showing it and its outputs', async () => {
    const server = await startServer();
    const workspace = tmpDir({ 'roster.yaml': rootConfig(
        // Removing the only owner the workspace has (the key's own member) is refused by a guard.
        'provider: { type: http }\nmembers:\n  - { email: new@x.io, role: owner }\n',
      ) });
    const run = await runAction({
      workspace,
      inputs: { command: 'plan', 'roster-url': server.url },
      env: { ROSTER_TOKEN: server.ownerKey },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain('owner@x.io');
    expect(run.stdout).toMatch(/::error::\[plan-blocked\] the plan is blocked by \d+ guard/);
  });

  it('plans on the local provider, loading better-sqlite3 from node_modules', async () => {
    const workspace = tmpDir({
      'roster.yaml': rootConfig('provider: { type: local, path: state.db }\nmembers:\n  - { email: ana@x.io, role: owner }\n'),
    });
    const run = await runAction({ workspace, inputs: { command: 'plan' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.outputs.summary).toMatch(/^Plan: 1 to add/);
  });

  it('explains that the bundle alone has no local provider', async () => {
    const workspace = tmpDir({
      'roster.yaml': rootConfig('provider: { type: local, path: state.db }\nmembers:\n  - { email: ana@x.io, role: owner }\n'),
    });
    const run = await runAction({ workspace, bundle: bundleAlone(), inputs: { command: 'plan' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[local-provider-unavailable] the local provider needs better-sqlite3');
  });

  it('says that apply and drift need the github-token input', async () => {
    for (const command of ['apply', 'drift']) {
      const run = await runAction({ workspace: tmpDir({ 'roster.yaml': rootConfig() }), inputs: { command } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('::error::[missing-token] the github-token input is empty');
    }
  });
});
