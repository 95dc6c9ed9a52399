// The access matrix: every member and every workspace key against every integration and pipe they
// can use in the workspace as it is, with where the access comes from. Implicit access counts:
// owners and admins use every tool of every integration and are admins of every pipe, and every
// company member may view a public pipe. Sources are read from the config (teams, direct entries);
// access the config does not give says "not in config".
import type { GrantOrigin, WorkspaceState } from '../../model/state.js';
import { compareText } from '../../model/compare.js';
import { isGuest, isPrivileged } from '../../model/vocabulary.js';
import type { MatrixCell } from './types.js';

export const NOT_IN_CONFIG = 'not in config';

export function buildMatrix(actual: WorkspaceState, desired: WorkspaceState): MatrixCell[] {
  const configured = {
    grants: new Map(desired.grants.map((g) => [`${g.email}\0${g.integration}`, g.origins])),
    pipes: new Map(desired.pipeMemberships.map((p) => [`${p.email}\0${p.pipe}`, p.origins])),
  };
  const sourcesOf = (origins: GrantOrigin[] | undefined, found: boolean): string[] =>
    !found ? [NOT_IN_CONFIG] : origins?.length ? origins.map((origin) => origin.via) : ['direct'];
  const grantsOf = groupBy(actual.grants, (g) => g.email);
  const pipesOf = groupBy(actual.pipeMemberships, (p) => p.email);
  const publicPipes = actual.pipes.filter((pipe) => pipe.visibility === 'public');
  const cells: MatrixCell[] = [];

  for (const member of actual.members) {
    if (isGuest(member.role)) continue; // shared forms only: no integrations, no pipes
    const subject = { subject: member.email, subjectType: 'member' as const };
    if (isPrivileged(member.role)) {
      const sources = [`role ${member.role}`];
      for (const integration of actual.integrations)
        cells.push({
          ...subject,
          resource: `integration:${integration.id}`,
          access: 'full',
          disabledTools: [],
          sources,
        });
      for (const pipe of actual.pipes)
        cells.push({ ...subject, resource: `pipe:${pipe.id}`, access: 'admin', disabledTools: [], sources });
      continue;
    }
    for (const grant of grantsOf.get(member.email) ?? []) {
      const key = `${grant.email}\0${grant.integration}`;
      cells.push({
        ...subject,
        resource: `integration:${grant.integration}`,
        access: grant.profile,
        disabledTools: grant.disabledTools,
        sources: sourcesOf(configured.grants.get(key), configured.grants.has(key)),
      });
    }
    const memberships = pipesOf.get(member.email) ?? [];
    const joined = new Set(memberships.map((m) => m.pipe));
    const pipeCells: MatrixCell[] = memberships.map((membership) => {
      const key = `${membership.email}\0${membership.pipe}`;
      return {
        ...subject,
        resource: `pipe:${membership.pipe}`,
        access: membership.level,
        disabledTools: [],
        sources: sourcesOf(configured.pipes.get(key), configured.pipes.has(key)),
      };
    });
    for (const pipe of publicPipes) {
      if (!joined.has(pipe.id))
        pipeCells.push({
          ...subject,
          resource: `pipe:${pipe.id}`,
          access: 'read-only',
          disabledTools: [],
          sources: ['public pipe'],
        });
    }
    cells.push(...pipeCells.sort((a, b) => compareText(a.resource, b.resource)));
  }

  for (const key of actual.keys) {
    if (key.type !== 'workspace') continue; // a personal key carries its owner's access, shown on their row
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
