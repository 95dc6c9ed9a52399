// A fast-check generator of valid roster configs over one small universe of people, integrations,
// pipes, teams and keys, so that two generated configs describe two states of the same workspace:
// people come and go, roles and last days change, grants and disabled tools change, keys change
// type, owner, scope (workspace keys also to `integrations: all`) and users. Every config it makes must validate; the property tests assert that.
import fc from 'fast-check';
import type { PipeLevel, Profile, Role } from '../../src/model/vocabulary.js';

export const PEOPLE = ['ana', 'ben', 'cy', 'dee', 'eve', 'fay'].map((name) => `${name}@acme.com`);
const PROFILES: Profile[] = ['read-only', 'no-delete', 'full'];
const LEVELS: PipeLevel[] = ['read-only', 'restricted-view', 'member', 'admin'];
const ROLES: Role[] = ['owner', 'admin', 'member', 'member', 'guest', 'external-guest'];

/** Two catalogs per integration, so a later config may add, drop or reclassify a tool. */
const CATALOGS: Record<string, Record<string, string>[]> = {
  stripe: [
    { find_customer: 'read', create_refund: 'write', delete_customer: 'delete' },
    { find_customer: 'read', create_refund: 'write', create_invoice: 'write', delete_customer: 'delete' },
  ],
  crm: [
    { search: 'read', update: 'write' },
    { search: 'read', update: 'write', purge: 'delete' },
  ],
  mail: [{ send: 'write', read_inbox: 'read' }],
};
const PIPES = ['hiring', 'purchases'];
const TEAMS = ['sales', 'ops'];
const KEYS = ['k-alpha', 'k-beta', 'k-gamma'];
/** End dates far enough ahead that no test day reaches them; index 0 is none. */
const ENDS = [undefined, undefined, '2098-06-30', '2099-12-31'];

export interface GeneratedConfig {
  /** The config as a plain object, ready for YAML. */
  config: Record<string, unknown>;
  /** The emails it declares, for callers that must keep someone in it. */
  emails: string[];
}

interface Choices {
  plan: 'business' | 'enterprise';
  people: { email: string; role: Role; named: boolean; end: number }[];
  integrations: { id: string; catalog: number; named: boolean }[];
  pipes: { id: string; named: boolean; visibility?: 'private' | 'public' }[];
  /** Each setting left out, or set either way. */
  settings: { onlyAdmins?: boolean; guestsCreate?: boolean };
  grantPicks: { person: number; integration: number; profile: Profile; disable: number; end: number }[];
  pipePicks: { person: number; pipe: number; level: PipeLevel; end: number }[];
  teams: { id: string; members: number[]; integration: number; profile: Profile; pipe: number; level: PipeLevel }[];
  keys: {
    name: string;
    workspace: boolean;
    owner: number;
    scope: { integration: number; profile: Profile; disable: number }[];
    users: number[];
    end: number;
  }[];
}

const index = fc.nat({ max: 1000 });

const choices: fc.Arbitrary<Choices> = fc.record({
  plan: fc.constantFrom('business' as const, 'enterprise' as const),
  people: fc.uniqueArray(
    fc.record({
      email: fc.constantFrom(...PEOPLE),
      role: fc.constantFrom(...ROLES),
      named: fc.boolean(),
      end: index,
    }),
    { minLength: 1, maxLength: PEOPLE.length, selector: (person) => person.email },
  ),
  integrations: fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...Object.keys(CATALOGS)), catalog: index, named: fc.boolean() }),
    { maxLength: 3, selector: (integration) => integration.id },
  ),
  pipes: fc.uniqueArray(
    fc.record(
      { id: fc.constantFrom(...PIPES), named: fc.boolean(), visibility: fc.constantFrom('private', 'public') },
      { requiredKeys: ['id', 'named'] },
    ),
    { maxLength: 2, selector: (pipe) => pipe.id },
  ),
  settings: fc.record({ onlyAdmins: fc.boolean(), guestsCreate: fc.boolean() }, { requiredKeys: [] }),
  grantPicks: fc.array(
    fc.record({ person: index, integration: index, profile: fc.constantFrom(...PROFILES), disable: index, end: index }),
    { maxLength: 6 },
  ),
  pipePicks: fc.array(fc.record({ person: index, pipe: index, level: fc.constantFrom(...LEVELS), end: index }), {
    maxLength: 5,
  }),
  teams: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...TEAMS),
      members: fc.array(index, { maxLength: 3 }),
      integration: index,
      profile: fc.constantFrom(...PROFILES),
      pipe: index,
      level: fc.constantFrom(...LEVELS),
    }),
    { maxLength: 2, selector: (team) => team.id },
  ),
  keys: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...KEYS),
      workspace: fc.boolean(),
      owner: index,
      scope: fc.array(fc.record({ integration: index, profile: fc.constantFrom(...PROFILES), disable: index }), {
        maxLength: 2,
      }),
      users: fc.array(index, { maxLength: 2 }),
      end: index,
    }),
    { maxLength: 3, selector: (key) => key.name },
  ),
});

/** Valid configs; `mustInclude` people are always members, `mustBeOwner` always an owner. */
export function arbitraryConfig(options: { mustBeOwner?: string } = {}): fc.Arbitrary<GeneratedConfig> {
  return choices.map((c) => build(c, options.mustBeOwner));
}

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length ? items[at % items.length] : undefined;
}

/** Turns raw choices into a config the rules accept (owners present, guests without access, ...). */
function build(c: Choices, mustBeOwner: string | undefined): GeneratedConfig {
  const people = [...c.people];
  if (mustBeOwner) {
    const others = people.filter((person) => person.email !== mustBeOwner);
    people.splice(0, people.length, { email: mustBeOwner, role: 'owner', named: true, end: 0 }, ...others);
  } else if (!people.some((person) => person.role === 'owner')) {
    people[0] = { ...people[0]!, role: 'owner' };
  }
  const isGuest = (role: Role) => role === 'guest' || role === 'external-guest';
  const plainMembers = people.filter((person) => person.role === 'member');
  const nonGuests = people.filter((person) => !isGuest(person.role));
  const catalogOf = (id: string) => {
    const chosen = c.integrations.find((integration) => integration.id === id)!;
    const catalogs = CATALOGS[id]!;
    return catalogs[chosen.catalog % catalogs.length]!;
  };
  const integrationIds = c.integrations.map((integration) => integration.id);
  const disabledTools = (id: string, at: number): string[] => {
    const tools = Object.keys(catalogOf(id));
    return at % 3 === 0 ? [tools[at % tools.length]!] : [];
  };
  const grantValue = (id: string, profile: Profile, disable: number, end = 0) => {
    const disabled = disabledTools(id, disable);
    const expires = pick(ENDS, end);
    if (!disabled.length && !expires) return profile;
    return { profile, ...(disabled.length ? { disabled_tools: disabled } : {}), ...(expires ? { expires } : {}) };
  };

  // Direct grants go to plain members only (admins and owners need none, guests may have none).
  const grants = new Map<string, Record<string, unknown>>();
  const directProfiles = new Map<string, Map<string, Profile>>();
  for (const g of c.grantPicks) {
    const person = pick(plainMembers, g.person);
    const integration = pick(integrationIds, g.integration);
    if (!person || !integration) continue;
    grants.set(person.email, {
      ...grants.get(person.email),
      [integration]: grantValue(integration, g.profile, g.disable, g.end),
    });
    directProfiles.set(person.email, new Map([...(directProfiles.get(person.email) ?? []), [integration, g.profile]]));
  }
  const pipeGrants = new Map<string, Record<string, unknown>>();
  for (const p of c.pipePicks) {
    const person = pick(plainMembers, p.person);
    const pipe = pick(c.pipes, p.pipe);
    if (!person || !pipe) continue;
    const expires = pick(ENDS, p.end);
    pipeGrants.set(person.email, {
      ...pipeGrants.get(person.email),
      [pipe.id]: expires ? { level: p.level, expires } : p.level,
    });
  }

  const teams: Record<string, unknown> = {};
  for (const team of c.teams) {
    const members = [...new Set(team.members.map((at) => pick(nonGuests, at)?.email).filter((e) => e !== undefined))];
    const integration = pick(integrationIds, team.integration);
    const pipe = pick(c.pipes, team.pipe);
    teams[team.id] = {
      members,
      ...(integration ? { integrations: { [integration]: team.profile } } : {}),
      ...(pipe ? { pipes: { [pipe.id]: team.level } } : {}),
    };
  }

  const keys: Record<string, unknown>[] = [];
  for (const key of c.keys) {
    const deliver = { file: `secrets/${key.name}.key` };
    const expires = pick(ENDS, key.end);
    const ends = expires ? { expires } : {};
    if (key.workspace) {
      const scope = scopeOf(key.scope.map((s) => ({ ...s, id: pick(integrationIds, s.integration) })));
      const users = [...new Set(key.users.map((at) => pick(people, at)!.email))];
      keys.push({
        name: key.name,
        type: 'workspace',
        // A workspace key that picked no integration reaches them all.
        integrations: Object.keys(scope).length ? scope : 'all',
        ...(users.length ? { users } : {}),
        ...ends,
        deliver,
      });
      continue;
    }
    const owner = pick(nonGuests, key.owner)!;
    // A personal key of a plain member may narrow to read-only on what the member holds directly.
    const held = [...(directProfiles.get(owner.email)?.keys() ?? [])];
    const scope =
      owner.role === 'member'
        ? scopeOf(key.scope.map((s) => ({ ...s, profile: 'read-only' as Profile, id: pick(held, s.integration) })))
        : scopeOf(key.scope.map((s) => ({ ...s, id: pick(integrationIds, s.integration) })));
    keys.push({
      name: key.name,
      type: 'personal',
      owner: owner.email,
      ...(Object.keys(scope).length ? { integrations: scope } : {}),
      ...ends,
      deliver,
    });
  }

  function scopeOf(entries: { id: string | undefined; profile: Profile; disable: number }[]) {
    const scope: Record<string, unknown> = {};
    for (const entry of entries) if (entry.id) scope[entry.id] = grantValue(entry.id, entry.profile, entry.disable);
    return scope;
  }

  const config: Record<string, unknown> = {
    version: 1,
    workspace: { name: 'acme', plan: c.plan },
    provider: { type: 'local', path: 'state.db' },
    ...(c.integrations.length
      ? {
          integrations: Object.fromEntries(
            c.integrations.map((integration) => [
              integration.id,
              {
                ...(integration.named ? { name: integration.id.toUpperCase() } : {}),
                tools: catalogOf(integration.id),
              },
            ]),
          ),
        }
      : {}),
    ...(Object.keys(c.settings).length
      ? {
          settings: {
            ...(c.settings.onlyAdmins !== undefined ? { only_admins_manage_pipe_members: c.settings.onlyAdmins } : {}),
            ...(c.settings.guestsCreate !== undefined ? { guests_can_create_pipes: c.settings.guestsCreate } : {}),
          },
        }
      : {}),
    ...(c.pipes.length
      ? {
          pipes: Object.fromEntries(
            c.pipes.map((pipe) => [
              pipe.id,
              {
                ...(pipe.named ? { name: `Pipe ${pipe.id}` } : {}),
                ...(pipe.visibility ? { visibility: pipe.visibility } : {}),
              },
            ]),
          ),
        }
      : {}),
    ...(Object.keys(teams).length ? { teams } : {}),
    members: people.map((person) => ({
      email: person.email,
      ...(person.named ? { name: person.email.split('@')[0] } : {}),
      role: person.role,
      ...(pick(ENDS, person.end) ? { expires: pick(ENDS, person.end) } : {}),
      ...(grants.has(person.email) ? { integrations: grants.get(person.email) } : {}),
      ...(pipeGrants.has(person.email) ? { pipes: pipeGrants.get(person.email) } : {}),
    })),
    ...(keys.length ? { keys } : {}),
  };
  return { config, emails: people.map((person) => person.email) };
}
