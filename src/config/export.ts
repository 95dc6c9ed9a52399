// Writes an actual workspace state as a roster.yaml that plans to no changes: how a team adopts
// roster for a workspace they built by hand. Pure: the caller reads the state.
import { Document, isMap, isSeq, visit } from 'yaml';
import { CONTROL_CHARACTERS, unicodeEscape } from '../model/control-characters.js';
import type { Grant, PipeMembership, ScopeEntry, WorkspaceState } from '../model/state.js';

export interface ExportInput {
  state: WorkspaceState;
  /** The provider block to write, as the config should say it. */
  provider: Record<string, string>;
  header: string;
}

export function exportConfig({ state, provider, header }: ExportInput): string {
  const grantsBy = groupBy(state.grants, (grant) => grant.email);
  const pipesBy = groupBy(state.pipeMemberships, (membership) => membership.email);
  const config = {
    version: 1,
    workspace: { name: state.workspace.name || 'unnamed-workspace', plan: state.workspace.plan },
    provider,
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
      ? { pipes: Object.fromEntries(state.pipes.map((p) => [p.id, p.name ? { name: p.name } : {}])) }
      : {}),
    members: state.members.map((member) => ({
      email: member.email,
      ...(member.name ? { name: member.name } : {}),
      role: member.role,
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
            ...nonEmpty(
              'integrations',
              Object.fromEntries(key.scope.map((entry) => [entry.integration, grantValue(entry)])),
            ),
            ...(key.users.length ? { users: key.users } : {}),
            ...(key.expires ? { expires: key.expires } : {}),
          })),
        }
      : {}),
  };
  const doc = new Document(config);
  doc.commentBefore = ` ${header}`;
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
