// Writes a large, valid workspace config for the benchmark: a root file with the catalog, owners
// and admins, and one file per team (its grants and its members), as a big company would split it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspaceSize {
  teams: number;
  membersPerTeam: number;
  pipes: number;
  integrations: number;
  toolsPerIntegration: number;
  keys: number;
}

export const FULL_SIZE: WorkspaceSize = {
  teams: 200,
  membersPerTeam: 50,
  pipes: 2000,
  integrations: 100,
  toolsPerIntegration: 10,
  keys: 100,
};

/** Applying variant `b` over `a` (or back) changes one pipe level of every team: a change per team member. */
export type Variant = 'a' | 'b';

export const BENCH_OWNER = 'owner@bench.test';
const OWNERS = 3;
const ADMINS = 20;
const TEAM_INTEGRATIONS = 3;
const TEAM_PIPES = 7;
/** Most access comes through teams; every fifth member also has a grant of their own. */
const DIRECT_GRANT_EVERY = 5;
/** In the single file, every fourth team gives at the top profile what some members also hold directly. */
const REDUNDANT_TEAM_EVERY = 4;
const PROFILES = ['read-only', 'no-delete', 'full'] as const;
const LEVELS = ['read-only', 'restricted-view', 'member', 'admin'] as const;

const integrationId = (i: number, size: WorkspaceSize) => `app${String(i % size.integrations).padStart(3, '0')}`;
const pipeId = (i: number, size: WorkspaceSize) => `pipe${String(i % size.pipes).padStart(4, '0')}`;
const teamId = (t: number) => `team${String(t).padStart(3, '0')}`;
const memberEmail = (t: number, j: number) => `m${t}-${j}@bench.test`;

export interface GeneratedCounts {
  members: number;
  teams: number;
  pipes: number;
  integrations: number;
  tools: number;
  grants: number;
  keys: number;
  files: number;
}

export function countsOf(size: WorkspaceSize): GeneratedCounts {
  const teamMembers = size.teams * size.membersPerTeam;
  return {
    members: OWNERS + ADMINS + teamMembers,
    teams: size.teams,
    pipes: size.pipes,
    integrations: size.integrations,
    tools: size.integrations * size.toolsPerIntegration,
    // Each team member: the team's integrations and pipes; some a direct integration grant too.
    grants:
      teamMembers * (TEAM_INTEGRATIONS + TEAM_PIPES) + size.teams * Math.ceil(size.membersPerTeam / DIRECT_GRANT_EVERY),
    keys: size.keys,
    files: size.teams + 2,
  };
}

/** The root file; `provider` is the YAML of its provider block. */
export function writeRoot(dir: string, file: string, provider: string, size: WorkspaceSize): void {
  writeFileSync(join(dir, file), `${rootLines(provider, size, ['include: [teams/*.yaml]']).join('\n')}\n`);
}

function rootLines(provider: string, size: WorkspaceSize, extra: string[]): string[] {
  const lines = [
    'version: 1',
    'workspace: { name: bench, plan: enterprise }',
    `provider: ${provider}`,
    ...extra,
    'policy: { min_owners: 2 }',
    'integrations:',
  ];
  for (let i = 0; i < size.integrations; i++) {
    const tools = Array.from({ length: size.toolsPerIntegration }, (_, t) => {
      const kind =
        t < size.toolsPerIntegration * 0.4 ? 'read' : t < size.toolsPerIntegration * 0.8 ? 'write' : 'delete';
      return `tool${t}: ${kind}`;
    });
    lines.push(`  ${integrationId(i, size)}: { name: App ${i}, tools: { ${tools.join(', ')} } }`);
  }
  lines.push('pipes:');
  for (let p = 0; p < size.pipes; p++) lines.push(`  ${pipeId(p, size)}: { name: Pipe ${p} }`);
  lines.push('members:');
  lines.push(`  - { email: ${BENCH_OWNER}, role: owner }`);
  for (let o = 1; o < OWNERS; o++) lines.push(`  - { email: owner${o}@bench.test, role: owner }`);
  for (let a = 0; a < ADMINS; a++) lines.push(`  - { email: admin${a}@bench.test, role: admin }`);
  lines.push('keys:');
  for (let k = 0; k < size.keys; k++) {
    lines.push(
      `  - { name: bot-${k}, type: workspace, integrations: { ${integrationId(k, size)}: read-only }, deliver: { file: keys/bot-${k}.key } }`,
    );
  }
  return lines;
}

/**
 * The same people and access in one file (about 4 MB at full size), as a company that never split
 * its config writes it: every grant written out under its member in block style, and the teams in
 * the same file on top. A team gives its members one more integration; where it gives it at the
 * top profile (every fourth team), the direct grants of that integration repeat the team's and are
 * reported as redundant, several hundred warnings. The members come before the keys (the root's
 * list) so that one `members:` block holds everyone.
 */
export function writeSingleFile(
  dir: string,
  file: string,
  provider: string,
  size: WorkspaceSize,
  variant: Variant,
): void {
  const root = rootLines(provider, size, []);
  const keysAt = root.indexOf('keys:');
  const lines = root.slice(0, keysAt);
  const membersAt = lines.indexOf('members:');
  const teams = ['teams:'];
  for (let t = 0; t < size.teams; t++) {
    const emails = Array.from({ length: size.membersPerTeam }, (_, j) => memberEmail(t, j));
    const { direct } = teamAccess(t, size, variant);
    teams.push(
      `  ${teamId(t)}:`,
      `    members: [${emails.join(', ')}]`,
      `    integrations: { ${direct}: ${t % REDUNDANT_TEAM_EVERY === 0 ? 'full' : 'read-only'} }`,
    );
  }
  lines.splice(membersAt, 0, ...teams);
  for (let t = 0; t < size.teams; t++) {
    const { integrations, pipes, direct } = teamAccess(t, size, variant);
    for (let j = 0; j < size.membersPerTeam; j++) {
      lines.push(
        `  - email: ${memberEmail(t, j)}`,
        `    name: Member ${t}-${j}`,
        '    role: member',
        '    integrations:',
      );
      for (const grant of j % DIRECT_GRANT_EVERY === 0 ? [...integrations, `${direct}: no-delete`] : integrations) {
        lines.push(`      ${grant}`);
      }
      lines.push('    pipes:', ...pipes.map((grant) => `      ${grant}`));
    }
  }
  lines.push(...root.slice(keysAt));
  writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
}

/** A team's grants as `id: level` pairs; the variant decides the level of its first pipe. */
function teamAccess(t: number, size: WorkspaceSize, variant: Variant) {
  const integrations = Array.from(
    { length: TEAM_INTEGRATIONS },
    (_, k) => `${integrationId(t * TEAM_INTEGRATIONS + k, size)}: ${PROFILES[(t + k) % PROFILES.length]}`,
  );
  const pipes = Array.from({ length: TEAM_PIPES }, (_, k) => {
    const shift = k === 0 && variant === 'b' ? 1 : 0;
    return `${pipeId(t * TEAM_PIPES + k, size)}: ${LEVELS[(t + k + shift) % LEVELS.length]}`;
  });
  // Outside the team's own integrations, so the direct grant is not merged away.
  const direct = integrationId(t * TEAM_INTEGRATIONS + TEAM_INTEGRATIONS, size);
  return { integrations, pipes, direct };
}

/** One file per team; the variant decides the level of each team's first pipe. */
export function writeTeams(dir: string, size: WorkspaceSize, variant: Variant): void {
  mkdirSync(join(dir, 'teams'), { recursive: true });
  for (let t = 0; t < size.teams; t++) {
    const emails = Array.from({ length: size.membersPerTeam }, (_, j) => memberEmail(t, j));
    const { integrations, pipes, direct: directIntegration } = teamAccess(t, size, variant);
    const lines = [
      'teams:',
      `  ${teamId(t)}:`,
      `    members: [${emails.join(', ')}]`,
      `    integrations: { ${integrations.join(', ')} }`,
      `    pipes: { ${pipes.join(', ')} }`,
      'members:',
      ...emails.map((email, j) => {
        const direct = j % DIRECT_GRANT_EVERY === 0 ? `, integrations: { ${directIntegration}: no-delete }` : '';
        return `  - { email: ${email}, name: Member ${t}-${j}, role: member${direct} }`;
      }),
    ];
    writeFileSync(join(dir, 'teams', `${teamId(t)}.yaml`), `${lines.join('\n')}\n`);
  }
}
