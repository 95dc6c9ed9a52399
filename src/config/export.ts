// Writes an actual workspace state as a roster.yaml that plans to no changes: how a team adopts
// roster for a workspace they built by hand. Pure: the caller reads the state (and the config, for
// what only a config says). What it writes validates, or it refuses with the reason.
import { Document, isMap, isSeq, visit } from 'yaml';
import { CONTROL_CHARACTERS, unicodeEscape } from '../model/control-characters.js';
import { plural } from '../model/plural.js';
import { effectiveSettings } from '../model/pipe-powers.js';
import {
  type Grant,
  normalizeEmail,
  type PipeMembership,
  type ScopeEntry,
  type WorkspaceState,
} from '../model/state.js';
import { ALL_INTEGRATIONS, type RawKey, type RawMember } from './model.js';

/**
 * What a workspace does not store and only a config says, carried over from the config the export
 * is made with, as that config writes it (a key's deliver.file already relative to the export).
 */
export interface CarriedOver {
  /** How the header names the config: "roster.yaml". */
  from: string;
  /** Used only when the workspace has no name. */
  workspaceName?: string;
  policy?: Record<string, unknown>;
  /** By email, normalised. */
  members: Map<string, Pick<RawMember, 'github' | 'expires'>>;
  /** By key name. */
  keys: Map<string, Pick<RawKey, 'rotate_every' | 'deliver'>>;
}

export interface ExportInput {
  state: WorkspaceState;
  /** The provider block to write, as the config should say it. */
  provider: Record<string, string>;
  /** The first line of the header comment: where and when it was read. */
  header: string;
  carried?: CarriedOver;
}

/** An export that would not validate: nothing is written, and the message says why. */
export class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function exportConfig({ state, provider, header, carried }: ExportInput): string {
  if (!state.members.some((member) => member.role === 'owner')) {
    throw new ExportRefused(
      'export-no-owner',
      `the workspace has no owner; nothing to export (a config needs at least one owner). ${state.members.length === 0 ? 'It has no members at all: check that the provider is the workspace you meant' : 'Make someone an owner in the workspace first'}`,
    );
  }
  const name = state.workspace.name || carried?.workspaceName;
  if (!name) {
    throw new ExportRefused(
      'export-unnamed',
      `the workspace has no name; nothing to export. Pass a config with workspace.name (-c roster.yaml), or name the workspace first`,
    );
  }
  const minOwners = carried?.policy?.min_owners;
  const owners = state.members.filter((member) => member.role === 'owner').length;
  if (typeof minOwners === 'number' && owners < minOwners) {
    throw new ExportRefused(
      'export-too-few-owners',
      `the workspace has ${plural(owners, 'owner')}, but policy.min_owners in ${carried?.from} is ${minOwners}; nothing to export. Make more owners in the workspace, or lower policy.min_owners`,
    );
  }
  const grantsBy = groupBy(state.grants, (grant) => grant.email);
  const pipesBy = groupBy(state.pipeMemberships, (membership) => membership.email);
  const config = {
    version: 1,
    workspace: { name, plan: state.workspace.plan },
    provider,
    ...(carried?.policy ? { policy: carried.policy } : {}),
    ...settingsBlock(state),
    ...(state.integrations.length
      ? {
          integrations: Object.fromEntries(
            state.integrations.map((i) => [
              i.id,
              { ...(i.name ? { name: i.name } : {}), ...(Object.keys(i.tools).length ? { tools: i.tools } : {}) },
            ]),
          ),
        }
      : {}),
    ...(state.pipes.length
      ? {
          pipes: Object.fromEntries(
            state.pipes.map((p) => [
              p.id,
              { ...(p.name ? { name: p.name } : {}), ...(p.visibility === 'public' ? { visibility: 'public' } : {}) },
            ]),
          ),
        }
      : {}),
    members: state.members.map((member) => ({
      email: member.email,
      ...(member.name ? { name: member.name } : {}),
      role: member.role,
      ...(member.expires ? { expires: member.expires } : {}),
      ...carried?.members.get(normalizeEmail(member.email)),
      ...nonEmpty(
        'integrations',
        Object.fromEntries((grantsBy.get(member.email) ?? []).map((g) => [g.integration, grantValue(g)])),
      ),
      ...nonEmpty('pipes', Object.fromEntries((pipesBy.get(member.email) ?? []).map((m) => [m.pipe, pipeValue(m)]))),
    })),
    ...(state.keys.length
      ? {
          keys: state.keys.map((key) => ({
            name: key.name,
            type: key.type,
            ...(key.owner ? { owner: key.owner } : {}),
            ...(key.allIntegrations
              ? { integrations: ALL_INTEGRATIONS }
              : nonEmpty(
                  'integrations',
                  Object.fromEntries(key.scope.map((entry) => [entry.integration, grantValue(entry)])),
                )),
            ...(key.users.length ? { users: key.users } : {}),
            ...(key.expires ? { expires: key.expires } : {}),
            ...carried?.keys.get(key.name),
          })),
        }
      : {}),
  };
  const doc = new Document(config);
  doc.commentBefore = [header, ...provenance(state, carried)].map((line) => ` ${line}`).join('\n');
  // Small maps and lists read best on one line: { email: ..., role: ... }.
  visit(doc, {
    Map(_, node) {
      if (node.items.length <= 4 && node.items.every((pair) => !isMap(pair.value) && !isSeq(pair.value)))
        node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((item) => !isMap(item) && !isSeq(item))) node.flow = true;
    },
    // A workspace's names were never validated; control characters in them are written as escapes.
    Scalar(_, node) {
      if (typeof node.value === 'string' && new RegExp(CONTROL_CHARACTERS.source).test(node.value))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  // The yaml library escapes C0 characters in double quotes, not DEL, C1 or bidirectional marks.
  // Every such character is now inside a double-quoted scalar, where \uXXXX means it; a raw
  // newline in the output is YAML's own line break.
  return doc
    .toString({ lineWidth: 120 })
    .replace(CONTROL_CHARACTERS, (char) => (char === '\n' ? char : unicodeEscape(char)));
}

/** The settings that differ from the defaults (a config without them means the defaults). */
function settingsBlock(state: WorkspaceState): { settings?: Record<string, boolean> } {
  const settings = effectiveSettings(state.settings);
  const block = {
    ...(settings.onlyAdminsManagePipeMembers ? { only_admins_manage_pipe_members: true } : {}),
    ...(settings.guestsCanCreatePipes ? {} : { guests_can_create_pipes: false }),
  };
  return Object.keys(block).length ? { settings: block } : {};
}

/** What came from where: the workspace does not store everything a config says. */
function provenance(state: WorkspaceState, carried: CarriedOver | undefined): string[] {
  const fromWorkspace = `From the workspace: ${state.workspace.name ? 'its name, ' : ''}plan, integrations, pipes, members, roles, grants, pipe levels and keys.`;
  // A member's expires is stored once a plan has set it; an older workspace's comes from the config.
  const notStored = "policy, members' github, keys' rotate_every and deliver";
  if (!carried) return [fromWorkspace, `The workspace does not store ${notStored}: add them by hand.`];
  const has = (value: object | undefined) => value !== undefined && Object.keys(value).length > 0;
  const members = state.members.filter((m) => has(carried.members.get(normalizeEmail(m.email)))).length;
  const keys = state.keys.filter((k) => has(carried.keys.get(k.name))).length;
  const parts = [
    ...(state.workspace.name ? [] : ['the workspace name']),
    ...(carried.policy ? ['policy'] : []),
    ...(members ? [`github and expires of ${plural(members, 'member')}`] : []),
    ...(keys ? [`rotate_every and deliver of ${plural(keys, 'key')}`] : []),
  ];
  return [
    fromWorkspace,
    `From ${carried.from} (the workspace does not store ${notStored}): ${parts.length ? parts.join(', ') : 'nothing, as it sets none of these'}.`,
  ];
}

function grantValue(grant: Pick<Grant, 'profile' | 'disabledTools' | 'expires'> | ScopeEntry) {
  const expires = 'expires' in grant ? grant.expires : undefined;
  if (grant.disabledTools.length === 0 && !expires) return grant.profile;
  return {
    profile: grant.profile,
    ...(grant.disabledTools.length ? { disabled_tools: grant.disabledTools } : {}),
    ...(expires ? { expires } : {}),
  };
}

function pipeValue(membership: PipeMembership) {
  return membership.expires ? { level: membership.level, expires: membership.expires } : membership.level;
}

function nonEmpty(key: string, value: Record<string, unknown>) {
  return Object.keys(value).length ? { [key]: value } : {};
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item]);
  return map;
}
