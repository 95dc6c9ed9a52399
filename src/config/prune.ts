// What of a document that breaks the schema the rules may still check: every entry (a member, a
// key, an integration, a pipe, a team) or root section with a schema error is left out, so each
// rule sees only values of the shapes it expects. What was left out is remembered, so that a rule
// does not report it a second time as missing (a team naming a member whose role is misspelt).
import { normalizeEmail } from '../model/state.js';
import type { PathSegment } from './source-map.js';

export interface Skipped {
  /** Emails of member entries left out, normalized. */
  members: Set<string>;
  /** How many member entries were left out, with a readable email or not. */
  memberEntries: number;
  /** "integrations.stripe", "pipes.hiring", "teams.sales", "keys.bot". */
  names: Set<string>;
  /** Root sections left out whole ("workspace", "policy", "members", ...). */
  sections: Set<string>;
}

export function noneSkipped(): Skipped {
  return { members: new Set(), memberEntries: 0, names: new Set(), sections: new Set() };
}

type Section = Record<string, unknown>;
const LISTS = new Set(['members', 'keys']);
const MAPS = new Set(['integrations', 'pipes', 'teams']);

/**
 * The document without what `invalid` points into, or undefined when it is no mapping at all.
 * List entries left out become undefined, so the others keep their index (and their position).
 */
export function withoutInvalid(data: unknown, invalid: PathSegment[][], skipped: Skipped): Section | undefined {
  if (!isSection(data ?? {})) return undefined;
  if (invalid.length === 0) return (data ?? {}) as Section;
  // Only the root and the sections edited are copied: a deep copy would write out an aliased
  // string once per alias.
  const out: Section = { ...(data as Section) };
  const copied = new Set<string>();
  for (const [section, entry] of invalid) {
    if (typeof section !== 'string') continue; // a missing root field: nothing there to leave out
    if (!copied.has(section)) {
      copied.add(section);
      const original = out[section];
      if (Array.isArray(original)) out[section] = [...(original as unknown[])];
      else if (isSection(original)) out[section] = { ...original };
    }
    const value = out[section];
    if (entry !== undefined && LISTS.has(section) && Array.isArray(value)) {
      const item = value[entry as number] as Section | undefined;
      if (section === 'members' && item !== undefined) skipped.memberEntries += 1;
      const label = section === 'members' ? item?.email : item?.name;
      if (typeof label === 'string') {
        if (section === 'members') skipped.members.add(normalizeEmail(label));
        else skipped.names.add(`${section}.${label}`);
      }
      value[entry as number] = undefined;
    } else if (entry !== undefined && MAPS.has(section) && isSection(value)) {
      delete value[entry];
      skipped.names.add(`${section}.${entry}`);
    } else {
      delete out[section];
      skipped.sections.add(section);
    }
  }
  return out;
}

function isSection(value: unknown): value is Section {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
