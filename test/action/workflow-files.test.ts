// The workflow files the README tells users to copy: each runs this action with a command it
// has, with least permissions and a concurrency group, and the inputs it passes exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/action/inputs.js';

const ROOT = join(import.meta.dirname, '../..');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const dir = join(ROOT, 'examples/workflows');

describe('examples/workflows', () => {
  const files = readdirSync(dir);
  it('has the pull request, push and schedule workflows', () => {
    expect(files.sort()).toEqual(['roster-apply.yml', 'roster-drift.yml', 'roster-plan.yml', 'roster-review.yml']);
  });
  // The quarterly review runs the CLI, not the action (checked below).
  for (const file of files.filter((name) => name !== 'roster-review.yml')) {
    it(`${file} uses the action with known inputs, least permissions and a concurrency group`, () => {
      const workflow = parse(readFileSync(join(dir, file), 'utf8'));
      expect(workflow.concurrency?.group).toBeTruthy();
      expect(workflow.permissions).toBeTruthy();
      expect(Object.values(workflow.permissions)).not.toContain('write-all');
      const steps = Object.values(workflow.jobs).flatMap((job) => (job as { steps: unknown[] }).steps);
      const roster = steps.find((step) => String((step as { uses?: string }).uses).includes('roster')) as {
        with: Record<string, string>;
      };
      expect(COMMANDS).toContain(roster.with.command);
      for (const input of Object.keys(roster.with)) expect(Object.keys(action.inputs)).toContain(input);
    });
  }
  it('applies one at a time, never cancelling an apply half-way', () => {
    const apply = parse(readFileSync(join(dir, 'roster-apply.yml'), 'utf8'));
    expect(apply.concurrency).toEqual({ group: 'roster-apply', 'cancel-in-progress': false });
    expect(Object.keys(apply.on)).toEqual(['push']);
  });
  it('runs the quarterly review as markdown and opens an issue with it, with least permissions', () => {
    const review = parse(readFileSync(join(dir, 'roster-review.yml'), 'utf8'));
    expect(review.on.schedule[0].cron).toMatch(/^\S+ \S+ 1 1,4,7,10 \*$/);
    expect(review.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(review.concurrency?.group).toBeTruthy();
    const scripts = review.jobs.review.steps.map((step: { run?: string }) => step.run ?? '').join('\n');
    expect(scripts).toContain('review --format "$format"');
    expect(scripts).toMatch(/for format in markdown /);
    expect(scripts).toContain('gh issue create --title "Access review $quarter" --body-file issue.md');
  });
});
