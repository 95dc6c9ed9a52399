// A change-by-change apply of hundreds of changes shows its progress: a bar on a terminal, a line
// every few seconds otherwise (applied, retrying, left). The command tree runs in this process
// against the fake Pipefy on 127.0.0.1; the display's clock is a test's own in the second part.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeProgress } from '../../src/apply/progress.js';
import type { FakePipefy } from '../../src/bench/fake-pipefy/server.js';
import { changeProgressDisplay, PROGRESS_LINE_EVERY_MS } from '../../src/cli/change-progress.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { openPipefy, PIPEFY_SEED } from '../helpers/pipefy.js';
import { tmpDir } from '../helpers/tmp.js';

let fake: FakePipefy;
afterEach(() => fake?.close());

const PEOPLE = Array.from({ length: 120 }, (_, i) => `p${i}@acme.io`);
const CONFIG = `version: 1
workspace: { name: acme, plan: business }
provider: { type: pipefy, organization_id: "300" }
members:
  - { email: ana@acme.io, role: owner }
  - { email: bot@acme.io, role: admin }
  - { email: fin@acme.io, role: member }
  - { email: gus@acme.io, role: guest }
  - { email: ext@acme.io, role: external-guest }
  - { email: cre@acme.io, role: member }
${PEOPLE.map((email) => `  - { email: ${email}, role: member }`).join('\n')}
`;

describe('progress of a long change-by-change apply', () => {
  it('draws a bar on a terminal, through a retried invite, to all 120 applied', async () => {
    ({ fake } = await openPipefy({ ...PIPEFY_SEED, quirks: { inviteWithoutEffect: 1 } }));
    let stderr = '';
    const code = await runCli(['apply', '--yes', '--allow-mass-changes'], {
      out: () => {},
      err: (text) => (stderr += text),
      isTty: true,
      env: { PIPEFY_URL: fake.url, PIPEFY_TOKEN: 'tok', ROSTER_APPLY_CONCURRENCY: '4' },
      cwd: tmpDir({ 'roster.yaml': CONFIG }),
    });
    expect(code, stderr).toBe(0);
    const frames = stderr.split('\r').filter((frame) => frame.startsWith('  ['));
    expect(frames.length).toBeGreaterThan(100);
    expect(frames.some((frame) => /: \d+ applied, 1 retrying, \d+ left/.test(frame))).toBe(true);
    expect(frames.at(-1)).toBe(`  [${'#'.repeat(30)}] 120/120: 120 applied, 0 retrying, 0 left\u001b[K\n`);
  });

  it('off a terminal, prints a line every few seconds, and none for a short apply', () => {
    let clock = 0;
    let stderr = '';
    const io: Io = { out: () => {}, err: (text) => (stderr += text), isTty: false, env: {}, cwd: '.' };
    const show = changeProgressDisplay(io, () => clock);
    const at = (left: number, retrying = 0): ChangeProgress => ({
      total: 400,
      applied: 400 - left - retrying,
      notApplied: 0,
      retrying,
      left,
    });
    for (let left = 399; left >= 300; left--) {
      clock += 100; // 100 changes in 10 s: a line at 5 s and at 10 s
      show(at(left, left === 350 ? 2 : 0));
    }
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      '  48 applied, 2 retrying, 350 left (of 400 changes)',
      '  100 applied, 0 retrying, 300 left (of 400 changes)',
    ]);
    expect(PROGRESS_LINE_EVERY_MS).toBe(5000);
    stderr = '';
    const short = changeProgressDisplay(io, () => (clock += 10_000));
    short({ total: 5, applied: 1, notApplied: 0, retrying: 0, left: 4 });
    expect(stderr).toBe('');
  });
});
