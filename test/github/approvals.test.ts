import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ApprovalInput,
  type BaseMember,
  checkApprovals,
  type Review,
  type ReviewState,
} from '../../src/github/approvals.js';
import type { Role } from '../../src/model/vocabulary.js';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);

const MEMBERS: BaseMember[] = [
  { email: 'olivia@acme.com', role: 'owner', github: 'olivia-owner' },
  { email: 'oscar@acme.com', role: 'owner', github: 'Oscar' },
  { email: 'adam@acme.com', role: 'admin', github: 'adam-admin' },
  { email: 'mia@acme.com', role: 'member', github: 'mia' },
  { email: 'nogh@acme.com', role: 'owner' },
];

const PROMOTION = { approval: 'owner' as const, subject: 'ana@acme.com', summary: 'role member -> admin' };
const GRANT = { approval: 'admin' as const, subject: 'fin@acme.com', summary: '+ no-delete on stripe' };

function review(login: string, state: ReviewState, minute = 0, commitId = HEAD): Review {
  return { login, state, commitId, submittedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() };
}

function check(changes: ApprovalInput['changes'], reviews: Review[], author = 'author-gh') {
  return checkApprovals({ changes, baseMembers: MEMBERS, reviews, author, headSha: HEAD });
}

describe('checkApprovals', () => {
  it('a plan with no changes is covered', () => {
    expect(check([], [])).toMatchObject({ covered: true, approvers: [] });
  });

  it("an admin's approval does not cover a promotion and the message names the owners who can", () => {
    const decision = check([PROMOTION], [review('adam-admin', 'APPROVED')]);
    expect(decision.covered).toBe(false);
    expect(decision.missing).toEqual({
      role: 'owner',
      changes: ['ana@acme.com: role member -> admin'],
      candidates: ['olivia-owner', 'Oscar'],
    });
    expect(decision.message).toMatch(
      /^needs an approving review from an owner \(olivia-owner, Oscar\): ana@acme\.com: role member -> admin/,
    );
    expect(decision.message).toContain('adam-admin');
  });

  it("an owner's approval covers owner- and admin-level changes; logins compare case-insensitively", () => {
    const decision = check([PROMOTION, GRANT], [review('OLIVIA-owner', 'APPROVED')]);
    expect(decision).toMatchObject({
      covered: true,
      approvers: [{ login: 'olivia-owner', email: 'olivia@acme.com', role: 'owner' }],
      message: 'covered by owner olivia-owner',
    });
  });

  it("an admin's approval covers admin-level changes", () => {
    expect(check([GRANT], [review('adam-admin', 'APPROVED')]).covered).toBe(true);
    const missing = check([GRANT], []).missing;
    expect(missing).toMatchObject({ role: 'admin', candidates: ['olivia-owner', 'Oscar', 'adam-admin'] });
  });

  it('the author never approves their own change, and is not offered as a candidate', () => {
    const decision = check([PROMOTION], [review('olivia-owner', 'APPROVED')], 'Olivia-Owner');
    expect(decision.covered).toBe(false);
    expect(decision.missing?.candidates).toEqual(['Oscar']);
  });

  it('a login the base config does not map, or maps to a member, approves nothing', () => {
    expect(check([GRANT], [review('head-only-login', 'APPROVED'), review('mia', 'APPROVED')]).covered).toBe(false);
  });

  it('only the latest review at the head counts; dismissed and changes-requested do not approve', () => {
    expect(
      check([GRANT], [review('adam-admin', 'APPROVED', 1), review('adam-admin', 'CHANGES_REQUESTED', 2)]).covered,
    ).toBe(false);
    expect(
      check([GRANT], [review('adam-admin', 'CHANGES_REQUESTED', 1), review('adam-admin', 'APPROVED', 2)]).covered,
    ).toBe(true);
    expect(check([GRANT], [review('adam-admin', 'DISMISSED', 1)]).covered).toBe(false);
    // The order of the list does not matter, the submission time does.
    expect(
      check([GRANT], [review('adam-admin', 'APPROVED', 3), review('adam-admin', 'CHANGES_REQUESTED', 2)]).covered,
    ).toBe(true);
  });

  it('an approval of an older commit does not count, and a later review there withdraws nothing', () => {
    expect(check([GRANT], [review('adam-admin', 'APPROVED', 1, OLD)]).covered).toBe(false);
    const decision = check(
      [GRANT],
      [review('adam-admin', 'APPROVED', 1), review('adam-admin', 'CHANGES_REQUESTED', 2, OLD)],
    );
    expect(decision.covered).toBe(true);
  });

  it('a comment after an approval does not withdraw it (GitHub leaves comments out of the decision)', () => {
    expect(check([GRANT], [review('adam-admin', 'APPROVED', 1), review('adam-admin', 'COMMENTED', 2)]).covered).toBe(
      true,
    );
  });

  it("a pipe's admin approves the pipe membership changes that name them, and nothing else", () => {
    const hiring = {
      approval: 'admin' as const,
      subject: 'new@acme.com',
      summary: '+ read-only in pipe hiring',
      pipeAdmins: ['mia@acme.com'],
    };
    expect(check([hiring], [review('mia', 'APPROVED')])).toMatchObject({
      covered: true,
      approvers: [{ login: 'mia', email: 'mia@acme.com', role: 'pipe admin' }],
      message: 'covered by pipe admin mia',
    });
    // Not a grant, and not a pipe change that names someone else.
    const other = { ...hiring, pipeAdmins: ['lead@acme.com'] };
    expect(check([hiring, GRANT], [review('mia', 'APPROVED')]).missing?.changes).toEqual([
      'fin@acme.com: + no-delete on stripe',
    ]);
    expect(check([other], [review('mia', 'APPROVED')]).covered).toBe(false);
    // Offered as a candidate for the change that names them, never for their own pull request.
    const missing = check([hiring], []);
    expect(missing.missing?.candidates).toEqual(['olivia-owner', 'Oscar', 'adam-admin', 'mia']);
    expect(missing.message).toContain("that pipe's admin");
    expect(check([hiring], [review('mia', 'APPROVED')], 'mia').covered).toBe(false);
  });

  it('names the first few changes and how many more there are', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ ...PROMOTION, subject: `p${i}@acme.com` }));
    const decision = check(many, []);
    expect(decision.missing?.changes).toHaveLength(5);
    expect(decision.message).toContain('and 3 more');
  });

  it('says so when no base owner other than the author has a login', () => {
    const decision = checkApprovals({
      changes: [PROMOTION],
      baseMembers: [{ email: 'olivia@acme.com', role: 'owner', github: 'olivia-owner' }],
      reviews: [],
      author: 'olivia-owner',
      headSha: HEAD,
    });
    expect(decision.missing?.candidates).toEqual([]);
    expect(decision.message).toMatch(/maps no owner other than the author/);
  });
});

describe('checkApprovals (property)', () => {
  const LOGINS = ['u1', 'u2', 'u3', 'u4', 'u5'];
  const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
  const STATES: ReviewState[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];
  const login = fc.constantFrom(...LOGINS).chain((name) => fc.constantFrom(name, name.toUpperCase()));
  const members = fc.array(
    fc.record({
      email: fc.constantFrom('a@x.io', 'b@x.io', 'c@x.io', 'd@x.io'),
      role: fc.constantFrom(...ROLES),
      github: fc.option(fc.constantFrom(...LOGINS), { nil: undefined }),
    }),
    { maxLength: 5 },
  );
  const reviews = fc.array(
    fc.record({
      login,
      state: fc.constantFrom(...STATES),
      commitId: fc.constantFrom(HEAD, OLD),
      submittedAt: fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString()),
    }),
    { maxLength: 10 },
  );
  const changes = fc.array(
    fc.record({
      approval: fc.constantFrom('owner' as const, 'admin' as const),
      subject: fc.constant('s'),
      summary: fc.constant('t'),
    }),
    { maxLength: 4 },
  );

  /** The approval rule as docs/github-action.md states it, written apart from the implementation. */
  function expected(input: {
    changes: { approval: string }[];
    baseMembers: BaseMember[];
    reviews: Review[];
    author: string;
  }) {
    const approves = (roles: Role[]) =>
      input.baseMembers.some((member) => {
        if (!member.github || !roles.includes(member.role)) return false;
        const login = member.github.toLowerCase();
        if (login === input.author.toLowerCase()) return false;
        // The highest role a login maps to is the one it approves with.
        const rank = (role: Role) => ROLES.length - ROLES.indexOf(role);
        const best = input.baseMembers
          .filter((m) => m.github?.toLowerCase() === login)
          .sort((a, b) => rank(b.role) - rank(a.role))[0]!;
        if (!roles.includes(best.role)) return false;
        const mine = input.reviews.filter(
          (r) =>
            r.login.toLowerCase() === login &&
            r.commitId === HEAD &&
            (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED'),
        );
        const latest = mine.reduce<Review | undefined>(
          (last, r) => (!last || r.submittedAt! >= last.submittedAt! ? r : last),
          undefined,
        );
        return latest?.state === 'APPROVED';
      });
    const needs = (level: string) => input.changes.some((change) => change.approval === level);
    return (!needs('owner') || approves(['owner'])) && (!needs('admin') || approves(['owner', 'admin']));
  }

  it('covered iff every needed level has an approving, non-author base member of that level or higher', () => {
    fc.assert(
      fc.property(changes, members, reviews, login, (changes, baseMembers, reviews, author) => {
        const input = { changes, baseMembers, reviews, author, headSha: HEAD };
        const decision = checkApprovals(input);
        expect(decision.covered).toBe(expected(input));
        if (!decision.covered) {
          expect(decision.missing!.candidates.map((c) => c.toLowerCase())).not.toContain(author.toLowerCase());
          expect(decision.message).toMatch(/^needs an approving review from an owner/);
        }
        for (const approver of decision.approvers) expect(approver.login.toLowerCase()).not.toBe(author.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });
});
