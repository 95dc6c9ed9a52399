// On a platform where owners and admins are admins of every pipe (Pipefy), the plan neither sets
// nor removes their pipe levels; a level roster has no name for is warned about and left alone.
import { describe, expect, it } from 'vitest';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { leaveAlone } from '../../src/plan/left-alone.js';
import { emptyState } from '../../src/model/state.js';
import { lines, planFor } from '../helpers/plan.js';

const IMPLICIT = { ...FULL_CAPABILITIES, implicitPipeAdmins: true };
const CONFIG = `pipes:
  hiring: { name: Hiring }
members:
  - { email: o@x.io, role: owner, pipes: { hiring: member } }
  - { email: p@x.io, role: admin }
  - { email: d@x.io, role: member, pipes: { hiring: member } }
`;
const ACTUAL = {
  members: [
    { email: 'o@x.io', role: 'member' as const, managed: true },
    { email: 'p@x.io', role: 'member' as const, managed: true },
    { email: 'd@x.io', role: 'admin' as const, managed: true },
  ],
  pipes: [{ id: 'hiring', name: 'Hiring', managed: true }],
  pipeMemberships: [{ pipe: 'hiring', email: 'p@x.io', level: 'read-only' as const, managed: true }],
};

describe('pipe levels the platform decides', () => {
  it('plans no pipe change for owners and admins, and sets the level of a demoted admin', () => {
    const plan = planFor(CONFIG, ACTUAL, { capabilities: IMPLICIT });
    expect(lines(plan).filter((line) => line.startsWith('pipe_member.'))).toEqual([
      'pipe_member.set d@x.io: member in pipe hiring',
    ]);
  });

  it('keeps planning them where pipe levels are explicit (the reference server)', () => {
    const plan = planFor(CONFIG, ACTUAL);
    expect(lines(plan).filter((line) => line.startsWith('pipe_member.'))).toEqual([
      'pipe_member.set d@x.io: member in pipe hiring',
      'pipe_member.set o@x.io: member in pipe hiring',
      'pipe_member.remove p@x.io: read-only in pipe hiring',
    ]);
  });

  it('warns about an unknown level and leaves the membership out of the desired side', () => {
    const desired = {
      ...emptyState(),
      pipeMemberships: [{ pipe: 'hiring', email: 'c@x.io', level: 'member' as const }],
    };
    const result = leaveAlone(desired, emptyState(), FULL_CAPABILITIES, {
      pipeLevels: [{ pipe: 'hiring', email: 'c@x.io', level: 'creator' }],
    });
    expect(result.desired.pipeMemberships).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unknown-pipe-level', subject: 'c@x.io' })]);
  });

  it('leaves a custom-role member out with their pipes, and blocks a config that declares them', () => {
    const desired = {
      ...emptyState(),
      members: [{ email: 'd@x.io', role: 'member' as const, source: { file: 'roster.yaml', line: 9, col: 5 } }],
      pipeMemberships: [{ pipe: 'hiring', email: 'd@x.io', level: 'member' as const }],
    };
    const roles = [
      { email: 'c@x.io', role: 'auditor' },
      { email: 'd@x.io', role: 'billing' },
    ];
    const result = leaveAlone(desired, emptyState(), FULL_CAPABILITIES, { roles });
    expect(result.desired.members).toEqual([]);
    expect(result.desired.pipeMemberships).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unknown-role', subject: 'c@x.io' })]);
    expect(result.blocked).toEqual([
      expect.objectContaining({ code: 'unknown-role', message: expect.stringContaining('d@x.io (roster.yaml:9:5)') }),
    ]);
  });
});
