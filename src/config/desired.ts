// Turns the declared config into the desired WorkspaceState: teams expanded into member grants,
// grants from several sources combined as a union, expired entries dropped. Pure.

import { dirname, resolve } from 'node:path';
import { isExpired, parseDurationDays } from '../model/dates.js';
import { compareText } from '../model/compare.js';
import { PairMap } from '../model/pair-map.js';
import { combineGrantPieces, combinePipePieces, type GrantPiece, type PipePiece } from '../model/grants.js';
import {
  type Grant,
  type GrantOrigin,
  type Key,
  type KeyDelivery,
  normalizeEmail,
  type PipeMembership,
  type ScopeEntry,
  type WorkspaceState,
} from '../model/state.js';
import type { Profile, ToolKind } from '../model/vocabulary.js';
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
  const grantPieces = new PairMap<Pieces<SharedGrantPiece>>();
  // Keyed pipe first: pipe memberships are listed by pipe, then member.
  const pipePieces = new PairMap<Pieces<SharedPipePiece>>();
  const addGrants = (
    emails: readonly string[],
    grants: Record<string, RawIntegrationGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    if (!grants) return;
    // Indexed loops and no entry pairs: this code runs once per config, mostly before the
    // optimizing compiler steps in, where each iteration step and pair is an object.
    const integrations = Object.keys(grants);
    const given: SharedGrantPiece[] = [];
    for (let i = 0; i < integrations.length; i++) {
      const integration = integrations[i] as string;
      const declared = model.integrations.get(integration);
      const grant = resolveIntegrationGrant(grants[integration] as RawIntegrationGrant, declared?.value);
      if (!declared || isExpired(grant.expires, today)) continue;
      given.push(grantPiece(integration, grant, { via, source: whereKey(entry, 'integrations', integration) }));
    }
    if (given.length === 0) return;
    // Keyed member first: each member's map is looked up once for all of the team's grants.
    for (let e = 0; e < emails.length; e++) {
      const pieces = grantPieces.group(emails[e] as string);
      for (let g = 0; g < given.length; g++) {
        const piece = given[g] as SharedGrantPiece;
        addPiece(pieces, piece.integration, piece);
      }
    }
  };
  const addPipes = (
    emails: readonly string[],
    pipes: Record<string, RawPipeGrant> | undefined,
    via: string,
    entry: Declared<unknown>,
  ) => {
    if (!pipes) return;
    const ids = Object.keys(pipes);
    for (let i = 0; i < ids.length; i++) {
      const pipe = ids[i] as string;
      const grant = resolvePipeGrant(pipes[pipe] as RawPipeGrant);
      if (!model.pipes.has(pipe) || isExpired(grant.expires, today)) continue;
      const piece = pipePiece(grant, { via, source: whereKey(entry, 'pipes', pipe) });
      const pieces = pipePieces.group(pipe);
      for (let e = 0; e < emails.length; e++) addPiece(pieces, emails[e] as string, piece);
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
  const grants: Grant[] = [];
  forEachSorted(grantPieces, (email, integration, pieces) =>
    grants.push(desiredGrant(email, integration, pieces, model.integrations.get(integration)?.value.tools)),
  );
  const pipeMemberships: PipeMembership[] = [];
  forEachSorted(pipePieces, (pipe, email, pieces) => pipeMemberships.push(desiredPipeMembership(pipe, email, pieces)));

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
 * The pieces of access for one pair (member and integration, pipe and member), in the order they
 * were added. Most pairs have one piece, kept as it is: an array for each of 100,000 pairs was a
 * large share of what building the desired model allocated.
 */
type Pieces<P> = P | P[];

function addPiece<P extends object>(pieces: Map<string, Pieces<P>>, key: string, piece: P): void {
  const existing = pieces.get(key);
  if (existing === undefined) pieces.set(key, piece);
  else if (Array.isArray(existing)) existing.push(piece);
  else pieces.set(key, [existing, piece]);
}

/**
 * Visits each pair sorted by the pair: sorting the 10,000 members and each one's few
 * integrations (or the 2,000 pipes and each one's members) compares far fewer strings than sorting
 * 100,000 grants whole, which was a fifth of building the desired model.
 */
function forEachSorted<V>(pairs: PairMap<V>, visit: (first: string, second: string, value: V) => void): void {
  const firsts = sortedText([...pairs.firstKeys()]);
  for (let i = 0; i < firsts.length; i++) {
    const first = firsts[i] as string;
    const inner = pairs.group(first);
    const seconds = sortedText([...inner.keys()]);
    for (let j = 0; j < seconds.length; j++) {
      const second = seconds[j] as string;
      visit(first, second, inner.get(second)!);
    }
  }
}

/**
 * A piece with the lists that a grant made of it alone holds, made once and frozen: a team's
 * 50 members share them instead of 100,000 grants copying them (the desired state is only read).
 */
interface Shared {
  origin: GrantOrigin;
  origins: readonly GrantOrigin[];
}
type SharedGrantPiece = GrantPiece & Shared & { integration: string };
type SharedPipePiece = PipePiece & Shared;

function grantPiece(
  integration: string,
  grant: ReturnType<typeof resolveIntegrationGrant>,
  origin: GrantOrigin,
): SharedGrantPiece {
  const { profile, expires } = grant;
  const disabledTools = Object.freeze(grant.disabledTools);
  const origins = Object.freeze([origin]);
  return expires
    ? { integration, profile, disabledTools, expires, origin, origins }
    : { integration, profile, disabledTools, origin, origins };
}

function pipePiece(grant: ReturnType<typeof resolvePipeGrant>, origin: GrantOrigin): SharedPipePiece {
  const { level, expires } = grant;
  const origins = Object.freeze([origin]);
  return expires ? { level, expires, origin, origins } : { level, origin, origins };
}

/**
 * The texts sorted, in place. Keys often come in order already (a member's integrations, teams
 * listed by name): checking first skips most of 10,000 small sorts.
 */
function sortedText(texts: string[]): string[] {
  for (let i = 1; i < texts.length; i++) {
    if (compareText(texts[i - 1] as string, texts[i] as string) > 0) return texts.sort(compareText);
  }
  return texts;
}

/** The grant that a member's pieces on one integration combine into (one piece: that piece). */
function desiredGrant(
  email: string,
  integration: string,
  pieces: Pieces<SharedGrantPiece>,
  catalog: Readonly<Record<string, ToolKind>> | undefined,
): Grant {
  if (Array.isArray(pieces)) return { email, integration, ...combineGrantPieces(pieces, catalog) };
  const { profile, expires } = pieces;
  const disabledTools = pieces.disabledTools as string[];
  const origins = pieces.origins as GrantOrigin[];
  // Two literals rather than a spread of the optional field: this runs for each of 100,000 grants.
  return expires
    ? { email, integration, profile, disabledTools, expires, origins }
    : { email, integration, profile, disabledTools, origins };
}

function desiredPipeMembership(pipe: string, email: string, pieces: Pieces<SharedPipePiece>): PipeMembership {
  if (Array.isArray(pieces)) return { pipe, email, ...combinePipePieces(pieces) };
  const { level, expires } = pieces;
  const origins = pieces.origins as GrantOrigin[];
  return expires ? { pipe, email, level, expires, origins } : { pipe, email, level, origins };
}
