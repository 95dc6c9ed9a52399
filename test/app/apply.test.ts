// The apply use case as the action calls it (no terminal): hooks decide whether to go on, the
// audit context given is recorded with each change, and secrets are delivered and reported.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/app/apply.js';
import { AppError } from '../../src/app/errors.js';
import type { AppIo } from '../../src/app/io.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read } }
members:
  - { email: owner@x.io, role: owner }
keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: secrets/bot.key } }
`);

function io(cwd: string, logged: string[]): AppIo {
  return { cwd, env: {}, log: (text) => logged.push(text) };
}

describe('applyConfig', () => {
  it('applies with the given audit context and reports the delivered secret', async () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const seen: string[] = [];
    const outcome = await applyConfig(
      io(dir, []),
      {
        config: 'roster.yaml',
        context: { source: 'roster action', commit: 'b'.repeat(40), pullRequest: 7, approvers: ['olivia'] },
      },
      {
        planned: () => seen.push('planned'),
        beforeApply: () => void seen.push('beforeApply'),
        progress: () => seen.push('progress'),
      },
    );
    expect(seen).toEqual(['planned', 'beforeApply', 'progress']);
    expect(outcome.applied?.result.applied).toBe(outcome.plan.changes.length);
    expect(outcome.applied?.delivery).toEqual({
      delivered: ['key bot: secret written to secrets/bot.key (mode 0600)'],
      failed: [],
      keys: ['bot'],
    });
    expect(readFileSync(join(dir, 'secrets/bot.key'), 'utf8')).toMatch(/^rst_/);
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    const entries = store.audit({}, 100).items;
    store.close();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      expect(entry).toMatchObject({ commit: 'b'.repeat(40), pullRequest: 7, approvers: ['olivia'] });
  });

  it('changes nothing when beforeApply refuses', async () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const refusal = new AppError('not-approved', 'no owner approved');
    await expect(
      applyConfig(io(dir, []), { config: 'roster.yaml' }, { beforeApply: () => Promise.reject(refusal) }),
    ).rejects.toBe(refusal);
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    expect(store.snapshot().version).toBe(0);
    store.close();
    expect(existsSync(join(dir, 'secrets/bot.key'))).toBe(false);
  });
});
