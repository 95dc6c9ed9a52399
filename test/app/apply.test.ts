// The apply use case as the action calls it (no terminal): hooks decide whether to go on, the
// audit context given is recorded with each change, and secrets are delivered and reported.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('applyConfig: a rotation whose secret file cannot be written', () => {
  const withSam = (users: string) =>
    rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read } }
members:
  - { email: owner@x.io, role: owner }
${users ? '  - { email: sam@x.io, role: member }\n' : ''}keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, users: [${users}], deliver: { file: secrets/bot.key } }
`);
  const keyName = (dir: string, secret: string) => {
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    try {
      return store.authenticate(secret)?.name;
    } finally {
      store.close();
    }
  };

  it('keeps the old secret working, says so, and the next apply finishes the rotation', async () => {
    const dir = tmpDir({ 'roster.yaml': withSam('sam@x.io') });
    await applyConfig(io(dir, []), { config: 'roster.yaml' });
    const old = readFileSync(join(dir, 'secrets/bot.key'), 'utf8').trim();
    // Sam leaves, so the key is rotated; secrets go to --secrets-dir, which is a file: not written.
    writeFileSync(join(dir, 'roster.yaml'), withSam(''));
    writeFileSync(join(dir, 'elsewhere'), 'not a folder');
    const failed = await applyConfig(io(dir, []), { config: 'roster.yaml', secretsDir: 'elsewhere' });
    expect(failed.applied?.delivery.failed).toEqual([
      expect.stringMatching(
        /^key bot: the secret could not be written to elsewhere\/secrets\/bot\.key \(.+\); the old secret still works \(the rotation was not finished\)/,
      ),
    ]);
    expect(keyName(dir, old)).toBe('bot');

    const again = await applyConfig(io(dir, []), { config: 'roster.yaml' });
    expect(again.plan.changes.map((c) => [c.change.kind, c.finishesRotation])).toEqual([['key.rotate', true]]);
    expect(again.applied?.delivery.failed).toEqual([]);
    const renewed = readFileSync(join(dir, 'secrets/bot.key'), 'utf8').trim();
    expect(keyName(dir, renewed)).toBe('bot');
    expect(keyName(dir, old)).toBeUndefined();
  });
});
