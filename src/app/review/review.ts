// The quarterly access review: the matrix and the findings, from the workspace as it is, the
// config, and what the provider records of use. Pure: no network, no files, no clock (asOf is given).
import { compareText } from '../../model/compare.js';
import { driftFindings } from './drift.js';
import { broadKeyFindings, rotationFindings, unusedGrantFindings, unusedKeyFindings } from './findings-keys.js';
import {
  deletePowerFindings,
  endedFindings,
  expiringFindings,
  guestFindings,
  newMemberFindings,
  noTeamFindings,
  pendingInviteFindings,
  privilegedFindings,
} from './findings-people.js';
import type { ReviewInput } from './input.js';
import { buildMatrix } from './matrix.js';
import type { WorkspaceState } from '../../model/state.js';
import { type Finding, type Review, type ReviewFacts, SEVERITIES } from './types.js';

const RULES: readonly ((input: ReviewInput) => Finding[])[] = [
  privilegedFindings,
  deletePowerFindings,
  broadKeyFindings,
  rotationFindings,
  unusedKeyFindings,
  unusedGrantFindings,
  expiringFindings,
  endedFindings,
  pendingInviteFindings,
  guestFindings,
  noTeamFindings,
  newMemberFindings,
  driftFindings,
];

export function makeReview(input: ReviewInput): Review {
  const findings = RULES.flatMap((rule) => rule(input));
  if (!input.usage) {
    findings.push({
      code: 'usage-unknown',
      severity: 'info',
      subject: 'workspace',
      message:
        'this provider records no last use or joined dates: unused keys and grants and new members were not checked',
    });
  }
  findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compareText(a.code, b.code) ||
      compareText(a.subject, b.subject),
  );
  return {
    asOf: input.asOf,
    workspace: { name: input.actual.workspace.name, plan: input.actual.workspace.plan },
    matrix: buildMatrix(input.actual, input.desired, input.asOf),
    findings,
  };
}

export function reviewFacts(actual: WorkspaceState): ReviewFacts {
  return {
    members: actual.members.map((m) => ({ email: m.email, ...(m.name ? { name: m.name } : {}), role: m.role })),
    keys: actual.keys.map((k) => ({ name: k.name, type: k.type })),
    integrations: actual.integrations.map((i) => i.id),
    pipes: actual.pipes.map((p) => p.id),
  };
}
