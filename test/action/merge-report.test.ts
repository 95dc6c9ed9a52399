// The comment on a merged pull request after a change-by-change apply (Pipefy): what landed and
// what did not, change by change, also when the apply failed part way.
import { describe, expect, it } from 'vitest';
import { landedPart, reportBody } from '../../src/action/merge.js';
import { ApplyError } from '../../src/apply/apply-plan.js';
import { applyChangeByChange } from '../../src/apply/change-by-change.js';
import type { Change } from '../../src/model/changes.js';
import { PlatformDouble, planOf } from '../helpers/change-by-change-double.js';

const SHA = 'b'.repeat(40);
const invite = (email: string): Change => ({ kind: 'member.invite', email, role: 'member' });

describe('the merge comment after a change-by-change apply', () => {
  it('lists each change with what happened to it when part of the plan did not land', async () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' });
    platform.refuse.set('member.invite b@x.io', 'PERMISSION_DENIED (correlation id c-9)');
    const plan = planOf([invite('a@x.io'), invite('b@x.io')], platform);
    const error = await applyChangeByChange(platform, plan, {}, { retryDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    const body = reportBody(landedPart(plan, error), SHA, error, undefined);
    expect(body).toContain('**roster applied part of `bbbbbbb`:** Applied 1 of 2 changes one by one; 1 did not land');
    expect(body).toContain('- `+` `a@x.io`: member.invite `a@x.io`\n');
    expect(body).toContain(
      '- `+` `b@x.io`: member.invite `b@x.io` \\[refused: PERMISSION\\_DENIED (correlation id c-9)\\]\n',
    );
    expect(body).toContain('**Then failed:** 1 of 2 changes were applied; 1 did not land');
  });

  it('says nothing was applied when the plan was refused as stale', async () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' });
    const plan = planOf([invite('a@x.io')], platform);
    platform.move('organization');
    const error = await applyChangeByChange(platform, plan, {}).catch((e: unknown) => e);
    const body = reportBody(landedPart(plan, error), SHA, error, undefined);
    expect(body).toMatch(/^\*\*roster did not apply this pull request:\*\* the workspace changed since this plan was made: organization/);
  });
});
