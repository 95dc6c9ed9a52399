// Reads the whole workspace as a WorkspaceState: the actual side of a diff, and GET /v1/state.
import type { Grant, Integration, Key, Member, PipeMembership, WorkspaceState } from '../model/state.js';
import type { BillingPlan, KeyType, PipeLevel, PipeVisibility, Profile, Role, ToolKind } from '../model/vocabulary.js';
import type { Db } from './database.js';
import { readSettings } from './settings.js';

export function readVersion(db: Db): number {
  return Number((db.prepare(`SELECT value FROM meta WHERE key = 'state_version'`).get() as { value: string }).value);
}

export function readSnapshot(db: Db): { state: WorkspaceState; version: number } {
  return db.transaction(() => ({ state: readState(db), version: readVersion(db) }))();
}

function readState(db: Db): WorkspaceState {
  const meta = Object.fromEntries(
    (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [
      row.key,
      row.value,
    ]),
  );
  const members = (
    db
      .prepare('SELECT email, name, role, status, invited_at, expires, managed FROM members ORDER BY email')
      .all() as MemberRow[]
  ).map((row): Member => ({
    email: row.email,
    ...(row.name ? { name: row.name } : {}),
    role: row.role,
    ...(row.status === 'pending' ? { pending: true } : {}),
    ...(row.invited_at ? { invitedAt: row.invited_at } : {}),
    ...(row.expires ? { expires: row.expires } : {}),
    managed: row.managed === 1,
  }));

  const tools = new Map<string, Record<string, ToolKind>>();
  for (const row of db.prepare('SELECT integration, name, kind FROM tools').all() as ToolRow[]) {
    const catalog = tools.get(row.integration) ?? {};
    catalog[row.name] = row.kind;
    tools.set(row.integration, catalog);
  }
  const integrations = (db.prepare('SELECT id, name, managed FROM integrations ORDER BY id').all() as NamedRow[]).map(
    (row): Integration => ({
      id: row.id,
      ...(row.name ? { name: row.name } : {}),
      tools: tools.get(row.id) ?? {},
      managed: row.managed === 1,
    }),
  );
  const pipes = (
    db.prepare('SELECT id, name, visibility, managed FROM pipes ORDER BY id').all() as (NamedRow & {
      visibility: PipeVisibility;
    })[]
  ).map((row) => ({
    id: row.id,
    ...(row.name ? { name: row.name } : {}),
    visibility: row.visibility,
    managed: row.managed === 1,
  }));

  const grants = (
    db
      .prepare(
        'SELECT email, integration, profile, disabled_tools, expires, managed FROM grants ORDER BY email, integration',
      )
      .all() as GrantRow[]
  ).map((row): Grant => ({
    email: row.email,
    integration: row.integration,
    profile: row.profile,
    disabledTools: JSON.parse(row.disabled_tools),
    ...(row.expires ? { expires: row.expires } : {}),
    managed: row.managed === 1,
  }));
  const pipeMemberships = (
    db
      .prepare('SELECT pipe, email, level, expires, managed FROM pipe_members ORDER BY pipe, email')
      .all() as PipeMemberRow[]
  ).map((row): PipeMembership => ({
    pipe: row.pipe,
    email: row.email,
    level: row.level,
    ...(row.expires ? { expires: row.expires } : {}),
    managed: row.managed === 1,
  }));
  const keys = (
    db
      .prepare(
        `SELECT name, type, owner, scope, all_integrations, users, expires, managed, created_at, rotated_at, pending_since
         FROM keys ORDER BY name`,
      )
      .all() as KeyRow[]
  ).map((row): Key => ({
    name: row.name,
    type: row.type,
    ...(row.owner ? { owner: row.owner } : {}),
    scope: JSON.parse(row.scope),
    ...(row.all_integrations ? { allIntegrations: true as const } : {}),
    users: JSON.parse(row.users),
    ...(row.expires ? { expires: row.expires } : {}),
    managed: row.managed === 1,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    ...(row.pending_since ? { rotationPending: row.pending_since } : {}),
  }));

  return {
    workspace: { name: meta.workspace_name ?? '', plan: (meta.workspace_plan ?? 'business') as BillingPlan },
    settings: readSettings(db),
    members,
    integrations,
    pipes,
    grants,
    pipeMemberships,
    keys,
  };
}

interface MemberRow {
  email: string;
  name: string | null;
  role: Role;
  status: string;
  invited_at: string | null;
  expires: string | null;
  managed: number;
}
interface ToolRow {
  integration: string;
  name: string;
  kind: ToolKind;
}
interface NamedRow {
  id: string;
  name: string | null;
  managed: number;
}
interface GrantRow {
  email: string;
  integration: string;
  profile: Profile;
  disabled_tools: string;
  expires: string | null;
  managed: number;
}
interface PipeMemberRow {
  pipe: string;
  email: string;
  level: PipeLevel;
  expires: string | null;
  managed: number;
}
interface KeyRow {
  name: string;
  type: KeyType;
  owner: string | null;
  scope: string;
  all_integrations: number;
  users: string;
  expires: string | null;
  managed: number;
  created_at: string;
  rotated_at: string;
  pending_since: string | null;
}
