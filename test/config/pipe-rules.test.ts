// The pipe parts of the config language: visibility and settings reach the desired state, and
// pipe levels other than member are refused on the starter plan, at the level itself.
import { describe, expect, it } from 'vitest';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const OWNER = '  - { email: owner@x.io, role: owner }\n';

describe('pipes in the config', () => {
  it('refuse pipe levels other than member on starter, naming each one', () => {
    const body = `pipes:\n  hiring: {}\n  sales: {}\nteams:\n  ops: { members: [m@x.io], pipes: { sales: restricted-view } }\nmembers:\n${OWNER}  - email: m@x.io\n    role: member\n    pipes: { hiring: { level: read-only, expires: 2099-01-01 }, sales: member }\n`;
    const starter = validateFiles({ 'roster.yaml': rootConfig(body, 'starter') });
    expect(starter.found).toEqual([
      `error pipe-level-on-starter ${starter.pos('restricted-view')}`,
      `error pipe-level-on-starter ${starter.pos('read-only')}`,
    ]);
    expect(starter.result.diagnostics[1]!.message).toBe(
      'pipe levels exist on the business, enterprise and unlimited plans; on starter everyone in a pipe is a plain member. Make hiring "member" here, or change workspace.plan',
    );
    expect(validateFiles({ 'roster.yaml': rootConfig(body, 'business') }).found).toEqual([]);
  });

  it('carry visibility and settings into the desired state, and refuse unknown values', () => {
    const body = `settings: { only_admins_manage_pipe_members: true, guests_can_create_pipes: false }\npipes:\n  hiring: {}\n  requests: { visibility: public }\nmembers:\n${OWNER}`;
    const { result } = validateFiles({ 'roster.yaml': rootConfig(body) });
    expect(result.ok).toBe(true);
    expect(result.desired?.settings).toEqual({ onlyAdminsManagePipeMembers: true, guestsCanCreatePipes: false });
    expect(result.desired?.pipes.map((pipe) => [pipe.id, pipe.visibility])).toEqual([
      ['hiring', undefined],
      ['requests', 'public'],
    ]);
    const bad = validateFiles({
      'roster.yaml': rootConfig(`pipes:\n  hiring: { visibility: secret }\nmembers:\n${OWNER}`),
    });
    expect(bad.found).toEqual([`error bad-value ${bad.pos('secret')}`]);
  });
});
