// Drift: what the workspace has that the config does not (things made by hand, or more access than
// the config gives: a higher profile or level, tools the config disables enabled again, a workspace
// key's scope widened). `roster plan` shows what applying would do about it; the review lists it.
import type { Key } from '../../model/state.js';
import { pipeLevelRank, profileRank, roleRank } from '../../model/vocabulary.js';
import { configIndex } from './config-index.js';
import type { ReviewInput } from './input.js';
import type { Finding } from './types.js';

export function driftFindings({ actual, desired }: ReviewInput): Finding[] {
  const want = configIndex(desired);
  const findings: Finding[] = [];
  const add = (code: string, severity: Finding['severity'], subject: string, message: string) =>
    findings.push({ code, severity, subject, message });

  for (const member of actual.members) {
    const declared = want.members.get(member.email);
    if (!declared) add('drift-member', 'medium', member.email, `a ${member.role} in the workspace, not in the config`);
    else if (roleRank(member.role) > roleRank(declared.role))
      add('drift-role', 'high', member.email, `is ${member.role} in the workspace; the config says ${declared.role}`);
  }
  for (const integration of actual.integrations)
    if (!want.integrations.has(integration.id))
      add('drift-integration', 'low', `integration:${integration.id}`, 'connected in the workspace, not in the config');
  for (const pipe of actual.pipes)
    if (!want.pipes.has(pipe.id)) add('drift-pipe', 'low', `pipe:${pipe.id}`, 'in the workspace, not in the config');
  for (const grant of actual.grants) {
    const declared = want.grants.get(grant.email)?.get(grant.integration);
    if (!declared)
      add(
        'drift-grant',
        'medium',
        grant.email,
        `${grant.profile} on ${grant.integration} in the workspace, not in the config`,
      );
    else if (profileRank(grant.profile) > profileRank(declared.profile))
      add(
        'drift-grant',
        'medium',
        grant.email,
        `${grant.profile} on ${grant.integration} in the workspace; the config says ${declared.profile}`,
      );
    else if (profileRank(grant.profile) === profileRank(declared.profile)) {
      const enabled = declared.disabledTools.filter((tool) => !grant.disabledTools.includes(tool));
      if (enabled.length > 0)
        add(
          'drift-grant',
          'medium',
          grant.email,
          `${grant.profile} on ${grant.integration} in the workspace with ${enabled.join(', ')} enabled; the config disables ${enabled.length === 1 ? 'it' : 'them'}`,
        );
    }
  }
  for (const membership of actual.pipeMemberships) {
    const declared = want.pipeMemberships.get(membership.email)?.get(membership.pipe);
    if (!declared)
      add(
        'drift-pipe-member',
        'medium',
        membership.email,
        `${membership.level} in pipe ${membership.pipe} in the workspace, not in the config`,
      );
    else if (pipeLevelRank(membership.level) > pipeLevelRank(declared.level))
      add(
        'drift-pipe-member',
        'medium',
        membership.email,
        `${membership.level} in pipe ${membership.pipe} in the workspace; the config says ${declared.level}`,
      );
  }
  for (const key of actual.keys) {
    // Personal keys are self-service: members make them without the config.
    if (key.type !== 'workspace') continue;
    const declared = want.keys.get(key.name);
    if (!declared) add('drift-key', 'medium', key.name, 'workspace key in the workspace, not in the config');
    else
      for (const wider of widerScope(key, declared))
        add('drift-key', 'medium', key.name, `${wider} in the workspace; the config gives less`);
  }
  return findings;
}

/** How a workspace key's scope in the workspace goes beyond the config's, one phrase each. */
function widerScope(key: Key, declared: Key): string[] {
  if (declared.allIntegrations) return [];
  if (key.allIntegrations) return ['scoped to all integrations'];
  const allowed = new Map(declared.scope.map((entry) => [entry.integration, entry]));
  return key.scope.flatMap((entry): string[] => {
    const want = allowed.get(entry.integration);
    if (!want) return [`${entry.profile} on ${entry.integration}`];
    if (profileRank(entry.profile) > profileRank(want.profile))
      return [`${entry.profile} on ${entry.integration} (not ${want.profile})`];
    const enabled = want.disabledTools.filter((tool) => !entry.disabledTools.includes(tool));
    return enabled.length > 0 ? [`${entry.integration} with ${enabled.join(', ')} enabled`] : [];
  });
}
