// A saved plan refused because it is no longer the plan says what changed, in the plan's words:
// the changes it holds that a plan made now does not, and the other way round.
import { describe, expect, it } from 'vitest';
import { checkSavedPlan } from '../../src/apply/apply-plan.js';
import { planFor } from '../helpers/plan.js';

const MEMBERS = `integrations:
  stripe: { tools: { find: read, refund: write } }
members:
  - { email: owner@x.io, role: owner }
`;

describe('a saved plan that is no longer the plan', () => {
  it('names the changes no longer planned and those newly planned, not digests', () => {
    const saved = planFor(`${MEMBERS}  - { email: m@x.io, role: member, integrations: { stripe: no-delete } }\n`);
    const fresh = planFor(
      `${MEMBERS}  - { email: m@x.io, role: member, integrations: { stripe: full } }\n  - { email: n@x.io, role: admin }\n`,
    );
    let message = '';
    try {
      checkSavedPlan(saved, fresh);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        'the config no longer produces this plan; since it was saved:',
        '  no longer planned (1):',
        '    m@x.io: no-delete on stripe',
        '  newly planned (2):',
        '    n@x.io: invite as admin',
        '    m@x.io: full on stripe',
        'Nothing was applied. Run roster plan again and review the new plan',
      ].join('\n'),
    );
    expect(message).not.toContain('sha256');
  });

  it('counts past ten changes on a side, and reads the saved changes from its file when it kept none', () => {
    const many = Array.from({ length: 13 }, (_, i) => `  - { email: m${i}@x.io, role: member }\n`).join('');
    const saved = planFor(`${MEMBERS}${many}`);
    const fresh = planFor(MEMBERS);
    const { changes, ...kept } = saved;
    expect(() => checkSavedPlan({ ...kept, readChanges: () => changes }, fresh)).toThrow(
      expect.objectContaining({
        code: 'plan-mismatch',
        message: expect.stringMatching(/no longer planned \(13\):\n( {4}m\d+@x\.io: .*\n){10} {4}and 3 more\nNothing/),
      }),
    );
  });

  it('also when the workspace moved since: the state versions and what the plan now holds', () => {
    const saved = planFor(`${MEMBERS}  - { email: m@x.io, role: member }\n`);
    const fresh = { ...planFor(MEMBERS), stateVersion: '8' };
    expect(() => checkSavedPlan(saved, fresh)).toThrow(
      expect.objectContaining({
        code: 'stale-plan',
        message: expect.stringContaining(
          '(state version 7, now 8); since it was saved:\n  no longer planned (1):\n    m@x.io: invite as member\nNothing was applied',
        ),
      }),
    );
  });
});
