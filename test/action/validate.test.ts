// The bundled action's `validate`, run as GitHub runs it: annotations on file:line:col, the whole
// list in the log and the job summary, and a failed step.
import { describe, expect, it } from 'vitest';
import { runAction, runnerCommands } from '../helpers/action.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

describe('action: validate', () => {
  it('annotates every diagnostic at its file:line:col, lists them all in the summary, and fails', async () => {
    // Twelve errors: more than the ten annotations GitHub shows, so the summary must hold them all.
    const members = Array.from({ length: 12 }, (_, i) => `  - { email: m${i}@x.io, role: chief }\n`).join('');
    const workspace = tmpDir({ 'config/roster.yaml': rootConfig(`members:\n${members}`) });
    const run = await runAction({ workspace, inputs: { command: 'validate', config: 'config/roster.yaml' } });

    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error file='));
    expect(annotations).toHaveLength(12);
    expect(annotations[0]).toMatch(/^::error file=config\/roster\.yaml,line=4,col=\d+::\[bad-value\] members\[0\]\.role/);
    expect(run.stdout).toContain('config/roster.yaml:15:'); // the last one, in the log as text
    expect(run.summary.match(/^- `config\/roster\.yaml:\d+:\d+` \*\*error\*\* \[bad-value\]/gm)).toHaveLength(12);
    // One failure message, no stack trace.
    expect(run.stdout).toContain('::error::[invalid-config] config/roster.yaml is invalid: 12 errors, 0 warnings');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("logs a file's name and values as text the runner obeys no command in", async () => {
    const forged = '::error title=SECURITY::approved by olivia-owner.yaml';
    const workspace = tmpDir({
      'roster.yaml': rootConfig("include: ['*owner.yaml']\nmembers:\n  - { email: ana@x.io, role: owner }\n"),
      [forged]: 'members:\n  - { email: "::add-mask::ana@x.io", role: "::warning::chief" }\n',
    });
    const run = await runAction({ workspace, inputs: { command: 'validate' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${forged}:2:`); // the name is still shown, as text
    const obeyed = runnerCommands(run.stdout);
    // Only roster's own: annotations on the file (its name escaped in a property), and the failure.
    expect(obeyed.map((command) => command.name)).not.toContain('add-mask');
    const keys = obeyed.flatMap((command) => command.properties.split(',').map((part) => part.split('=')[0]));
    expect(keys).not.toContain('title');
    expect(obeyed.filter((command) => command.name === 'warning')).toEqual([]);
    expect(obeyed.filter((command) => command.name === 'error').length).toBeGreaterThan(0);
  });

  it('passes a valid config', async () => {
    const workspace = tmpDir({
      'roster.yaml': rootConfig('members:\n  - { email: ana@x.io, role: owner }\n'),
    });
    const run = await runAction({ workspace, inputs: { command: 'validate' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('roster.yaml is valid: 0 errors, 0 warnings');
    expect(run.stdout).not.toContain('::error');
  });

  it('refuses an unknown command, naming the ones it knows', async () => {
    const run = await runAction({ workspace: tmpDir(), inputs: { command: 'destroy' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[bad-input] the command input is "destroy"; use one of validate, plan, apply, drift');
  });
});
