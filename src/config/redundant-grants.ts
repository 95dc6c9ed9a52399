// A member's direct grant that one of their teams already covers: grants combine as a union, so
// it changes nothing today, and a reviewer reading it would think it does.
import { isPrivileged, profileRank } from '../model/vocabulary.js';
import { normalizeEmail, type SourceRef } from '../model/state.js';
import { resolveIntegrationGrant } from './desired.js';
import { type ConfigModel, whereKey } from './model.js';

export function checkRedundantTeamGrants(
  model: ConfigModel,
  warn: (code: string, message: string, at: SourceRef) => void,
): void {
  const teamsOf = new Map<string, string[]>();
  for (const [id, team] of model.teams) {
    for (const email of team.value.members ?? []) {
      const key = normalizeEmail(String(email));
      teamsOf.set(key, [...(teamsOf.get(key) ?? []), id]);
    }
  }
  for (const entry of model.members) {
    // Grants on owners and admins are redundant for another reason, which rules.ts reports.
    if (isPrivileged(entry.value.role) || typeof entry.value.email !== 'string') continue;
    const teams = teamsOf.get(normalizeEmail(entry.value.email)) ?? [];
    for (const [id, raw] of Object.entries(entry.value.integrations ?? {})) {
      const integration = model.integrations.get(id)?.value;
      if (!integration) continue; // unknown-integration says so
      const direct = resolveIntegrationGrant(raw, integration);
      for (const teamId of teams) {
        const team = model.teams.get(teamId)!;
        const teamRaw = team.value.integrations?.[id];
        if (teamRaw === undefined) continue;
        const given = resolveIntegrationGrant(teamRaw, integration);
        const covers =
          profileRank(given.profile) >= profileRank(direct.profile) &&
          given.disabledTools.every((tool) => direct.disabledTools.includes(tool)) &&
          (given.expires === undefined || (direct.expires !== undefined && direct.expires <= given.expires));
        if (!covers) continue;
        const at = whereKey(team, 'integrations', id);
        warn(
          'redundant-grant',
          `team ${teamId} already gives ${entry.value.email} ${given.profile} on ${id} (${at.file}:${at.line}:${at.col}); this direct grant adds nothing: remove it, or give it more than the team does`,
          whereKey(entry, 'integrations', id),
        );
        break;
      }
    }
  }
}
