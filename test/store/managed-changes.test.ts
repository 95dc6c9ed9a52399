// The store's side of replacement, adoption and disconnection, on a real SQLite file and on a
// real PostgreSQL database.
import { describe, expect } from 'vitest';
import type { Actor, Change } from '../../src/model/changes.js';
import { StoreError } from '../../src/store/errors.js';
import type { WorkspaceStore } from '../../src/store/store.js';
import { type Backend, BACKENDS, itOn, openAt, useBackend } from '../helpers/backends.js';

const OWNER = { name: 'owner@x.io', role: 'owner' as const };
const ADMIN = { name: 'admin@x.io', role: 'admin' as const };
const READ = (integration: string) => ({ integration, profile: 'read-only' as const, disabledTools: [] });

async function seeded(backend: Backend) {
  const store = openAt(await backend.location());
  const { secrets } = store.apply(
    [
      { kind: 'integration.connect', id: 'stripe', tools: { find: 'read' } },
      { kind: 'integration.connect', id: 'crm', tools: { lookup: 'read' } },
      { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
      { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      { kind: 'grant.set', email: 'm@x.io', integration: 'crm', profile: 'full', disabledTools: [] },
      { kind: 'key.create', name: 'both', type: 'workspace', scope: [READ('stripe'), READ('crm')], users: [] },
      { kind: 'key.create', name: 'crm-only', type: 'workspace', scope: [READ('crm')], users: [] },
    ],
    { actor: OWNER },
  );
  return { store, secrets };
}

function refusal(store: WorkspaceStore, changes: Change[], actor: Actor = OWNER, managed = false) {
  try {
    store.apply(changes, { actor, managed });
  } catch (error) {
    return (error as StoreError).changeErrors.map((d) => `${d.code}: ${d.message}`);
  }
  throw new Error('the batch was applied');
}

describe.each(BACKENDS)('managed changes ($label)', (backend) => {
  useBackend(backend);
  const it = itOn(backend);

  describe('key.replace', () => {
    it('revokes the old key and creates a new one under the name, with a new id and secret', async () => {
      const { store, secrets } = await seeded(backend);
      const before = store.authenticate(secrets.both!)!;
      const result = store.apply(
        [{ kind: 'key.replace', name: 'both', type: 'personal', owner: 'm@x.io', scope: [], users: [] }],
        { actor: OWNER, managed: true },
      );
      expect(store.authenticate(secrets.both!)).toBeUndefined();
      const after = store.authenticate(result.secrets.both!)!;
      expect(after).toMatchObject({ name: 'both', type: 'personal', owner: { email: 'm@x.io' } });
      expect(after.id).not.toBe(before.id);
      expect(store.snapshot().state.keys.find((k) => k.name === 'both')?.managed).toBe(true);
      store.close();
    });

    it('refuses to replace a key that does not exist, and keeps the old key when the new one is refused', async () => {
      const { store, secrets } = await seeded(backend);
      expect(
        refusal(store, [{ kind: 'key.replace', name: 'nope', type: 'workspace', scope: [READ('crm')], users: [] }]),
      ).toEqual(['not-found: key nope does not exist']);
      expect(
        refusal(store, [
          { kind: 'key.replace', name: 'both', type: 'personal', owner: 'ghost@x.io', scope: [], users: [] },
        ]),
      ).toEqual(['not-found: member ghost@x.io does not exist']);
      expect(store.authenticate(secrets.both!)?.name).toBe('both');
      store.close();
    });
  });

  describe('integration.disconnect', () => {
    it('is for owners only, and refuses to leave a key with no scope', async () => {
      const { store } = await seeded(backend);
      expect(refusal(store, [{ kind: 'integration.disconnect', id: 'stripe' }], ADMIN)).toEqual([
        'forbidden: only an owner may disconnect an integration',
      ]);
      expect(refusal(store, [{ kind: 'integration.disconnect', id: 'crm' }])).toEqual([
        'key-left-without-scope: workspace key crm-only is scoped only to crm; revoke it or give it another integration before disconnecting crm',
      ]);
      store.close();
    });

    it('takes the grants with it and narrows the keys scoped to it', async () => {
      const { store } = await seeded(backend);
      store.apply(
        [
          { kind: 'key.revoke', name: 'crm-only' },
          { kind: 'integration.disconnect', id: 'crm' },
        ],
        { actor: OWNER },
      );
      const state = store.snapshot().state;
      expect(state.integrations.map((i) => i.id)).toEqual(['stripe']);
      expect(state.grants).toEqual([]);
      expect(state.keys.map((k) => [k.name, k.scope.map((s) => s.integration)])).toEqual([['both', ['stripe']]]);
      store.close();
    });
  });

  describe('adoption', () => {
    it('marks rows managed; a set in a managed batch does too, one in an unmanaged batch does not', async () => {
      const { store } = await seeded(backend);
      store.apply(
        [
          { kind: 'grant.set', email: 'm@x.io', integration: 'crm', profile: 'read-only', disabledTools: [] },
          { kind: 'member.update', email: 'm@x.io', name: 'M' },
        ],
        { actor: OWNER },
      );
      expect(store.snapshot().state.grants[0]!.managed).toBe(false);
      store.apply([{ kind: 'grant.set', email: 'm@x.io', integration: 'crm', profile: 'full', disabledTools: [] }], {
        actor: OWNER,
        managed: true,
      });
      const adoptions: Change[] = [
        { kind: 'member.adopt', email: 'm@x.io' },
        { kind: 'integration.adopt', id: 'crm' },
        { kind: 'key.adopt', name: 'both' },
      ];
      // Adoption is roster's word: a batch that does not claim to be roster's cannot adopt.
      expect(refusal(store, adoptions)).toEqual(
        ['member.adopt', 'integration.adopt', 'key.adopt'].map(
          (kind) => `invalid: ${kind} belongs in a managed batch (managed: true)`,
        ),
      );
      expect(store.snapshot().state.members.find((m) => m.email === 'm@x.io')?.managed).toBe(false);
      store.apply(adoptions, { actor: OWNER, managed: true });
      const state = store.snapshot().state;
      expect(state.grants[0]!.managed).toBe(true);
      expect(state.members.find((m) => m.email === 'm@x.io')?.managed).toBe(true);
      expect(state.integrations.map((i) => [i.id, i.managed])).toEqual([
        ['crm', true],
        ['stripe', false],
      ]);
      expect(state.keys.find((k) => k.name === 'both')?.managed).toBe(true);
      expect(refusal(store, [{ kind: 'pipe.adopt', id: 'nope' }], OWNER, true)).toEqual([
        'not-found: pipe nope does not exist',
      ]);
      store.close();
    });
  });
});
