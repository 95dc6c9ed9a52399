// One test per finding of the access review: each builds the state that calls for it (and a
// near miss that must not), so a finding that went missing or fired too eagerly fails here.
import { describe, expect, it } from 'vitest';
import type { ReviewInput } from '../../src/app/review/input.js';
import { makeReview } from '../../src/app/review/review.js';
import { emptyState, type Grant, type Key, type Member, type WorkspaceState } from '../../src/model/state.js';
import type { Usage } from '../../src/model/usage.js';

const AS_OF = '2026-11-22';
const OWNER: Member = { email: 'ana@acme.com', role: 'owner' };
const STRIPE = { id: 'stripe', tools: { find: 'read', refund: 'write', delete_customer: 'delete' } } as const;

function state(parts: Partial<WorkspaceState> = {}): WorkspaceState {
  return {
    ...emptyState('acme', 'business'),
    members: [OWNER],
    integrations: [{ ...STRIPE, tools: { ...STRIPE.tools } }],
    ...parts,
  };
}

const grant = (email: string, profile: Grant['profile'], extra: Partial<Grant> = {}): Grant => ({
  email,
  integration: 'stripe',
  profile,
  disabledTools: [],
  ...extra,
});

const workspaceKey = (name: string, extra: Partial<Key> = {}): Key => ({
  name,
  type: 'workspace',
  scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
  users: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const longAgo = '2025-01-01T00:00:00.000Z';
const usage = (parts: Partial<Usage> = {}): Usage => ({ members: [], keys: [], grants: [], ...parts });

/** The review of `actual` against a config that declares the same (unless `desired` is given). */
function review(actual: WorkspaceState, extra: Partial<ReviewInput> = {}) {
  return makeReview({ actual, desired: actual, teams: new Map(), usage: usage(), asOf: AS_OF, ...extra });
}

/** "code subject" of every finding with that code. */
function found(actual: WorkspaceState, code: string, extra: Partial<ReviewInput> = {}): string[] {
  return review(actual, extra)
    .findings.filter((f) => f.code === code)
    .map((f) => `${f.severity} ${f.subject}`);
}

describe('review findings', () => {
  it('privileged-count: how many owners and admins, by name', () => {
    const actual = state({
      members: [OWNER, { email: 'bo@acme.com', role: 'admin' }, { email: 'cy@acme.com', role: 'member' }],
    });
    const finding = review(actual).findings.find((f) => f.code === 'privileged-count')!;
    expect(finding.message).toContain('1 owner and 1 admin');
    expect(finding.message).toContain('bo@acme.com');
    expect(finding.message).not.toContain('cy@acme.com');
  });

  it('starter-admin-limit: more than 10 owners and admins on starter', () => {
    const admins = Array.from({ length: 10 }, (_, i): Member => ({ email: `a${i}@acme.com`, role: 'admin' }));
    const eleven = state({ members: [OWNER, ...admins], workspace: { name: 'acme', plan: 'starter' } });
    expect(found(eleven, 'starter-admin-limit')).toEqual(['high workspace']);
    expect(found({ ...eleven, members: eleven.members.slice(0, 10) }, 'starter-admin-limit')).toEqual([]);
    expect(found({ ...eleven, workspace: { name: 'acme', plan: 'business' } }, 'starter-admin-limit')).toEqual([]);
  });

  it('delete-power: a member whose grant allows a delete tool, not one whose delete tool is disabled', () => {
    const members: Member[] = [
      OWNER,
      { email: 'fin@acme.com', role: 'member' },
      { email: 'sam@acme.com', role: 'member' },
    ];
    const actual = state({
      members,
      grants: [grant('fin@acme.com', 'full'), grant('sam@acme.com', 'full', { disabledTools: ['delete_customer'] })],
    });
    expect(found(actual, 'delete-power')).toEqual(['medium fin@acme.com']);
    expect(review(actual).findings.find((f) => f.code === 'delete-power')?.message).toContain('delete_customer');
  });

  it('key-scope-all: a workspace key for all integrations', () => {
    const actual = state({ keys: [workspaceKey('gateway', { allIntegrations: true }), workspaceKey('narrow')] });
    expect(found(actual, 'key-scope-all')).toEqual(['high gateway']);
  });

  it('key-scope-broad: a workspace key on more than 5 integrations', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const scope = ids.map((integration) => ({ integration, profile: 'read-only' as const, disabledTools: [] }));
    const actual = state({
      integrations: ids.map((id) => ({ id, tools: {} })),
      keys: [workspaceKey('wide', { scope }), workspaceKey('five', { scope: scope.slice(0, 5) })],
    });
    expect(found(actual, 'key-scope-broad')).toEqual(['medium wide']);
  });

  it('key-rotation-overdue: a secret older than the rotate_every the config gives', () => {
    const actual = state({
      keys: [
        workspaceKey('old', { rotatedAt: '2026-08-01T00:00:00.000Z' }),
        workspaceKey('fresh', { rotatedAt: '2026-11-01T00:00:00.000Z' }),
      ],
    });
    const desired = state({ keys: actual.keys.map((k) => ({ ...k, rotateEveryDays: 90 })) });
    expect(found(actual, 'key-rotation-overdue', { desired })).toEqual(['high old']);
    expect(found(actual, 'key-rotation-overdue')).toEqual([]); // no rotate_every in the config
  });

  it('key-unused: a key not used for 90 days, or never since it was made 90 days ago', () => {
    const actual = state({
      keys: [
        workspaceKey('idle'),
        workspaceKey('never'),
        workspaceKey('busy'),
        workspaceKey('new', { createdAt: '2026-11-01T00:00:00.000Z' }),
      ],
    });
    const used = usage({
      keys: [
        { name: 'idle', lastUsedAt: '2026-08-01T00:00:00.000Z' },
        { name: 'busy', lastUsedAt: '2026-11-20T00:00:00.000Z' },
      ],
    });
    expect(found(actual, 'key-unused', { usage: used })).toEqual(['medium idle', 'medium never']);
  });

  it('grant-unused: a grant of a member here 90 days with no tool call on it in 90 days', () => {
    const members: Member[] = [
      OWNER,
      { email: 'fin@acme.com', role: 'member' },
      { email: 'sam@acme.com', role: 'member' },
      { email: 'new@acme.com', role: 'member' },
    ];
    const actual = state({
      members,
      grants: [
        grant('fin@acme.com', 'read-only'),
        grant('sam@acme.com', 'read-only'),
        grant('new@acme.com', 'read-only'),
      ],
    });
    const used = usage({
      members: [
        { email: 'fin@acme.com', joinedAt: longAgo },
        { email: 'sam@acme.com', joinedAt: longAgo },
        { email: 'new@acme.com', joinedAt: '2026-11-01T00:00:00.000Z' },
      ],
      grants: [{ email: 'sam@acme.com', integration: 'stripe', lastUsedAt: '2026-11-01T00:00:00.000Z' }],
    });
    expect(found(actual, 'grant-unused', { usage: used })).toEqual(['low fin@acme.com']);
  });

  it('grant-unused: not a grant set less than 90 days ago, whenever its member joined', () => {
    const members: Member[] = [
      OWNER,
      { email: 'fin@acme.com', role: 'member' },
      { email: 'old@acme.com', role: 'member' },
    ];
    const actual = state({ members, grants: [grant('fin@acme.com', 'read-only'), grant('old@acme.com', 'read-only')] });
    const used = usage({
      members: [
        { email: 'fin@acme.com', joinedAt: longAgo },
        { email: 'old@acme.com', joinedAt: longAgo },
      ],
      grants: [
        { email: 'fin@acme.com', integration: 'stripe', grantedAt: '2026-11-21T09:00:00.000Z' },
        { email: 'old@acme.com', integration: 'stripe', grantedAt: '2026-06-01T00:00:00.000Z' },
      ],
    });
    expect(found(actual, 'grant-unused', { usage: used })).toEqual(['low old@acme.com']);
  });

  it('access-expiring: membership, grant, pipe membership or key ending within 30 days', () => {
    const members: Member[] = [
      OWNER,
      { email: 'tmp@acme.com', role: 'member' },
      { email: 'later@acme.com', role: 'member' },
    ];
    const actual = state({
      members,
      pipes: [{ id: 'hiring' }],
      grants: [
        grant('tmp@acme.com', 'read-only', { expires: '2026-12-01' }),
        grant('later@acme.com', 'read-only', { expires: '2027-06-01' }),
      ],
      pipeMemberships: [{ pipe: 'hiring', email: 'tmp@acme.com', level: 'member', expires: '2026-12-22' }],
      keys: [workspaceKey('temp-bot', { expires: '2026-11-30' })],
    });
    const desired = {
      ...actual,
      members: members.map((m) => (m.email === 'later@acme.com' ? { ...m, expires: '2026-11-25' } : m)),
    };
    expect(found(actual, 'access-expiring', { desired })).toEqual([
      'low later@acme.com',
      'low temp-bot',
      'low tmp@acme.com',
      'low tmp@acme.com',
    ]);
  });

  it('access-ended: membership, grant, pipe membership or key past its last day, and no longer in the matrix', () => {
    const members: Member[] = [
      OWNER,
      { email: 'gone@acme.com', role: 'member', expires: '2026-11-01' },
      { email: 'stays@acme.com', role: 'member' },
    ];
    const actual = state({
      members,
      pipes: [{ id: 'hiring' }],
      grants: [grant('gone@acme.com', 'read-only'), grant('stays@acme.com', 'full', { expires: '2026-11-21' })],
      pipeMemberships: [
        { pipe: 'hiring', email: 'stays@acme.com', level: 'member', expires: '2026-10-31' },
        { pipe: 'hiring', email: 'gone@acme.com', level: 'member' },
      ],
      keys: [workspaceKey('old-bot', { expires: '2026-11-21' }), workspaceKey('today-bot', { expires: AS_OF })],
    });
    expect(found(actual, 'access-ended')).toEqual([
      'medium gone@acme.com',
      'medium old-bot',
      'medium stays@acme.com',
      'medium stays@acme.com',
    ]);
    const ended = review(actual).findings.find((f) => f.code === 'access-ended' && f.subject === 'old-bot')!;
    expect(ended.message).toMatch(/ended 2026-11-21 .*remove it from the config/);
    // The last day itself is still access; the day after, the workspace refuses it.
    const cells = review(actual).matrix.map((c) => `${c.subject} ${c.resource}`);
    expect(cells).toContain('today-bot integration:stripe');
    expect(cells.filter((c) => /gone@|stays@|old-bot/.test(c))).toEqual([]);
  });

  it('invite-pending: an invitation not accepted for more than 14 days', () => {
    const actual = state({
      members: [
        OWNER,
        { email: 'slow@acme.com', role: 'member', pending: true, invitedAt: '2026-10-01T00:00:00.000Z' },
        { email: 'recent@acme.com', role: 'member', pending: true, invitedAt: '2026-11-15T00:00:00.000Z' },
        { email: 'joined@acme.com', role: 'member', invitedAt: '2026-10-01T00:00:00.000Z' },
      ],
    });
    expect(found(actual, 'invite-pending')).toEqual(['medium slow@acme.com']);
  });

  it('guest and external-guest: people on shared forms only', () => {
    const actual = state({
      members: [
        OWNER,
        { email: 'intern@acme.com', role: 'guest' },
        { email: 'supplier@parts.test', role: 'external-guest' },
      ],
    });
    expect(found(actual, 'guest')).toEqual(['info intern@acme.com']);
    expect(found(actual, 'external-guest')).toEqual(['info supplier@parts.test']);
    expect(found(actual, 'external-person')).toEqual([]); // guests are reported as guests
  });

  it('external-person: a member from a domain none of the owners is from', () => {
    const actual = state({
      members: [OWNER, { email: 'consultant@agency.test', role: 'member' }, { email: 'in@acme.com', role: 'member' }],
    });
    expect(found(actual, 'external-person')).toEqual(['medium consultant@agency.test']);
  });

  it('no-team: a plain member the config puts in no team (when it has teams)', () => {
    const actual = state({
      members: [OWNER, { email: 'solo@acme.com', role: 'member' }, { email: 'team@acme.com', role: 'member' }],
    });
    const teams = new Map([['sales', ['team@acme.com']]]);
    expect(found(actual, 'no-team', { teams })).toEqual(['low solo@acme.com']);
    expect(found(actual, 'no-team')).toEqual([]); // a config without teams
  });

  it('new-member-write: a member who joined in the last 30 days and can already write', () => {
    const members: Member[] = [
      OWNER,
      { email: 'new@acme.com', role: 'member' },
      { email: 'reader@acme.com', role: 'member' },
      { email: 'old@acme.com', role: 'member' },
    ];
    const actual = state({
      members,
      grants: [
        grant('new@acme.com', 'no-delete'),
        grant('reader@acme.com', 'read-only'),
        grant('old@acme.com', 'full'),
      ],
    });
    const used = usage({
      members: [
        { email: 'new@acme.com', joinedAt: '2026-11-10T00:00:00.000Z' },
        { email: 'reader@acme.com', joinedAt: '2026-11-10T00:00:00.000Z' },
        { email: 'old@acme.com', joinedAt: longAgo },
      ],
    });
    expect(found(actual, 'new-member-write', { usage: used })).toEqual(['medium new@acme.com']);
  });

  it('new-member-write: says a pending invitee was invited, not that they joined', () => {
    const actual = state({
      members: [
        OWNER,
        { email: 'invitee@acme.com', role: 'member', pending: true, invitedAt: '2026-11-10T00:00:00.000Z' },
        { email: 'new@acme.com', role: 'member' },
      ],
      grants: [grant('invitee@acme.com', 'no-delete'), grant('new@acme.com', 'no-delete')],
    });
    const used = usage({
      members: [
        { email: 'invitee@acme.com', joinedAt: '2026-11-10T00:00:00.000Z' },
        { email: 'new@acme.com', joinedAt: '2026-11-12T00:00:00.000Z' },
      ],
    });
    const messages = review(actual, { usage: used })
      .findings.filter((f) => f.code === 'new-member-write')
      .map((f) => `${f.subject}: ${f.message}`);
    expect(messages).toEqual([
      'invitee@acme.com: invited 2026-11-10 (not accepted yet) and can write from the day they accept: stripe no-delete; start new members read-only',
      'new@acme.com: joined 2026-11-12 and can already write: stripe no-delete; start new members read-only',
    ]);
  });

  it('drift: what the workspace has that the config does not', () => {
    const desired = state({
      members: [OWNER, { email: 'fin@acme.com', role: 'member' }],
      grants: [grant('fin@acme.com', 'read-only')],
    });
    const actual = state({
      members: [OWNER, { email: 'fin@acme.com', role: 'admin' }, { email: 'hand@acme.com', role: 'member' }],
      integrations: [...desired.integrations, { id: 'byhand', tools: {} }],
      pipes: [{ id: 'side' }],
      grants: [grant('fin@acme.com', 'full'), grant('hand@acme.com', 'read-only')],
      pipeMemberships: [{ pipe: 'side', email: 'hand@acme.com', level: 'member' }],
      keys: [workspaceKey('rogue'), { ...workspaceKey('self-service'), type: 'personal', owner: 'hand@acme.com' }],
    });
    const drift = review(actual, { desired })
      .findings.filter((f) => f.code.startsWith('drift-'))
      .map((f) => `${f.code} ${f.subject}`);
    expect(drift).toEqual([
      'drift-role fin@acme.com',
      'drift-grant fin@acme.com',
      'drift-grant hand@acme.com',
      'drift-key rogue',
      'drift-member hand@acme.com',
      'drift-pipe-member hand@acme.com',
      'drift-integration integration:byhand',
      'drift-pipe pipe:side',
    ]);
    expect(review(desired).findings.filter((f) => f.code.startsWith('drift-'))).toEqual([]);
  });

  it('drift: tools the config disables enabled again, and a workspace key scoped wider than the config', () => {
    const stripeKey = (profile: Grant['profile'], disabledTools: string[]) => ({
      integration: 'stripe',
      profile,
      disabledTools,
    });
    const desired = state({
      members: [OWNER, { email: 'fin@acme.com', role: 'member' }],
      integrations: [
        { ...STRIPE, tools: { ...STRIPE.tools } },
        { id: 'github', tools: {} },
      ],
      grants: [grant('fin@acme.com', 'full', { disabledTools: ['delete_customer', 'refund'] })],
      keys: [
        workspaceKey('all-bot', { scope: [stripeKey('read-only', [])] }),
        workspaceKey('more-bot', { scope: [stripeKey('read-only', [])] }),
        workspaceKey('tools-bot', { scope: [stripeKey('full', ['delete_customer'])] }),
        workspaceKey('same-bot', { scope: [stripeKey('full', ['delete_customer'])] }),
      ],
    });
    const actual = {
      ...desired,
      grants: [grant('fin@acme.com', 'full', { disabledTools: ['refund'] })],
      keys: [
        workspaceKey('all-bot', { scope: [], allIntegrations: true }),
        workspaceKey('more-bot', {
          scope: [stripeKey('read-only', []), { ...stripeKey('full', []), integration: 'github' }],
        }),
        workspaceKey('same-bot', { scope: [stripeKey('full', ['delete_customer'])] }),
        workspaceKey('tools-bot', { scope: [stripeKey('full', [])] }),
      ],
    };
    const drift = review(actual, { desired })
      .findings.filter((f) => f.code.startsWith('drift-'))
      .map((f) => `${f.code} ${f.subject}: ${f.message}`);
    expect(drift).toEqual([
      'drift-grant fin@acme.com: full on stripe in the workspace with delete_customer enabled; the config disables it',
      'drift-key all-bot: scoped to all integrations in the workspace; the config gives less',
      'drift-key more-bot: full on github in the workspace; the config gives less',
      'drift-key tools-bot: stripe with delete_customer enabled in the workspace; the config gives less',
    ]);
  });

  it('usage-unknown: a provider without last use says what was not checked', () => {
    const without = makeReview({ actual: state(), desired: state(), teams: new Map(), asOf: AS_OF });
    expect(without.findings.map((f) => f.code)).toContain('usage-unknown');
    expect(review(state()).findings.map((f) => f.code)).not.toContain('usage-unknown');
  });

  it('lists findings most severe first', () => {
    const actual = state({
      members: [OWNER, { email: 'intern@acme.com', role: 'guest' }],
      keys: [workspaceKey('gw', { allIntegrations: true })],
    });
    const severities = review(actual).findings.map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['high', 'medium', 'low', 'info'].indexOf(a) - ['high', 'medium', 'low', 'info'].indexOf(b),
      ),
    );
    expect(severities[0]).toBe('high');
  });
});
