// The pipe decision table's edges the server cannot reach: guests hold no keys, so their "nothing
// in any pipe" is checked here, with the starter plan's levels.
import { describe, expect, it } from 'vitest';
import { creatorLevel, decidePipeAction, PIPE_ACTIONS, pipeCreationRefusal } from '../../src/model/pipe-powers.js';

describe('pipe powers', () => {
  it('give guests of either kind nothing in any pipe, even one they are listed in or a public one', () => {
    for (const role of ['guest', 'external-guest'] as const) {
      for (const action of PIPE_ACTIONS) {
        const decision = decidePipeAction('p', action, 'self', {
          today: '2026-11-22',
          person: { email: 'g@x.io', role },
          pipe: { visibility: 'public' },
          level: 'admin',
          settings: {},
        });
        expect(decision).toEqual({ allowed: false, reason: `g@x.io is a ${role}; guests use shared forms, not pipes` });
      }
    }
  });

  it('let company guests create pipes unless the settings say no, and external guests never', () => {
    expect(pipeCreationRefusal('guest', {})).toBeUndefined();
    expect(pipeCreationRefusal('guest', { guestsCanCreatePipes: false })).toMatch(/guests cannot create pipes/);
    expect(pipeCreationRefusal('external-guest', { guestsCanCreatePipes: true })).toMatch(/external guest/);
    expect(pipeCreationRefusal('member', { guestsCanCreatePipes: false })).toBeUndefined();
  });

  it('make a pipe creator its admin where levels exist, a plain member on starter', () => {
    expect(creatorLevel('business')).toBe('admin');
    expect(creatorLevel('starter')).toBe('member');
  });
});
