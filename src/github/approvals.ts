// Whether a pull request's reviews cover its plan. Pure: the caller fetches the reviews and reads
// the base branch's config. Reviewers become members only through the `github:` logins of the
// BASE branch's config: a pull request could otherwise map its own author's login to an owner and
// approve itself. So the caller passes only base members, and a login that only the head branch
// maps matches nobody here and approves nothing. A pipe membership change the plan lets a pipe's
// admins approve (`pipeAdmins`, read from the workspace, never from the pull request) is covered
// by one of them too, when the base config maps them to a login.
import type { PlannedChange } from '../plan/types.js';
import { type Role, roleRank } from '../model/vocabulary.js';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  login: string;
  state: ReviewState;
  /** The commit the review was submitted on. */
  commitId: string;
  /** ISO time; a review without one (PENDING) was never submitted. */
  submittedAt?: string | null;
}

/** A member of the base branch's config. */
export interface BaseMember {
  email: string;
  role: Role;
  github?: string;
}

export type ApprovalLevel = PlannedChange['approval'];

export interface ApprovalInput {
  changes: readonly Pick<PlannedChange, 'action' | 'approval' | 'subject' | 'summary' | 'pipeAdmins'>[];
  baseMembers: readonly BaseMember[];
  reviews: readonly Review[];
  /** The pull request's author: never approves their own change. */
  author: string;
  headSha: string;
}

export interface Approver {
  login: string;
  email: string;
  /** A pipe admin approves only the pipe membership changes that name them. */
  role: ApprovalLevel | 'pipe admin';
}

export interface MissingApproval {
  role: ApprovalLevel;
  /** "symbol subject: summary" of the first changes that need it, the symbol as the plan shows it. */
  changes: string[];
  /** Base members' logins that could give it, the author excluded. */
  candidates: string[];
}

export interface ApprovalDecision {
  covered: boolean;
  approvers: Approver[];
  missing?: MissingApproval;
  message: string;
}

/** The plan's symbol of each action (render/plan-sections.ts): a removal reads as one. */
const SYMBOL: Record<PlannedChange['action'], string> = { create: '+', update: '~', delete: '-', adopt: '=' };

/** How many changes and candidates a message names before "and N more". */
const SHOWN = 5;

export function checkApprovals(input: ApprovalInput): ApprovalDecision {
  const members = membersByLogin(input.baseMembers);
  const author = loginKey(input.author);
  const approving = approvingLogins(input.reviews, input.headSha)
    .filter((login) => login !== author)
    .flatMap((login) => {
      const member = members.get(login);
      return member ? [member] : [];
    });
  const approvedBy = (change: ApprovalInput['changes'][number]) =>
    approving.filter(
      (member) => covers(member.role, change.approval) || (change.pipeAdmins ?? []).includes(member.email),
    );
  const approvers: Approver[] = approving.flatMap((member) => {
    const role = isManager(member.role)
      ? member.role
      : input.changes.some((change) => change.pipeAdmins?.includes(member.email))
        ? ('pipe admin' as const)
        : undefined;
    return role ? [{ login: member.github!, email: member.email, role }] : [];
  });
  if (!input.changes.length) return { covered: true, approvers, message: 'no changes to approve' };
  const uncovered = input.changes.filter((change) => approvedBy(change).length === 0);
  if (!uncovered.length)
    return { covered: true, approvers, message: `covered by ${approvers.map(describe).join(', ')}` };

  // Owner-level changes first: an owner's approval covers everything an admin's would.
  const needed: ApprovalLevel = uncovered.some((change) => change.approval === 'owner') ? 'owner' : 'admin';
  const changes = uncovered
    .filter((change) => needed === 'admin' || change.approval === 'owner')
    .map((change) => `${SYMBOL[change.action]} ${change.subject}: ${change.summary}`);
  const pipeAdmins = new Set(needed === 'admin' ? uncovered.flatMap((change) => change.pipeAdmins ?? []) : []);
  const candidates = [...members.values()]
    .filter(
      (member) => loginKey(member.github!) !== author && (covers(member.role, needed) || pipeAdmins.has(member.email)),
    )
    .map((member) => member.github!);
  const missing = { role: needed, changes: changes.slice(0, SHOWN), candidates };
  return { covered: false, approvers, missing, message: missingMessage(missing, changes.length, approvers) };
}

function missingMessage(missing: MissingApproval, total: number, approvers: Approver[]): string {
  const who =
    missing.role === 'owner' ? 'an owner' : "an owner or an admin (or, for a pipe membership, that pipe's admin)";
  const candidates = missing.candidates.length
    ? ` (${listed(missing.candidates, missing.candidates.length)})`
    : `, and the base branch's config maps no ${missing.role === 'owner' ? 'owner' : 'owner or admin'} other than the author to a github login`;
  // Say why an approval already given does not count, so nobody waits on the wrong person.
  const admins = approvers.filter((approver) => approver.role === 'admin').map((approver) => approver.login);
  const note = admins.length
    ? ` (an admin's approval, as ${admins.join(', ')} gave, covers admin-level changes only)`
    : '';
  return `needs an approving review from ${who}${candidates}: ${listed(missing.changes, total, '; ')}${note}`;
}

function listed(items: string[], total: number, separator = ', '): string {
  const shown = items.slice(0, SHOWN).join(separator);
  return total > SHOWN ? `${shown}${separator}and ${total - SHOWN} more` : shown;
}

function describe(approver: Approver): string {
  return `${approver.role} ${approver.login}`;
}

/**
 * The logins whose latest review at the head commit approves. COMMENTED reviews are left out, as
 * GitHub leaves them out of a pull request's review decision: a comment after an approval does
 * not withdraw it. A later review on an older commit does not count at all, so it neither
 * withdraws nor restores an approval given on the head.
 */
function approvingLogins(reviews: readonly Review[], headSha: string): string[] {
  const latest = new Map<string, Review>();
  const head = headSha.toLowerCase();
  for (const review of reviews) {
    if (review.commitId.toLowerCase() !== head || !review.submittedAt) continue;
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    const key = loginKey(review.login);
    const before = latest.get(key);
    // Equal times keep the later one in GitHub's (chronological) order.
    if (!before || Date.parse(review.submittedAt) >= Date.parse(before.submittedAt!)) latest.set(key, review);
  }
  return [...latest].filter(([, review]) => review.state === 'APPROVED').map(([login]) => login);
}

/** Base members by login; when two entries name one login, the higher role stands. */
function membersByLogin(members: readonly BaseMember[]): Map<string, BaseMember> {
  const byLogin = new Map<string, BaseMember>();
  for (const member of members) {
    if (!member.github) continue;
    const key = loginKey(member.github);
    const before = byLogin.get(key);
    if (!before || roleRank(member.role) > roleRank(before.role)) byLogin.set(key, member);
  }
  return byLogin;
}

/** GitHub logins are case-insensitive. */
function loginKey(login: string): string {
  return login.toLowerCase();
}

function isManager(role: Role): role is ApprovalLevel {
  return role === 'owner' || role === 'admin';
}

function covers(role: Role, level: ApprovalLevel): boolean {
  return role === 'owner' || (role === 'admin' && level === 'admin');
}
