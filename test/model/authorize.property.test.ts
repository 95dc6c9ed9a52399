// A tool that is not in an integration's catalog is never allowed, whatever the key, its owner's
// role, grant and scope. Run against the real store (in memory), where the catalog is read.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { ID_PATTERN, isGuest, PROFILES, profileRank, ROLES, TOOL_KINDS } from '../../src/model/vocabulary.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { runs, SEED } from '../helpers/depth.js';

const OBJECT_PROPERTIES = Object.getOwnPropertyNames(Object.prototype);
const id = fc.stringMatching(ID_PATTERN);
const catalog = fc.dictionary(id, fc.constantFrom(...TOOL_KINDS), { maxKeys: 6 });
const profile = fc.constantFrom(...PROFILES);
const askedTool = fc.oneof(fc.constantFrom(...OBJECT_PROPERTIES), id, fc.string());

describe('authorize', () => {
  it('never allows a tool that is not in the catalog, for any key and profile', async () => {
    await fc.assert(
      fc.asyncProperty(
        catalog,
        fc.constantFrom(...ROLES.filter((role) => !isGuest(role))), // guests hold no keys
        profile,
        fc.array(id, { maxLength: 3 }),
        fc.option(fc.record({ profile, disabledTools: fc.array(id, { maxLength: 2 }) }), { nil: undefined }),
        fc.constantFrom('personal', 'workspace', 'all-integrations'),
        askedTool,
        async (tools, role, grantProfile, disabledTools, scope, kind, tool) => {
          const workspaceKey = kind === 'workspace';
          fc.pre(!Object.hasOwn(tools, tool));
          const store = WorkspaceStore.open(':memory:');
          try {
            store.bootstrapOwner('owner@x.io');
            // A workspace key always has a scope; a personal key may have none (its owner's access).
            // A personal key's scope stays within its owner's grant.
            const entry = scope ?? { profile: grantProfile, disabledTools: [] };
            const narrowest = profileRank(entry.profile) < profileRank(grantProfile) ? entry.profile : grantProfile;
            const scopes =
              scope || workspaceKey
                ? [{ integration: 'stripe', ...entry, profile: workspaceKey ? entry.profile : narrowest }]
                : [];
            const changes: Change[] = [
              { kind: 'integration.connect', id: 'stripe', tools },
              { kind: 'member.invite', email: 'm@x.io', role },
              { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: grantProfile, disabledTools },
              kind === 'all-integrations'
                ? { kind: 'key.create', name: 'k', type: 'workspace', scope: [], allIntegrations: true, users: [] }
                : workspaceKey
                  ? { kind: 'key.create', name: 'k', type: 'workspace', scope: scopes, users: [] }
                  : { kind: 'key.create', name: 'k', type: 'personal', owner: 'm@x.io', scope: scopes, users: [] },
            ];
            const secret = store.apply(changes, { actor: { name: 'owner@x.io', role: 'owner' } }).secrets.k!;
            const key = store.authenticate(secret)!;
            expect((await store.authorize(key, 'stripe', tool)).allowed).toBe(false);
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: runs(60, 300), seed: SEED },
    );
  });

  it('checks names with the id pattern of the schemas', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/roster.schema.json', import.meta.url), 'utf8'));
    expect(schema.$defs.id.pattern).toBe(ID_PATTERN.source);
  });
});
