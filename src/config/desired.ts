// Turns the declared config into the desired WorkspaceState: teams expanded into member grants,
// grants from several sources combined as a union, expired entries dropped. Pure.

import { dirname, resolve } from 'node:path';
import { isExpired, parseDurationDays } from '../model/dates.js';
import { compareText } from '../model/compare.js';
import { PairMap } from '../model/pair-map.js';
import { combineGrantPieces, combinePipePieces, type GrantPiece, type PipePiece } from '../model/grants.js';
import {
  type Grant,
  type Key,
  type KeyDelivery,
  normalizeEmail,
  type PipeMembership,
  type ScopeEntry,
  type WorkspaceState,
} from '../model/state.js';
import type { Profile } from '../model/vocabulary.js';
import {
  ALL_INTEGRATIONS,
  type ConfigModel,
  type Declared,
  type RawIntegration,
  type RawIntegrationGrant,
  type RawKey,
  type RawPipeGrant,
  where,
  whereKey,
} from './model.js';

/** Least privilege when neither the grant nor the integration names a profile. */
const FALLBACK_PROFILE: Profile = 'read-only';

export function resolveIntegrationGrant(raw: RawIntegrationGrant, integration?: RawIntegration) {
  const fallback = integration?.default_profile ?? FALLBACK_PROFILE;
  if (typeof raw === 'string') return { profile: raw, disabledTools: [] as string[] };
  return {
    profile: raw.profile ?? fallback,
    disabledTools: [...(raw.disabled_tools ?? [])].sort(),
    ...(raw.expires ? { expires: raw.expires } : {}),
  };
}

export function resolvePipeGrant(raw: RawPipeGrant) {
  return typeof raw === 'string'
    ? { level: raw }
    : { level: raw.level, ...(raw.expires ? { expires: raw.expires } : {}) };
}

export function buildDesired(model: ConfigModel, today: string): WorkspaceState {
  const members = model.members
    .filter((entry) => !isExpired(entry.value.expires, today))
    .map((entry) => ({
      email: normalizeEmail(entry.value.email),
      role: entry.value.role,
      ...(entry.value.name ? { name: entry.value.name } : {}),
      ...(entry.value.github ? { github: entry.value.github } : {}),
      ...(entry.value.expires ? { expires: entry.value.expires } : {}),
      source: where(entry),
    }));
  const present = new Set(members.map((member) => member.email));

  // Pieces per (member, integration) and (pipe, member), from teams and members' own entries. A
  // team's grant is resolved and located once, then shared by its members (pieces are only read).
  const grantPieces = new PiecesByPair<GrantPiece>();
  // Keyed pipe first: pipe memberships are listed by pipe, then member.
  const pipePieces = new PiecesByPair<PipePiece>();
  const addGrants = (
    emails: readonly string[],
    grants: Record<string, RawIntegrationGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    for (const [integration, raw] of Object.entries(grants ?? {})) {
      const declared = model.integrations.get(integration);
      const grant = resolveIntegrationGrant(raw, declared?.value);
      if (!declared || isExpired(grant.expires, today)) continue;
      const piece = { ...grant, origin: { via, source: whereKey(entry, 'integrations', integration) } };
      for (const email of emails) grantPieces.add(email, integration, piece);
    }
  };
  const addPipes = (
    emails: readonly string[],
    pipes: Record<string, RawPipeGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    for (const [pipe, raw] of Object.entries(pipes ?? {})) {
      const grant = resolvePipeGrant(raw);
      if (!model.pipes.has(pipe) || isExpired(grant.expires, today)) continue;
      const piece = { ...grant, origin: { via, source: whereKey(entry, 'pipes', pipe) } };
      for (const email of emails) pipePieces.add(pipe, email, piece);
    }
  };

  for (const [teamId, team] of model.teams) {
    const emails = team.value.members.map(normalizeEmail).filter((email) => present.has(email));
    addGrants(emails, team.value.integrations, `team:${teamId}`, team);
    addPipes(emails, team.value.pipes, `team:${teamId}`, team);
  }
  for (const entry of model.members) {
    const email = normalizeEmail(entry.value.email);
    if (!present.has(email)) continue;
    addGrants([email], entry.value.integrations, 'direct', entry);
    addPipes([email], entry.value.pipes, 'direct', entry);
  }

  // Both come out in the order of the state's lists (member then integration, pipe then member).
  const grants: Grant[] = grantPieces.sorted((email, integration, pieces) => ({
    email,
    integration,
    ...combineGrantPieces(pieces, model.integrations.get(integration)?.value.tools),
  }));
  const pipeMemberships: PipeMembership[] = pipePieces.sorted((pipe, email, pieces) => ({
    pipe,
    email,
    ...combinePipePieces(pieces),
  }));

  return {
    workspace: { ...model.workspace },
    ...(Object.keys(model.settings).length > 0 ? { settings: { ...model.settings } } : {}),
    members: members.sort((a, b) => compareText(a.email, b.email)),
    integrations: [...model.integrations].map(([id, entry]) => ({
      id,
      ...(entry.value.name ? { name: entry.value.name } : {}),
      tools: { ...(entry.value.tools ?? {}) },
      source: whereKey(entry),
    })),
    pipes: [...model.pipes].map(([id, entry]) => ({
      id,
      ...(entry.value.name ? { name: entry.value.name } : {}),
      ...(entry.value.visibility ? { visibility: entry.value.visibility } : {}),
      source: whereKey(entry),
    })),
    grants,
    pipeMemberships,
    keys: model.keys
      .filter((entry) => !isExpired(entry.value.expires, today))
      .map((entry) => desiredKey(entry, model))
      // A personal key dies with its owner's membership.
      .filter((key) => key.type === 'workspace' || present.has(key.owner ?? ''))
      .sort((a, b) => compareText(a.name, b.name)),
  };
}

function desiredKey(entry: Declared<RawKey>, model: ConfigModel): Key {
  const raw = entry.value;
  const allIntegrations = raw.integrations === ALL_INTEGRATIONS;
  const scope: ScopeEntry[] = Object.entries(allIntegrations ? {} : (raw.integrations ?? {}))
    .map(([integration, grant]) => {
      const { profile, disabledTools } = resolveIntegrationGrant(grant, model.integrations.get(integration)?.value);
      return { integration, profile, disabledTools };
    })
    .sort((a, b) => compareText(a.integration, b.integration));
  const rotateEveryDays = raw.rotate_every ? parseDurationDays(raw.rotate_every) : undefined;
  return {
    name: raw.name,
    type: raw.type,
    ...(raw.owner ? { owner: normalizeEmail(raw.owner) } : {}),
    scope,
    ...(allIntegrations ? { allIntegrations: true as const } : {}),
    users: [...new Set((raw.users ?? []).map(normalizeEmail))].sort(),
    ...(raw.expires ? { expires: raw.expires } : {}),
    ...(rotateEveryDays ? { rotateEveryDays } : {}),
    ...(raw.deliver ? { deliver: delivery(raw.deliver, entry) } : {}),
    source: where(entry),
  };
}

function delivery(raw: NonNullable<RawKey['deliver']>, entry: Declared<RawKey>): KeyDelivery {
  if (raw.github_secret) return { githubSecret: { ...raw.github_secret } };
  const base = dirname(entry.file.absolutePath);
  return { file: resolve(base, raw.file as string), base };
}

/**
 * The pieces of access for each pair (member and integration, pipe and member), in the order they
 * were added. Read back sorted by the pair: sorting the 10,000 members and each one's few
 * integrations (or the 2,000 pipes and each one's members) compares far fewer strings than sorting
 * 100,000 grants whole, which was a fifth of building the desired model.
 */
class PiecesByPair<P> {
  private readonly pieces = new PairMap<P[]>();

  add(first: string, second: string, piece: P): void {
    const existing = this.pieces.get(first, second);
    if (existing) existing.push(piece);
    else this.pieces.set(first, second, [piece]);
  }

  sorted<T>(make: (first: string, second: string, pieces: readonly P[]) => T): T[] {
    const out: T[] = [];
    for (const [first, inner] of [...this.pieces.groups()].sort((a, b) => compareText(a[0], b[0]))) {
      for (const second of [...inner.keys()].sort(compareText)) out.push(make(first, second, inner.get(second)!));
    }
    return out;
  }
}
