// A plan applied in several batches shows its progress on a terminal, batch n of m, and nothing
// of it when the output goes to a file or a pipe. The command tree runs in this process over a
// local workspace whose provider takes two changes per batch (the http provider takes 5,000).
import { describe, expect, it, vi } from 'vitest';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { LocalProvider } from '../../src/providers/local/local-provider.js';
import type { Provider } from '../../src/providers/provider.js';
import { runCli } from '../../src/cli/program.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

vi.mock('../../src/app/provider-factory.js', () => ({
  openProvider: async (config: { path: string }): Promise<Provider> => {
    const local = new LocalProvider(config.path);
    return {
      description: local.description,
      capabilities: { ...FULL_CAPABILITIES, maxBatchChanges: 2 },
      whoami: () => local.whoami(),
      snapshot: () => local.snapshot(),
      apply: (request) => local.apply(request),
      close: () => local.close(),
    };
  },
}));

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
members:
  - { email: owner@x.io, role: owner }
  - { email: a@x.io, role: member }
  - { email: b@x.io, role: member }
  - { email: c@x.io, role: member }
`);

async function apply(isTty: boolean) {
  const dir = tmpDir({ 'roster.yaml': CONFIG });
  let stderr = '';
  const code = await runCli(['apply', '--yes'], {
    out: () => {},
    err: (text) => (stderr += text),
    isTty,
    env: {},
    cwd: dir,
  });
  return { code, stderr };
}

describe('roster apply progress', () => {
  it('shows batch n of m on a terminal', async () => {
    const run = await apply(true);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('applying 5 changes');
    expect(run.stderr).toContain('batch 1/3: 2 of 5 changes applied');
    expect(run.stderr).toContain('batch 3/3: 5 of 5 changes applied');
  });

  it('stays quiet about batches when not on a terminal', async () => {
    const run = await apply(false);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('batch 1/3');
  });
});
