// A member's direct grant that one of their teams already covers: grants combine as a union, so
// it changes nothing today, and a reviewer reading it would think it does.
import { isPrivileged, profileRank } from '../model/vocabulary.js';
import { normalizeEmail, type SourceRef } from '../model/state.js';
import { resolveIntegrationGrant } from './desired.js';
import { type ConfigModel, type RawIntegrationGrant, whereKey } from './model.js';

export function checkRedundantTeamGrants(
  model: ConfigModel,
  warn: (code: string, message: string, at: SourceRef) => void,
): void {
  const teamsOf = new Map<string, string[]>();
  for (const [id, team] of model.teams) {
    const emails = team.value.members ?? [];
    for (let i = 0; i < emails.length; i++) {
      const key = normalizeEmail(String(emails[i]));
      const teams = teamsOf.get(key);
      if (teams) teams.push(id);
      else teamsOf.set(key, [id]);
    }
  }
  for (const entry of model.members) {
    // Grants on owners and admins are redundant for another reason, which rules.ts reports.
    if (isPrivileged(entry.value.role) || typeof entry.value.email !== 'string') continue;
    const grants = entry.value.integrations;
    if (!grants) continue;
    const teams = teamsOf.get(normalizeEmail(entry.value.email));
    if (!teams) continue;
    for (const id of Object.keys(grants)) {
      const raw = grants[id] as RawIntegrationGrant;
      const integration = model.integrations.get(id)?.value;
      if (!integration) continue; // unknown-integration says so
      let direct: ReturnType<typeof resolveIntegrationGrant> | undefined;
      for (const teamId of teams) {
        const team = model.teams.get(teamId)!;
        const teamRaw = team.value.integrations?.[id];
        if (teamRaw === undefined) continue;
        direct ??= resolveIntegrationGrant(raw, integration);
        const given = resolveIntegrationGrant(teamRaw, integration);
        const covers =
          profileRank(given.profile) >= profileRank(direct.profile) &&
          given.disabledTools.every((tool) => direct!.disabledTools.includes(tool)) &&
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
