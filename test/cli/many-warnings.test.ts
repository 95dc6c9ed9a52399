// A config with hundreds of warnings of one kind (the 10,000-member benchmark has 666 redundant
// grants) shows the first few of each code, then one line counting the rest and how to see them all.
import { describe, expect, it } from 'vitest';
import { rosterInProcess } from '../helpers/in-process.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const admins = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `  - { email: a${i}@x.io, role: admin, integrations: { stripe: full } }\n`,
  ).join('');

const CONFIG = rootConfig(`integrations:
  stripe: { tools: { find: read } }
members:
  - { email: o@x.io, role: owner }
${admins(40)}  - { email: bad@x.io, role: member, integrations: { nowhere: full } }
`);

describe('many warnings of one code', () => {
  it('shows five, then a count and how to see all; errors are all shown', async () => {
    const run = await rosterInProcess(['validate'], { cwd: tmpDir({ 'roster.yaml': CONFIG }) });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.includes('warning [redundant-grant]'))).toHaveLength(6);
    expect(lines.filter((line) => / error \[/.test(line))).toHaveLength(1);
    expect(lines.slice(-2)).toEqual([
      'warning [redundant-grant]: 35 more like these (40 in all; roster validate --all-warnings shows every one)',
      'roster.yaml is invalid: 1 error, 40 warnings',
    ]);
    expect(lines[0]).toMatch(/^roster\.yaml:7:\d+: warning \[redundant-grant\] /);
  });

  it('shows every one with --all-warnings, and in JSON', async () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const all = await rosterInProcess(['validate', '--all-warnings'], { cwd: dir });
    expect(all.stderr.split('\n').filter((line) => line.includes('warning [redundant-grant]'))).toHaveLength(40);
    expect(all.stderr).not.toContain('more like these');
    const json = await rosterInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout).diagnostics).toHaveLength(41);
  });
});
