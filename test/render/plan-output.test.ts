// The plan as a reviewer reads it, in a terminal and in a pull request comment: each change once,
// what needs attention first, and a comment that stays within a size a pull request takes.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/model/state.js';
import { MARKDOWN_PLAN_LIMIT, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { elementNames, PLAN_ELEMENTS, textOf, toHtml } from '../helpers/markdown.js';
import { planFor } from '../helpers/plan.js';

const member = (email: string, role: Member['role'] = 'member'): Member => ({ email, role, managed: true });
const STRIPE = { id: 'stripe', tools: { find: 'read', refund: 'write' } as const, managed: true };
const CATALOG = 'integrations:\n  stripe: { tools: { find: read, refund: write } }\n';

/** An owner stays; sam is promoted (escalation), gone@x.io leaves (destructive), m gets a grant. */
function mixedPlan() {
  return planFor(
    `${CATALOG}members:\n  - { email: o@x.io, role: owner }\n  - { email: sam@acme.com, role: admin }\n  - { email: m@x.io, role: member, integrations: { stripe: read-only } }\n`,
    {
      workspace: { name: 'test', plan: 'business' },
      members: [member('o@x.io', 'owner'), member('sam@acme.com'), member('m@x.io'), member('gone@x.io')],
      integrations: [STRIPE],
      grants: [{ email: 'gone@x.io', integration: 'stripe', profile: 'no-delete', disabledTools: [], managed: true }],
    },
  );
}

describe('the text plan', () => {
  it('shows each change once: what needs attention first, the rest under its person', () => {
    expect(renderPlanText(mixedPlan(), { colour: false })).toBe(
      [
        'roster plan for workspace test on test (state version 7)',
        '',
        'Needs attention: privilege escalations and destructive changes',
        '    ~ sam@acme.com: role member -> admin  roster.yaml:7:5  [owner approval]',
        '    - gone@x.io: remove member, losing no-delete on stripe  removed from the config',
        '',
        'People',
        '  m@x.io',
        '    + read-only on stripe  (direct)  roster.yaml:8:52',
        '',
        'Plan: 1 to add, 1 to change, 1 to remove; billable seats -1',
        '',
      ].join('\n'),
    );
  });
});

describe('the markdown plan', () => {
  it('shows each change once, the attention table first', () => {
    const markdown = renderPlanMarkdown(mixedPlan());
    expect(markdown.match(/role member/g)).toHaveLength(1);
    expect(markdown.match(/remove member/g)).toHaveLength(1);
    expect(markdown.indexOf('Needs attention')).toBeLessThan(markdown.indexOf('read-only on stripe'));
    expect(markdown).toContain('<summary><b>People</b> (1)</summary>');
  });

  it('keeps a plan of hundreds of changed members under 60,000 characters: counts per kind and where the rest is', () => {
    const people = Array.from({ length: 800 }, (_, i) => `person-${i}@acme.com`);
    const plan = planFor(
      `${CATALOG}members:\n  - { email: o@x.io, role: owner }\n${people.map((email) => `  - { email: ${email}, role: member, integrations: { stripe: { profile: full, disabled_tools: [refund] } } }\n`).join('')}`,
      { members: [member('o@x.io', 'owner'), member('old@x.io', 'admin')], integrations: [STRIPE] },
    );
    const whole = renderPlanMarkdown(plan, { maxLength: Infinity });
    expect(whole.length).toBeGreaterThan(MARKDOWN_PLAN_LIMIT);

    const short = renderPlanMarkdown(plan, { fullPlanAt: 'the job summary' });
    expect(short.length).toBeLessThanOrEqual(MARKDOWN_PLAN_LIMIT);
    expect(short).toContain('**Plan: 1600 to add, 0 to change, 1 to remove; billable seats +799**');
    expect(short).toContain('The plan is too long to show here (1601 changes); the full plan is in the job summary.');
    expect(short).toContain(
      '| change | count |\n|---|---|\n| `member.invite` | 800 |\n| `grant.set` | 800 |\n| `member.remove` | 1 |\n',
    );
    // The riskiest changes still come first (here: 800 grants of full), as many as fit, with how many more.
    expect(short).toContain('| `+` | `person-0@acme.com` | full on stripe without refund (direct) |');
    expect(short).toMatch(/\n\n…and \d+ more changes that need attention in the full plan\.\n/);
    expect(short).toContain(`<sub>Plan \`${plan.digest}\``);
    // It renders as the plan's own elements, the "more" line as a paragraph after the table.
    const html = toHtml(short);
    expect(elementNames(html).filter((name) => !PLAN_ELEMENTS.has(name))).toEqual([]);
    expect(textOf(html)).toMatch(/…and \d+ more changes that need attention in the full plan\./);
    // Without a place given, it says how to see the whole plan.
    expect(renderPlanMarkdown(plan)).toContain(
      'the full plan is in the output of `roster plan` (text) or `roster plan --format json`.',
    );
  });
});
