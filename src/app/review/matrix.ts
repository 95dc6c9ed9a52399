// The access matrix: every member and every workspace key against every integration and pipe they
// can use in the workspace as it is, with where the access comes from. Implicit access counts:
// owners and admins use every tool of every integration and are admins of every pipe, and every
// company member may view a public pipe. Sources are read from the config (teams, direct entries);
// access the config does not give says "not in config". Access past its last day is not access:
// the workspace refuses it from the day after (the access-ended finding reports it).
import type { GrantOrigin, WorkspaceState } from '../../model/state.js';
import { compareText } from '../../model/compare.js';
import { isExpired } from '../../model/dates.js';
import { configIndex } from './config-index.js';
import { isGuest, isPrivileged } from '../../model/vocabulary.js';
import type { MatrixCell } from './types.js';

export const NOT_IN_CONFIG = 'not in config';
/** Shared by every cell without disabled tools (most of 150,000 at benchmark scale): never mutated. */
const NONE: string[] = [];
const PUBLIC = ['public pipe'];
const DIRECT = ['direct'];
const NOT_FOUND = [NOT_IN_CONFIG];

export function buildMatrix(actual: WorkspaceState, desired: WorkspaceState, asOf: string): MatrixCell[] {
  const configured = configIndex(desired);
  const live = (entry: { expires?: string }) => !isExpired(entry.expires, asOf);
  const memberEnds = new Map(desired.members.map((m) => [m.email, m.expires]));
  const sourcesOf = (declared: { origins?: GrantOrigin[] } | undefined): string[] =>
    !declared ? NOT_FOUND : declared.origins?.length ? declared.origins.map((origin) => origin.via) : DIRECT;
  const grantsOf = groupBy(actual.grants.filter(live), (g) => g.email);
  const pipesOf = groupBy(actual.pipeMemberships.filter(live), (p) => p.email);
  const publicPipes = actual.pipes.filter((pipe) => pipe.visibility === 'public');
  const cells: MatrixCell[] = [];

  for (const member of actual.members) {
    if (isGuest(member.role)) continue; // shared forms only: no integrations, no pipes
    if (isExpired(member.expires ?? memberEnds.get(member.email), asOf)) continue;
    const cell = (resource: string, access: string, disabledTools: string[], sources: string[]): MatrixCell => ({
      subject: member.email,
      subjectType: 'member',
      resource,
      access,
      disabledTools,
      sources,
    });
    const declaredGrants = configured.grants.get(member.email);
    const declaredPipes = configured.pipeMemberships.get(member.email);
    if (isPrivileged(member.role)) {
      const sources = [`role ${member.role}`];
      for (const integration of actual.integrations)
        cells.push(cell(`integration:${integration.id}`, 'full', NONE, sources));
      for (const pipe of actual.pipes) cells.push(cell(`pipe:${pipe.id}`, 'admin', NONE, sources));
      continue;
    }
    for (const grant of grantsOf.get(member.email) ?? []) {
      const tools = grant.disabledTools.length ? grant.disabledTools : NONE;
      cells.push(
        cell(
          `integration:${grant.integration}`,
          grant.profile,
          tools,
          sourcesOf(declaredGrants?.get(grant.integration)),
        ),
      );
    }
    const memberships = pipesOf.get(member.email) ?? [];
    const pipeCells = memberships.map((m) =>
      cell(`pipe:${m.pipe}`, m.level, NONE, sourcesOf(declaredPipes?.get(m.pipe))),
    );
    if (publicPipes.length > 0) {
      const joined = new Set(memberships.map((m) => m.pipe));
      for (const pipe of publicPipes)
        if (!joined.has(pipe.id)) pipeCells.push(cell(`pipe:${pipe.id}`, 'read-only', NONE, PUBLIC));
      pipeCells.sort((a, b) => compareText(a.resource, b.resource));
    }
    cells.push(...pipeCells);
  }

  for (const key of actual.keys) {
    if (key.type !== 'workspace' || !live(key)) continue; // a personal key carries its owner's access, shown on their row
    const scoped = new Map(key.scope.map((entry) => [entry.integration, entry]));
    const integrations = key.allIntegrations ? actual.integrations.map((i) => i.id) : [...scoped.keys()];
    for (const integration of integrations) {
      const entry = scoped.get(integration);
      cells.push({
        subject: key.name,
        subjectType: 'key',
        resource: `integration:${integration}`,
        access: entry?.profile ?? 'full',
        disabledTools: entry?.disabledTools ?? [],
        sources: [entry ? 'key scope' : 'all integrations'],
      });
    }
  }
  return cells;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
