// A saved plan for a provider applied change by change: checked by the scopes it writes in, and,
// when an interrupted run began it, by what the plan made now still holds.
import { describe, expect, it } from 'vitest';
import { checkResumedPlan, checkSavedPlan } from '../../src/apply/apply-plan.js';
import type { Change } from '../../src/model/changes.js';
import { parsePlan, serializePlan } from '../../src/render/plan-json.js';
import { PlatformDouble, planOf } from '../helpers/change-by-change-double.js';

const invite = (email: string): Change => ({ kind: 'member.invite', email, role: 'member' });
const join_ = (email: string, pipe: string): Change => ({ kind: 'pipe_member.set', pipe, email, level: 'member' });

describe('a saved plan applied change by change', () => {
  it('keeps its scope fingerprints through the saved file', () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' }, { '10': {} });
    const plan = planOf([invite('a@x.io')], platform);
    expect(parsePlan(serializePlan(plan)).plan?.scopes).toEqual(platform.scopes());
  });

  it('is stale when a scope it writes in moved, and names it; a scope it does not write in may move', () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' }, { '10': {}, '20': {} });
    const saved = planOf([invite('a@x.io'), join_('a@x.io', '10')], platform);
    platform.move('pipe:20');
    expect(() =>
      checkSavedPlan(saved, planOf([invite('a@x.io'), join_('a@x.io', '10')], platform), platform),
    ).not.toThrow();
    platform.move('pipe:10');
    const fresh = planOf([invite('a@x.io'), join_('a@x.io', '10')], platform);
    expect(() => checkSavedPlan(saved, fresh, platform)).toThrow(
      expect.objectContaining({
        code: 'stale-plan',
        message: expect.stringContaining(': pipe:10 moved. Nothing was applied'),
      }),
    );
  });

  it('resumed: may shrink to what has not landed, but never hold a change the reviewer did not see', () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' }, { '10': {} });
    const saved = planOf([invite('a@x.io'), invite('b@x.io'), join_('a@x.io', '10')], platform);
    expect(() => checkResumedPlan(saved, planOf([join_('a@x.io', '10')], platform))).not.toThrow();
    expect(() => checkResumedPlan(saved, planOf([join_('a@x.io', '10'), invite('c@x.io')], platform))).toThrow(
      expect.objectContaining({ code: 'plan-mismatch', message: expect.stringContaining('(member.invite c@x.io)') }),
    );
  });
});
