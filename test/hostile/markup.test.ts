// A pull request's author writes the config that CI plans, and the plan is posted as a comment;
// the workspace's own data (created by hand, never validated) is in it too. Whatever those
// values hold, the comment a reviewer sees has only the plan's own elements, the values as
// literal text, no links and no mentions that notify.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan, PlannedChange } from '../../src/plan/types.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { displaySubject } from '../../src/render/plan-sections.js';
import { visible } from '../../src/render/visible.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { bodyCells, count, elementNames, PLAN_ELEMENTS, textOf, textOutsideCode, toHtml } from '../helpers/markdown.js';
import { tmpDir } from '../helpers/tmp.js';
import { runs, SEED } from '../helpers/depth.js';

const IMG = '<img src=x onerror=alert(1)>';
const HOSTILE = [
  '`',
  '``',
  '|',
  '\\',
  '\\|',
  IMG,
  '</summary>',
  '</details>',
  '</td></tr></table>',
  '@acme/admins',
  'ana@acme.com',
  '[x](javascript:alert(1))',
  '![i](https://evil.example/i.png)',
  'https://evil.example',
  'www.evil.example',
  '#12',
  '\n',
  '\r\n',
  '\n\n<script>alert(1)</script>',
  '\x1b[2J',
  '\u202e',
  '*',
  '_',
  '~~',
  '$x$',
  '&amp;',
  '&#64;',
  '<!--',
  '- ',
  '1. ',
  '    ',
  ' ',
  '>',
  '[^1]',
  '<https://evil.example>',
];

/** Strings built from hostile fragments and arbitrary characters. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

function planWith(values: {
  workspace: string;
  subject: string;
  summary: string;
  reason: string;
  file: string;
  warning: string;
  guard: string;
  override: string;
  provider: string;
}): Plan {
  const change: PlannedChange = {
    change: { kind: 'member.remove', email: 'x@x.io' },
    action: 'delete',
    subject: values.subject,
    summary: values.summary,
    reason: values.reason,
    source: { file: values.file, line: 3, col: 5 },
    approval: 'admin',
    billing: 0,
    destructive: false,
    escalation: false,
    unmanaged: true,
  };
  return {
    formatVersion: 1,
    workspace: values.workspace,
    provider: values.provider,
    stateVersion: '7',
    createdAt: '2026-11-22T00:00:00.000Z',
    changes: [change],
    warnings: [{ code: 'w', message: values.warning }],
    blocked: [{ code: 'guard', message: values.guard, override: values.override }],
    summary: { add: 0, change: 0, remove: 1, adopt: 0, billableSeats: 0 },
    digest: 'sha256:00',
  };
}

/** What a value shows as: escapes for control characters, no surrounding spaces. */
const shown = (value: string) => visible(value).replace(/^ +| +$/g, '');

describe('the markdown plan of a hostile config or workspace', () => {
  it('renders every value as literal text, with only the plan’s own elements (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          workspace: hostileText,
          subject: hostileText,
          summary: hostileText,
          reason: hostileText,
          file: hostileText,
          warning: hostileText,
          guard: hostileText,
          override: hostileText,
          provider: hostileText,
        }),
        (values) => {
          const html = toHtml(renderPlanMarkdown(planWith(values)));
          // No element from a value: no <img>, <a>, <script>, no closed or extra <details>.
          expect(elementNames(html).filter((name) => !PLAN_ELEMENTS.has(name))).toEqual([]);
          expect(count(html, '<summary>')).toBe(1);
          expect(count(html, '</summary>')).toBe(1);
          expect(count(html, '</details>')).toBe(1);
          expect(count(html, '<tr>')).toBe(2);
          expect(count(html, '<td>')).toBe(6);
          expect(count(html, '<li>')).toBe(2);
          // No mention, email link or URL outside code, where GitHub would act on it.
          const outside = textOutsideCode(html);
          expect(outside).not.toContain('@');
          expect(outside).not.toMatch(/:\/\/|www\.|#\d/i);
          // Each value reads as itself.
          const [row] = bodyCells(html);
          const subject = visible(displaySubject(values.subject));
          expect(row![1]).toBe(subject);
          expect(row![2]).toBe(shown(values.summary));
          expect(row![3]).toBe(shown(values.reason));
          const heading = textOf(/<h3>([\s\S]*?)<\/h3>/.exec(html)![1]!);
          expect(heading).toBe(
            values.workspace ? `roster plan for ${visible(values.workspace)}` : 'roster plan for (unnamed)',
          );
          const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => textOf(match[1]!).trim());
          expect(items[1]).toBe(shown(values.warning).trim());
        },
      ),
      { numRuns: runs(60, 300), seed: SEED },
    );
  });

  it('shows a hostile config and workspace as text in the comment `roster plan` prints', () => {
    const dir = tmpDir({
      'roster.yaml': `version: 1
workspace: { name: "${IMG} @acme/admins </summary>", plan: business }
provider: { type: local, path: state.db }
policy: { unmanaged: { members: warn } }
members:
  - { email: "owner@x.io", role: owner, name: "</details><img src=x onerror=alert(1)>" }
  - email: "<img/src=x/onerror=alert(1)>|@acme.com"
    role: member
    name: "[click](javascript:alert(1)) \`@acme/admins\`"
`,
    });
    // The workspace holds a member created by hand, with a name nobody validated.
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    store.apply(
      [
        { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
        { kind: 'member.invite', email: '@acme/admins|</summary>@x.io', name: 'x\n\n<img src=x>', role: 'member' },
      ],
      { actor: { name: 'test', role: 'owner' } },
    );
    store.close();

    const run = roster(['plan', '--format', 'markdown'], { cwd: dir });
    expect(run.stderr).toBe('');
    const html = toHtml(run.stdout);
    expect(elementNames(html).filter((name) => !PLAN_ELEMENTS.has(name))).toEqual([]);
    expect(html).not.toContain('<img');
    expect(count(html, '</summary>')).toBe(count(html, '<summary>'));
    expect(textOutsideCode(html)).not.toContain('@');
    // The reviewer reads the names as written.
    expect(textOf(html)).toContain(`${IMG} @acme/admins </summary>`);
    expect(textOf(html)).toContain('<img/src=x/onerror=alert(1)>|@acme.com');
    expect(textOf(html)).toContain('@acme/admins|</summary>@x.io');
  });
});
