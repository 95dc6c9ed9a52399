// The desired state a valid config produces: teams expanded, grants combined as a union.
import { describe, expect, it } from 'vitest';
import { combineGrantPieces } from '../../src/model/grants.js';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const CONFIG = rootConfig(`integrations:
  stripe:
    tools: { find_customer: read, create_invoice: write, create_refund: write, delete_customer: delete }
  sendgrid: { default_profile: no-delete }
pipes:
  leads: {}
  hiring: {}
teams:
  finance:
    members: [Fay@x.io]
    integrations: { stripe: { profile: no-delete, disabled_tools: [create_refund] } }
    pipes: { leads: read-only }
  billing:
    members: [fay@x.io]
    integrations: { stripe: read-only }
members:
  - { email: owner@x.io, role: owner }
  - email: fay@x.io
    role: member
    integrations: { stripe: { profile: read-only }, sendgrid: {} }
    pipes: { leads: admin, hiring: { level: member, expires: 2026-01-01 } }
  - { email: old@x.io, role: member, expires: 2025-12-31 }
keys:
  - { name: old-key, type: personal, owner: old@x.io }
`);

describe('desired state', () => {
  const { result } = validateFiles({ 'roster.yaml': CONFIG });
  const desired = result.desired!;

  it('drops expired members, grants and the keys of expired owners', () => {
    expect(desired.members.map((m) => m.email)).toEqual(['fay@x.io', 'owner@x.io']);
    expect(desired.pipeMemberships.find((p) => p.pipe === 'hiring')).toBeUndefined();
    expect(desired.keys).toEqual([]);
  });

  it('combines team and direct grants: the highest profile wins, with every source shown', () => {
    const stripe = desired.grants.find((g) => g.integration === 'stripe')!;
    expect(stripe.email).toBe('fay@x.io');
    expect(stripe.profile).toBe('no-delete');
    expect(stripe.origins?.map((o) => o.via)).toEqual(['team:finance', 'team:billing', 'direct']);
    expect(stripe.origins?.[2]?.source?.line).toBe(22);
  });

  it('keeps a tool disabled only when no source allows it', () => {
    expect(desired.grants.find((g) => g.integration === 'stripe')?.disabledTools).toEqual(['create_refund']);
  });

  it("falls back to the integration's default profile", () => {
    expect(desired.grants.find((g) => g.integration === 'sendgrid')?.profile).toBe('no-delete');
  });

  it('gives a pipe member the highest level of any source', () => {
    expect(desired.pipeMemberships).toEqual([
      expect.objectContaining({ pipe: 'leads', email: 'fay@x.io', level: 'admin' }),
    ]);
  });
});

describe('combining grant pieces', () => {
  const origin = { via: 'direct' };
  const catalog = { read_a: 'read', write_b: 'write', delete_c: 'delete' } as const;

  it('re-enables a tool that another source allows', () => {
    const combined = combineGrantPieces(
      [
        { profile: 'full', disabledTools: ['delete_c', 'write_b'], origin },
        { profile: 'no-delete', disabledTools: [], origin },
      ],
      catalog,
    );
    expect(combined).toMatchObject({ profile: 'full', disabledTools: ['delete_c'] });
  });

  it('without a catalog, trusts only pieces at the top profile to re-enable a tool', () => {
    const combined = combineGrantPieces([
      { profile: 'full', disabledTools: ['x'], origin },
      { profile: 'read-only', disabledTools: [], origin },
    ]);
    expect(combined.disabledTools).toEqual(['x']);
  });

  it('lasts as long as the longest-lived source', () => {
    const pieces = [
      { profile: 'read-only' as const, disabledTools: [], expires: '2027-01-01', origin },
      { profile: 'read-only' as const, disabledTools: [], expires: '2027-06-01', origin },
    ];
    expect(combineGrantPieces(pieces).expires).toBe('2027-06-01');
    expect(
      combineGrantPieces([...pieces, { profile: 'read-only', disabledTools: [], origin }]).expires,
    ).toBeUndefined();
  });
});
