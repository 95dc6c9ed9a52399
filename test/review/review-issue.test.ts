// The quarterly review workflow (examples/workflows/roster-review.yml), its steps run as written
// against a workspace of 3,000 members on the real server: the artifact holds the whole review,
// and the issue (at most 65,536 characters) holds as much as fits, cut between table rows, saying
// what was left out and that the run's artifact has it all.
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rosterAsync } from '../helpers/cli.js';
import { startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const WORKFLOW = parse(readFileSync(join(ROOT, 'examples/workflows/roster-review.yml'), 'utf8'));
const MEMBERS = 3000;

/** The `run` script of the workflow's step with this name. */
const step = (name: string): string => WORKFLOW.jobs.review.steps.find((s: { name?: string }) => s.name === name).run;

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd, env });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code) => resolve({ code, err }));
  });
}

/** The rows of the table under `## <title>`, its header excluded. */
const tableRows = (markdown: string, title: string): string[] => {
  const section = markdown.split(`## ${title}\n`)[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(1);
};

describe('the quarterly review workflow', () => {
  it('cuts the issue between rows of a 3,000-member review and points to the artifact for the rest', async () => {
    const server = await startServer();
    const members = Array.from(
      { length: MEMBERS },
      (_, i) =>
        `  - { email: person${String(i).padStart(4, '0')}@x.io, name: Person ${i}, role: member, integrations: { stripe: read-only }, pipes: { hiring: read-only } }`,
    ).join('\n');
    const dir = tmpDir({
      'roster.yaml': rootConfig(`provider: { type: http }
integrations:
  stripe: { tools: { find_customer: read, create_refund: write } }
pipes:
  hiring: { name: Hiring }
members:
  - { email: owner@x.io, role: owner }
${members}
`),
      // The workflow's `gh`: keeps the issue it was asked to open.
      'bin/gh': '#!/bin/sh\nwhile [ "$1" != --body-file ]; do shift; done\ncp "$2" issue-opened.md\n',
    });
    chmodSync(join(dir, 'bin/gh'), 0o755);
    symlinkSync(ROOT, join(dir, '.roster-cli'));
    const env = {
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      HOME: dir,
      ROSTER_URL: server.url,
      ROSTER_TOKEN: server.ownerKey,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/access',
      GITHUB_RUN_ID: '4242',
    };
    const applied = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(applied.code, applied.stderr).toBe(0);

    for (const name of ['Review', 'Open the review issue']) {
      const run = await bash(step(name), dir, env);
      expect(run.code, `${name}: ${run.err}`).toBe(0);
    }
    const whole = readFileSync(join(dir, 'access-review.markdown'), 'utf8');
    const issue = readFileSync(join(dir, 'issue-opened.md'), 'utf8');

    // The artifact has every row; the issue fits, with every table row whole.
    const wholeRows = tableRows(whole, 'Access');
    expect(wholeRows).toHaveLength(MEMBERS + 1);
    expect(issue.length).toBeLessThanOrEqual(60_000);
    for (const line of issue.split('\n').filter((l) => l.startsWith('| '))) expect(line).toMatch(/ \|$/);

    // The rows shown are the review's first rows, and the issue says how many were left out and where they are.
    const shownRows = tableRows(issue, 'Access');
    expect(shownRows.length).toBeGreaterThan(100);
    expect(shownRows).toEqual(wholeRows.slice(0, shownRows.length));
    const artifact = 'the `access-review` artifact of [this run](https://github.com/acme/access/actions/runs/4242)';
    const findings = tableRows(whole, 'Findings').length;
    expect(issue).toContain(
      `> **Shortened to fit 60,000 characters:** ${findings} of ${findings} findings, ${shownRows.length} of ${MEMBERS + 1} rows of people and keys are shown here. The whole review is in ${artifact}.`,
    );
    expect(issue).toContain(
      `\n…and ${MEMBERS + 1 - shownRows.length} more rows of people and keys, left out here: see the whole review in ${artifact}.\n`,
    );
    expect(issue.trimEnd().split('\n').at(-1)).toMatch(/^Sources: /);
  }, 240_000);
});

describe('roster review --max-length', () => {
  it('refuses a length it cannot use, and the markdown options with another format, before reading anything', async () => {
    const dir = tmpDir({ 'roster.yaml': rootConfig('provider: { type: local, path: state.db }\n') });
    const small = await rosterAsync(['review', '--max-length', '60k'], { cwd: dir });
    expect(small.code).toBe(1);
    expect(small.stderr).toContain(
      'error [bad-arguments]: --max-length must be a number of characters from 2000 up, such as 60000, not "60k"',
    );
    const html = await rosterAsync(['review', '--format', 'html', '--max-length', '60000'], { cwd: dir });
    expect(html.code).toBe(1);
    expect(html.stderr).toContain(
      'error [bad-arguments]: --max-length only shapes the markdown review: drop it for --format html',
    );
  });
});
