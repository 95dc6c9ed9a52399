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
    expect(files.sort()).toEqual(['roster-apply.yml', 'roster-drift.yml', 'roster-plan.yml']);
  });
  for (const file of files) {
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
});
