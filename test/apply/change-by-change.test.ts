// A provider without atomic batches, applied change by change: stale scopes refuse the plan, each
// change is read back and retried a bounded number of times, refusals are not retried, unknown
// outcomes are settled by reading, dependencies and role changes keep their order, concurrency and
// the request budget hold, and the journal lets a run after a crash resume without sending twice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplyError } from '../../src/apply/apply-plan.js';
import { applyChangeByChange, type ChangeByChangeOptions } from '../../src/apply/change-by-change.js';
import { Journal } from '../../src/apply/journal.js';
import type { ChangeByChangeReport } from '../../src/apply/report.js';
import { reportSummary } from '../../src/render/apply-report.js';
import type { Change } from '../../src/model/changes.js';
import type { Plan } from '../../src/plan/types.js';
import { ProviderError } from '../../src/providers/provider.js';
import { PlatformDouble, planOf } from '../helpers/change-by-change-double.js';
import { tmpDir } from '../helpers/tmp.js';

const invite = (email: string, role: 'admin' | 'member' = 'member'): Change => ({ kind: 'member.invite', email, role });
const join_ = (email: string, pipe = '10'): Change => ({ kind: 'pipe_member.set', pipe, email, level: 'member' });
const FAST: ChangeByChangeOptions = { retryDelayMs: 0, requestsPerSecond: Number.POSITIVE_INFINITY };

function setup() {
  const platform = new PlatformDouble({ 'owner@x.io': 'owner' }, { '10': {}, '20': {} });
  return platform;
}

/** Runs the apply; the report, whether it threw (ApplyError) or not. */
async function run(platform: PlatformDouble, plan: Plan, options: ChangeByChangeOptions = {}) {
  try {
    const result = await applyChangeByChange(platform, plan, {}, { ...FAST, ...options });
    return { report: result.report!, error: undefined };
  } catch (error) {
    if (!(error instanceof ApplyError)) throw error;
    return { report: error.report!, error };
  }
}

const statuses = (report: ChangeByChangeReport) => report.outcomes.map((o) => o.status);

describe('applying change by change', () => {
  it('sends each change once, reads it back, and spends no read on what the fresh plan already knows', async () => {
    const platform = setup();
    const changes = [invite('a@x.io'), invite('b@x.io'), join_('a@x.io'), join_('b@x.io', '20')];
    const { report, error } = await run(platform, planOf(changes, platform));
    expect(error).toBeUndefined();
    expect(statuses(report)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(changes.every((c) => platform.holdsNow(c) && platform.sent(c) === 1)).toBe(true);
    // 3 scopes read once, then a write and a read-back per change.
    expect(report.requests).toBe(3 + 2 * 4);
    expect(platform.calls.filter((c) => c.startsWith('holds'))).toHaveLength(4);
  });

  it('refuses the whole plan, sending nothing, when a scope it writes in moved since the plan', async () => {
    const platform = setup();
    const plan = planOf([invite('a@x.io'), join_('a@x.io'), join_('b@x.io', '20')], platform);
    platform.move('pipe:20');
    const { report, error } = await run(platform, plan);
    expect(error?.code).toBe('stale-plan');
    expect(error?.message).toContain('pipe:20 (1 of the plan');
    expect(error?.message).toContain('Nothing was applied');
    expect(report.staleScopes).toEqual(['pipe:20']);
    expect(statuses(report)).toEqual(['not-sent', 'not-sent', 'not-sent']);
    expect(platform.calls.filter((c) => c.startsWith('write'))).toEqual([]);
  });

  it('is not fooled by its own writes: an invited admin shows in every pipe, and the pipes are still not stale', async () => {
    const platform = setup();
    platform.implicitAdmins = true;
    const { report, error } = await run(platform, planOf([invite('boss@x.io', 'admin'), join_('a@x.io')], platform));
    expect(error).toBeUndefined();
    expect(statuses(report)).toEqual(['applied', 'applied']);
  });

  it('retries a change that answered success without taking effect, and says so', async () => {
    const platform = setup();
    const change = invite('a@x.io');
    platform.noEffect.set('member.invite a@x.io', 2);
    const { report, error } = await run(platform, planOf([change], platform));
    expect(error).toBeUndefined();
    expect(report.outcomes[0]).toMatchObject({ status: 'applied', attempts: 3, reason: 'in effect after 3 attempts' });
    expect(platform.sent(change)).toBe(3);
  });

  it('reports a change not applied after the bounded attempts, holds back what depends on it, and applies the rest', async () => {
    const platform = setup();
    const changes = [invite('a@x.io'), invite('b@x.io'), join_('a@x.io'), join_('b@x.io')];
    platform.noEffect.set('member.invite a@x.io', 99);
    const { report, error } = await run(platform, planOf(changes, platform));
    expect(error?.code).toBe('apply-partial');
    expect(statuses(report)).toEqual(['not-applied', 'applied', 'not-sent', 'applied']);
    expect(platform.sent(changes[0]!)).toBe(3);
    expect(platform.sent(changes[2]!)).toBe(0);
    expect(report.outcomes[0]!.reason).toBe(
      'not in effect after 3 attempts: the platform answered success, but it is not in effect',
    );
    expect(report.outcomes[2]!.reason).toBe('not sent: it depends on member.invite a@x.io, which was not applied');
    expect(error?.message).toMatch(
      /^2 of 4 changes were applied; 2 did not land, first member\.invite a@x\.io: not in effect after 3 attempts/,
    );
  });

  it('sends again a change turned away for too many requests (never carried out)', async () => {
    const platform = setup();
    const change = invite('a@x.io');
    let turnedAway = 2;
    const send = platform.applyChange.bind(platform);
    platform.applyChange = async (c) => {
      if (turnedAway-- > 0) throw new ProviderError('rate-limited', 'too many requests');
      return send(c);
    };
    const { report, error } = await run(platform, planOf([change], platform));
    expect(error).toBeUndefined();
    expect(report.outcomes[0]).toMatchObject({ status: 'applied', attempts: 3 });
  });

  it('does not retry a refusal', async () => {
    const platform = setup();
    const change = invite('a@x.io');
    platform.refuse.set('member.invite a@x.io', 'PERMISSION_DENIED: you may not invite (correlation id c-1)');
    const { report, error } = await run(platform, planOf([change], platform));
    expect(error?.code).toBe('apply-refused');
    expect(report.outcomes[0]).toMatchObject({ status: 'not-applied', attempts: 1 });
    expect(report.outcomes[0]!.reason).toBe('refused: PERMISSION_DENIED: you may not invite (correlation id c-1)');
    expect(platform.sent(change)).toBe(1);
  });

  it('settles an unknown outcome by reading: carried out is applied without a second send; not carried out is sent again', async () => {
    const platform = setup();
    const [a, b] = [invite('a@x.io'), invite('b@x.io')];
    platform.unknown.set('member.invite a@x.io', { times: 1, effect: true });
    platform.unknown.set('member.invite b@x.io', { times: 1, effect: false });
    const { report, error } = await run(platform, planOf([a, b], platform), { settleMs: 100 });
    expect(error).toBeUndefined();
    expect(statuses(report)).toEqual(['applied', 'applied']);
    expect([platform.sent(a), platform.sent(b)]).toEqual([1, 2]);
    expect(report.outcomes[1]!.reason).toBe(
      'sent 2 times: an answer was lost and the change did not show within 0.1s of it',
    );
  });

  it('stops sending when the platform cannot be read back, and says which change is unconfirmed', async () => {
    const platform = setup();
    const changes = [invite('a@x.io'), join_('b@x.io'), join_('c@x.io', '20')];
    platform.readsFailAfterWrites = 1;
    const { report, error } = await run(platform, planOf(changes, platform), { concurrency: 1 });
    expect(error?.code).toBe('apply-unconfirmed');
    expect(statuses(report)).toEqual(['unconfirmed', 'not-sent', 'not-sent']);
    expect(report.outcomes[1]!.reason).toBe(
      'not sent: member.invite a@x.io could not be read back (the platform did not answer)',
    );
    expect(platform.calls.filter((c) => c.startsWith('write'))).toHaveLength(1);
  });

  it('runs a phase concurrently within bounds, after the phase before it: invites before pipe memberships', async () => {
    const platform = setup();
    platform.latencyMs = 5;
    const people = Array.from({ length: 12 }, (_, i) => `p${i}@x.io`);
    const changes = [...people.map((p) => invite(p)), ...people.map((p) => join_(p))];
    const { error } = await run(platform, planOf(changes, platform), { concurrency: 4 });
    expect(error).toBeUndefined();
    expect(platform.maxInFlight).toBe(4);
    const writes = platform.calls.filter((c) => c.startsWith('write'));
    const lastInvite = writes.findLastIndex((c) => c.includes('member.invite'));
    const firstJoin = writes.findIndex((c) => c.includes('pipe_member.set'));
    expect(lastInvite).toBeLessThan(firstJoin);
  });

  it('changes roles one at a time, in the plan order (promotions before demotions)', async () => {
    const platform = new PlatformDouble({
      'o1@x.io': 'owner',
      'o2@x.io': 'member',
      'a@x.io': 'admin',
      'b@x.io': 'admin',
    });
    platform.latencyMs = 2;
    const changes: Change[] = [
      { kind: 'member.update', email: 'o2@x.io', role: 'owner' },
      { kind: 'member.update', email: 'a@x.io', role: 'member' },
      { kind: 'member.update', email: 'b@x.io', role: 'member' },
    ];
    const { error } = await run(platform, planOf(changes, platform), { concurrency: 8 });
    expect(error).toBeUndefined();
    expect(platform.maxRoleWritesInFlight).toBe(1);
    expect(platform.calls.filter((c) => c.startsWith('write'))).toEqual([
      'write member.update o2@x.io',
      'write member.update a@x.io',
      'write member.update b@x.io',
    ]);
  });

  it('keeps to the request budget', async () => {
    const platform = setup();
    const changes = ['a', 'b', 'c', 'd'].map((p) => invite(`${p}@x.io`));
    const started = Date.now();
    const { report } = await run(platform, planOf(changes, platform), { requestsPerSecond: 20, concurrency: 8 });
    // 1 scope + 4 writes + 4 read-backs = 9 requests, 50 ms apart.
    expect(report.requests).toBe(9);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8 * 50 - 10);
  });
});

describe('the journal', () => {
  it('lets a run stopped mid-apply resume: a change sent but not recorded is read first and never sent twice', async () => {
    const dir = tmpDir();
    const path = join(dir, 'plan.json.journal');
    const platform = setup();
    const changes = ['a', 'b', 'c', 'd'].map((p) => invite(`${p}@x.io`));
    const plan = planOf(changes, platform);
    // The process dies right after the platform carried out the third write, before it was recorded.
    platform.afterWrite = (_change, writes) => {
      if (writes === 3) throw new Error('killed');
    };
    await expect(
      applyChangeByChange(platform, plan, {}, { ...FAST, concurrency: 1, journal: new Journal(path) }),
    ).rejects.toThrow('killed');
    platform.afterWrite = () => {};

    const journal = new Journal(path);
    expect(journal.resume({ digest: 'another plan' })).toBe(false);
    expect(journal.resume({ digest: plan.digest })).toBe(true);
    // The fresh plan: what does not hold now. c@x.io's invite landed, so it is not in it; the run
    // still reads it back before anything (it is recorded started), which is the point on Pipefy,
    // where a fresh read may not show a just-sent invite yet.
    const rest = planOf([changes[2]!, changes[3]!], platform);
    const { report, error } = await run(platform, rest, { journal });
    expect(error).toBeUndefined();
    expect(statuses(report)).toEqual(['held', 'applied']);
    // c@x.io was sent by the killed run: applied by it, not "already in effect".
    expect(report.outcomes[0]).toMatchObject({
      earlier: true,
      reason: 'applied by the interrupted run: not sent again',
    });
    expect(reportSummary(report)).toBe('Applied 1 of 2 changes one by one; 3 more applied by an earlier run.');
    expect(changes.map((c) => platform.sent(c))).toEqual([1, 1, 1, 1]);
    expect(existsSync(path)).toBe(false);
  });

  it('never sends again a change an interrupted run applied, even when it was undone since', async () => {
    const dir = tmpDir();
    const path = join(dir, 'apply.journal');
    const platform = setup();
    const [a, b] = [invite('a@x.io'), invite('b@x.io')];
    platform.noEffect.set('member.invite b@x.io', 99);
    await run(platform, planOf([a, b], platform), { journal: new Journal(path) });
    expect(existsSync(path)).toBe(true); // b did not land: kept for a resume
    platform.org.delete('a@x.io'); // someone removed a by hand
    platform.noEffect.clear();

    const journal = new Journal(path);
    expect(journal.resume({ changes: [a, b] })).toBe(true);
    const { report, error } = await run(platform, planOf([a, b], platform), { journal });
    expect(error?.code).toBe('apply-partial');
    expect(statuses(report)).toEqual(['not-applied', 'applied']);
    expect(report.outcomes[0]!.reason).toContain('not sent twice');
    expect(platform.sent(a)).toBe(1);
    // Nothing is left that a resume could finish: the next plan shows a@x.io again, to review.
    expect(existsSync(path)).toBe(false);
    expect(report.journal).toBeUndefined();
  });

  it('holds back nothing of another plan: a later plain apply re-invites someone removed by hand', async () => {
    const path = join(tmpDir(), 'apply.journal');
    const platform = setup();
    const [a, b, c] = [invite('a@x.io'), invite('b@x.io'), invite('c@x.io')];
    platform.refuse.set('member.invite b@x.io', 'no');
    await run(platform, planOf([a, b], platform), { journal: new Journal(path) });
    expect(existsSync(path)).toBe(true); // b did not land
    platform.org.delete('a@x.io'); // someone removed a by hand; then the config adds c
    platform.refuse.clear();

    const journal = new Journal(path);
    expect(journal.resume({ changes: [a, b, c] })).toBe(false);
    const { report, error } = await run(platform, planOf([a, b, c], platform), { journal });
    expect(error).toBeUndefined();
    expect(statuses(report)).toEqual(['applied', 'applied', 'applied']);
    expect(report.appliedEarlier).toBe(0);
    expect(platform.sent(a)).toBe(2);
  });

  it('is kept when a change did not land, and the error names it', async () => {
    const path = join(tmpDir(), 'apply.journal');
    const platform = setup();
    platform.refuse.set('member.invite a@x.io', 'no');
    const { report, error } = await run(platform, planOf([invite('a@x.io'), invite('b@x.io')], platform), {
      journal: new Journal(path),
    });
    expect(report.journal).toBe(path);
    expect(error?.message).toContain(`The journal ${path} records what landed`);
    expect(existsSync(path)).toBe(true);
  });

  it('is not written when the plan is refused as stale', async () => {
    const path = join(tmpDir(), 'apply.journal');
    const platform = setup();
    const plan = planOf([invite('a@x.io')], platform);
    platform.move('organization');
    await run(platform, plan, { journal: new Journal(path) });
    expect(existsSync(path)).toBe(false);
  });
});
