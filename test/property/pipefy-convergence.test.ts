// The convergence property over the Pipefy provider and the change-by-change apply: against the
// fake Pipefy, apply any config Pipefy supports, then any other, and the next plan is empty each
// time. The token's account stays, and a pipe it cannot see is left alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type FakePipefy, startFakePipefy } from '../../src/bench/fake-pipefy/server.js';
import type { FakeSeed } from '../../src/bench/fake-pipefy/state.js';
import type { PipeLevel, Role } from '../../src/model/vocabulary.js';
import { runs, SEED as SEED_VALUE } from '../helpers/depth.js';
import { rosterInProcess } from '../helpers/in-process.js';
import { tmpDir } from '../helpers/tmp.js';

/** The token's account: an owner in every config, so no apply ever removes or demotes it. */
const BOT = 'bot@acme.io';
const PEOPLE = ['ana', 'ben', 'cy', 'dee', 'eve'].map((name) => `${name}@acme.io`);
const ROLES: Role[] = ['owner', 'admin', 'member', 'member', 'guest', 'external-guest'];
const LEVELS: PipeLevel[] = ['read-only', 'restricted-view', 'member', 'admin'];
/** Pipes on the fake that the bot belongs to, by config id. */
const PIPES = { hiring: '10', purchases: '11', onboarding: '12' } as const;
type PipeId = keyof typeof PIPES;

/** What the organization holds before the first apply: some of the people, at other roles. Nobody
 * but the bot holds an explicit level in a visible pipe: see the known defect below. */
const SEED: FakeSeed = {
  organizations: [
    {
      id: '300',
      members: [
        { email: BOT, role: 'super_admin' },
        { email: 'ana@acme.io', role: 'admin' },
        { email: 'ben@acme.io', role: 'normal' },
        { email: 'dee@acme.io', role: 'company_guest' },
      ],
    },
  ],
  pipes: [
    {
      id: '10',
      organization: '300',
      name: 'Hiring',
      members: [{ email: BOT, role: 'admin' }],
    },
    { id: '11', organization: '300', name: 'Purchases', members: [{ email: BOT, role: 'admin' }] },
    { id: '12', organization: '300', name: 'Onboarding', members: [{ email: BOT, role: 'admin' }] },
    // Invisible to the bot: whatever roster applies, ben stays in it.
    { id: '13', organization: '300', name: 'Secret', members: [{ email: 'ben@acme.io', role: 'member' }] },
  ],
  tokens: { 'bot-token': BOT },
};

interface PipefyConfig {
  people: { email: string; role: Role }[];
  pipes: PipeId[];
  /** email -> pipe -> level, for plain members only (guests may hold none, admins hold all). */
  memberships: { person: number; pipe: number; level: PipeLevel }[];
}

const pipefyConfig: fc.Arbitrary<PipefyConfig> = fc.record({
  people: fc.uniqueArray(fc.record({ email: fc.constantFrom(...PEOPLE), role: fc.constantFrom(...ROLES) }), {
    maxLength: PEOPLE.length,
    selector: (person) => person.email,
  }),
  pipes: fc.uniqueArray(fc.constantFrom(...(Object.keys(PIPES) as PipeId[])), { minLength: 1, maxLength: 3 }),
  memberships: fc.array(
    fc.record({ person: fc.nat({ max: 100 }), pipe: fc.nat({ max: 100 }), level: fc.constantFrom(...LEVELS) }),
    { maxLength: 6 },
  ),
});

/** The config as YAML-ready object; the bot is always its first owner. */
function configOf(c: PipefyConfig): Record<string, unknown> {
  const plain = c.people.filter((person) => person.role === 'member');
  const grants = new Map<string, Record<string, PipeLevel>>();
  for (const m of c.memberships) {
    const person = plain[m.person % Math.max(plain.length, 1)];
    const pipe = c.pipes[m.pipe % c.pipes.length]!;
    if (person) grants.set(person.email, { ...grants.get(person.email), [pipe]: m.level });
  }
  return {
    version: 1,
    workspace: { name: 'acme', plan: 'business' },
    provider: { type: 'pipefy', organization_id: '300' },
    pipes: Object.fromEntries(c.pipes.map((id) => [id, { name: id, pipefy_id: PIPES[id] }])),
    members: [
      { email: BOT, role: 'owner' },
      ...c.people.map((person) => ({
        ...person,
        ...(grants.has(person.email) ? { pipes: grants.get(person.email) } : {}),
      })),
    ],
  };
}

async function expectExit(dir: string, env: Record<string, string>, args: string[], code: number, step: string) {
  const result = await rosterInProcess(args, { cwd: dir, env });
  if (result.code !== code) {
    throw new Error(
      `${step}: roster ${args.join(' ')} exited ${result.code}, expected ${code}\n${result.stdout}\n${result.stderr}`,
    );
  }
}

async function applyConfig(dir: string, env: Record<string, string>, config: PipefyConfig, step: string) {
  writeFileSync(join(dir, 'roster.yaml'), stringify(configOf(config)));
  await expectExit(dir, env, ['apply', '--yes', '--allow-removals', '--allow-mass-changes'], 0, `${step} apply`);
  await expectExit(dir, env, ['plan', '--detailed-exitcode'], 0, `${step} plan after apply`);
}

/** Applies A then B on a fresh fake seeded with `seed`; each apply leaves nothing to plan. */
async function appliesInOneGo(seed: FakeSeed, a: PipefyConfig, b: PipefyConfig): Promise<FakePipefy['state']> {
  const fake: FakePipefy = await startFakePipefy(seed);
  try {
    const dir = tmpDir();
    const env = { PIPEFY_URL: fake.url, PIPEFY_TOKEN: 'bot-token' };
    await applyConfig(dir, env, a, 'config A');
    await applyConfig(dir, env, b, 'config B');
    return fake.state;
  } finally {
    await fake.close();
  }
}

describe('convergence on Pipefy', () => {
  it(
    'apply any config Pipefy supports, then any other, and nothing is left to plan',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(pipefyConfig, pipefyConfig, async (a, b) => {
          const state = await appliesInOneGo(SEED, a, b);
          expect(state.orgRole('300', BOT)).toBe('super_admin');
          // Leaving the organization takes ben out of its pipes; staying, he keeps the one roster cannot see.
          const benStays = [a, b].every((c) => c.people.some((person) => person.email === 'ben@acme.io'));
          expect(state.pipeRole('13', 'ben@acme.io')).toBe(benStays ? 'member' : undefined);
        }),
        { numRuns: runs(4, 25), seed: SEED_VALUE },
      );
    },
  );

  // Pipefy lists a company admin as admin of every pipe, hiding any level they were given there
  // before. Demoting them uncovers that level, which the demoting plan could not see: the plan says
  // so (hidden-pipe-levels), and the next plan settles it. The property's seed gives no one who can
  // be promoted an explicit level, to keep this two-step case out of it.
  it('a demoted company admin: the plan warns of hidden pipe levels, and the next apply settles them', async () => {
    const seed: FakeSeed = {
      organizations: [
        {
          id: '300',
          members: [
            { email: BOT, role: 'super_admin' },
            { email: 'ben@acme.io', role: 'normal' },
          ],
        },
      ],
      pipes: [
        {
          id: '10',
          organization: '300',
          members: [
            { email: BOT, role: 'admin' },
            { email: 'ben@acme.io', role: 'read_and_comment' },
          ],
        },
      ],
      tokens: { 'bot-token': BOT },
    };
    const ben = (role: Role): PipefyConfig => ({
      people: [{ email: 'ben@acme.io', role }],
      pipes: ['hiring'],
      memberships: [],
    });
    const fake: FakePipefy = await startFakePipefy(seed);
    try {
      const dir = tmpDir();
      const env = { PIPEFY_URL: fake.url, PIPEFY_TOKEN: 'bot-token' };
      await applyConfig(dir, env, ben('owner'), 'promote');
      writeFileSync(join(dir, 'roster.yaml'), stringify(configOf(ben('member'))));
      const demote = await rosterInProcess(['apply', '--yes', '--allow-removals'], { cwd: dir, env });
      expect(demote.code, demote.stderr).toBe(0);
      expect(demote.stdout + demote.stderr).toMatch(/ben@acme\.io stops being a company owner or admin.*plan again/);
      // The level the admin role hid is back, and the next apply removes it, as the config says.
      expect(fake.state.pipeRole('10', 'ben@acme.io')).toBe('read_and_comment');
      await applyConfig(dir, env, ben('member'), 'settle');
      expect(fake.state.pipeRole('10', 'ben@acme.io')).toBeUndefined();
    } finally {
      await fake.close();
    }
  });
});
