// Leaving out what breaks the schema must not copy the whole document: an aliased value would be
// written out once per alias.
import { describe, expect, it } from 'vitest';
import { noneSkipped, withoutInvalid } from '../../src/config/prune.js';

describe('withoutInvalid', () => {
  it('copies only the sections it edits and leaves the document as it was', () => {
    const shared = { stripe: 'full' };
    const members = [
      { email: 'o@x.io', role: 'owner', integrations: shared },
      { email: 'p@x.io', role: 'bos' },
    ];
    const teams = { sales: { members: ['o@x.io'] } };
    const data = { members, teams, policy: { min_owners: 1 } };
    const skipped = noneSkipped();
    const out = withoutInvalid(data, [['members', 1]], skipped);
    expect(out?.members).toEqual([members[0], undefined]);
    expect((out?.members as unknown[])[0]).toBe(members[0]);
    expect(out?.teams).toBe(teams);
    expect(data.members).toHaveLength(2);
    expect(data.members[1]).toEqual({ email: 'p@x.io', role: 'bos' });
    expect(skipped.members).toEqual(new Set(['p@x.io']));
  });
});
