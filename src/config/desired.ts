// Turns the declared config into the desired WorkspaceState: teams expanded into member grants,
// grants from several sources combined as a union, expired entries dropped. Pure.

import { dirname, resolve } from 'node:path';
import { isExpired, parseDurationDays } from '../model/dates.js';
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

  const grantPieces = new Map<string, GrantPiece[]>();
  const pipePieces = new Map<string, PipePiece[]>();
  const addGrants = (
    email: string,
    grants: Record<string, RawIntegrationGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    for (const [integration, raw] of Object.entries(grants ?? {})) {
      const declared = model.integrations.get(integration);
      const grant = resolveIntegrationGrant(raw, declared?.value);
      if (!declared || isExpired(grant.expires, today)) continue;
      const pieceKey = `${email}\u0000${integration}`;
      const origin = { via, source: whereKey(entry, 'integrations', integration) };
      grantPieces.set(pieceKey, [...(grantPieces.get(pieceKey) ?? []), { ...grant, origin }]);
    }
  };
  const addPipes = (
    email: string,
    pipes: Record<string, RawPipeGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    for (const [pipe, raw] of Object.entries(pipes ?? {})) {
      const grant = resolvePipeGrant(raw);
      if (!model.pipes.has(pipe) || isExpired(grant.expires, today)) continue;
      const pieceKey = `${pipe}\u0000${email}`;
      const origin = { via, source: whereKey(entry, 'pipes', pipe) };
      pipePieces.set(pieceKey, [...(pipePieces.get(pieceKey) ?? []), { ...grant, origin }]);
    }
  };

  for (const [teamId, team] of model.teams) {
    for (const rawEmail of team.value.members) {
      const email = normalizeEmail(rawEmail);
      if (!present.has(email)) continue;
      addGrants(email, team.value.integrations, `team:${teamId}`, team);
      addPipes(email, team.value.pipes, `team:${teamId}`, team);
    }
  }
  for (const entry of model.members) {
    const email = normalizeEmail(entry.value.email);
    if (!present.has(email)) continue;
    addGrants(email, entry.value.integrations, 'direct', entry);
    addPipes(email, entry.value.pipes, 'direct', entry);
  }

  const grants: Grant[] = [...grantPieces.entries()].map(([pieceKey, pieces]) => {
    const [email, integration] = pieceKey.split('\u0000') as [string, string];
    const combined = combineGrantPieces(pieces, model.integrations.get(integration)?.value.tools);
    return { email, integration, ...withoutUndefined(combined) };
  });
  const pipeMemberships: PipeMembership[] = [...pipePieces.entries()].map(([pieceKey, pieces]) => {
    const [pipe, email] = pieceKey.split('\u0000') as [string, string];
    return { pipe, email, ...withoutUndefined(combinePipePieces(pieces)) };
  });

  return {
    workspace: { ...model.workspace },
    members: members.sort((a, b) => a.email.localeCompare(b.email)),
    integrations: [...model.integrations].map(([id, entry]) => ({
      id,
      ...(entry.value.name ? { name: entry.value.name } : {}),
      tools: { ...(entry.value.tools ?? {}) },
      source: whereKey(entry),
    })),
    pipes: [...model.pipes].map(([id, entry]) => ({
      id,
      ...(entry.value.name ? { name: entry.value.name } : {}),
      source: whereKey(entry),
    })),
    grants: grants.sort((a, b) => a.email.localeCompare(b.email) || a.integration.localeCompare(b.integration)),
    pipeMemberships: pipeMemberships.sort((a, b) => a.pipe.localeCompare(b.pipe) || a.email.localeCompare(b.email)),
    keys: model.keys
      .filter((entry) => !isExpired(entry.value.expires, today))
      .map((entry) => desiredKey(entry, model))
      // A personal key dies with its owner's membership.
      .filter((key) => key.type === 'workspace' || present.has(key.owner ?? ''))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function desiredKey(entry: Declared<RawKey>, model: ConfigModel): Key {
  const raw = entry.value;
  const scope: ScopeEntry[] = Object.entries(raw.integrations ?? {})
    .map(([integration, grant]) => {
      const { profile, disabledTools } = resolveIntegrationGrant(grant, model.integrations.get(integration)?.value);
      return { integration, profile, disabledTools };
    })
    .sort((a, b) => a.integration.localeCompare(b.integration));
  const rotateEveryDays = raw.rotate_every ? parseDurationDays(raw.rotate_every) : undefined;
  return {
    name: raw.name,
    type: raw.type,
    ...(raw.owner ? { owner: normalizeEmail(raw.owner) } : {}),
    scope,
    users: [...new Set((raw.users ?? []).map(normalizeEmail))].sort(),
    ...(raw.expires ? { expires: raw.expires } : {}),
    ...(rotateEveryDays ? { rotateEveryDays } : {}),
    ...(raw.deliver ? { deliver: delivery(raw.deliver, entry) } : {}),
    source: where(entry),
  };
}

function delivery(raw: NonNullable<RawKey['deliver']>, entry: Declared<RawKey>): KeyDelivery {
  if (raw.github_secret) return { githubSecret: { ...raw.github_secret } };
  return { file: resolve(dirname(entry.file.absolutePath), raw.file as string) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
