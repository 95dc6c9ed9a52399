// The pull request comment: marker with the plan's digest and the head, approvals first, the plan,
// the config change; never over GitHub's limit, with a pointer to the job summary when cut.
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, bodyLength, readMarker } from '../../src/github/client.js';
import { planComment } from '../../src/github/plan-comment.js';
import type { ApprovalDecision } from '../../src/github/approvals.js';
import { planFor } from '../helpers/plan.js';

const COVERED: ApprovalDecision = { covered: true, approvers: [], message: 'covered by owner olivia-owner' };
const MISSING: ApprovalDecision = {
  covered: false,
  approvers: [],
  missing: { role: 'owner', changes: [], candidates: ['olivia-owner'] },
  message: 'needs an approving review from an owner (olivia-owner): sam@acme.com: role member -> admin',
};
const small = () => planFor('members:\n  - { email: o@x.io, role: owner }\n  - { email: sam@acme.com, role: admin }\n');
const diff = {
  path: 'roster.yaml',
  change: 'modified' as const,
  patch: '--- a/roster.yaml\n+++ b/roster.yaml\n@@ -1 +1 @@\n-a\n+b\n',
};

describe('the plan comment', () => {
  it('carries the digest and head in its marker, the approval state first, then the plan and the diff', () => {
    const plan = small();
    const comment = planComment({ plan, headSha: 'abc123', approvals: MISSING, diffs: [diff] });
    expect(readMarker(comment.marker)).toEqual({ kind: 'plan', data: { digest: plan.digest, head: 'abc123' } });
    expect(comment.body.indexOf('needs an approving review')).toBeLessThan(comment.body.indexOf('roster plan for'));
    expect(comment.body).toContain('[!IMPORTANT]');
    expect(comment.body).toContain('<b>Config change</b> (1 file)');
    expect(comment.body).toContain('```diff\n--- a/roster.yaml');
    expect(comment.truncated).toBe(false);
    expect(planComment({ plan, headSha: 'abc123', approvals: COVERED, diffs: [] }).body).not.toContain('IMPORTANT');
  });

  it('never goes over the limit, whatever the size of the config change and the length of the run link', () => {
    const plan = small();
    const runUrl = `https://github.example/${'o'.repeat(39)}/${'r'.repeat(100)}/actions/runs/123456789012`;
    for (let size = 58_000; size <= 68_000; size += 250) {
      const patch = `${diff.patch}${'+ a line of the config, forty characters\n'.repeat(Math.floor(size / 40))}`;
      const comment = planComment({ plan, headSha: 'h', approvals: COVERED, diffs: [{ ...diff, patch }], runUrl });
      expect(bodyLength(`${comment.marker}\n${comment.body}`)).toBeLessThanOrEqual(BODY_LIMIT);
    }
  });

  it('stays under the limit for a plan of thousands of changes, pointing at the job summary', () => {
    const people = Array.from({ length: 3000 }, (_, i) => `  - { email: person-${i}@acme.com, role: member }\n`);
    const plan = planFor(`members:\n  - { email: o@x.io, role: owner }\n${people.join('')}`);
    const big = { ...diff, patch: `${diff.patch}${'+more\n'.repeat(20_000)}` };
    const comment = planComment({
      plan,
      headSha: 'h',
      approvals: COVERED,
      diffs: [big],
      runUrl: 'https://example.invalid/run/1',
    });
    expect(bodyLength(`${comment.marker}\n${comment.body}`)).toBeLessThanOrEqual(BODY_LIMIT);
    expect(comment.truncated).toBe(true);
    expect(comment.body).toContain(
      'The plan is too long to show here (3001 changes); the full plan is in the job summary of [this run](https://example.invalid/run/1).',
    );
    expect(comment.body).toContain('3001 to add');
  });
});
