// Every shipped example is valid as it stands, with no warnings, and can be applied and reviewed.
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { rosterInProcess } from '../helpers/in-process.js';
import { tmpDir } from '../helpers/tmp.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

describe('examples', () => {
  // Every example's root config: roster.yaml, or several *.roster.yaml sharing included files
  // (examples/workflows holds GitHub workflow files, not a config).
  const roots = readdirSync(EXAMPLES).flatMap((entry) => {
    if (existsSync(join(EXAMPLES, entry, 'roster.yaml'))) return [join(entry, 'roster.yaml')];
    const dir = join(EXAMPLES, entry);
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.roster.yaml'))
      .map((file) => join(entry, file));
  });
  for (const name of roots) {
    it(`${name} is valid`, () => {
      const result = validateConfig(join(EXAMPLES, name), { today: '2026-11-22' });
      expect(result.diagnostics).toEqual([]);
      expect(result.desired?.members.length).toBeGreaterThan(0);
    });
  }

  const reviewSchema = JSON.parse(readFileSync(join(EXAMPLES, '../schemas/review.schema.json'), 'utf8'));
  const validReview = new Ajv2020({ strict: true }).compile(reviewSchema);
  for (const name of readdirSync(EXAMPLES).filter((entry) => existsSync(join(EXAMPLES, entry, 'roster.yaml')))) {
    it(`${name} applies, and roster review and roster audit read it in every format`, async () => {
      const dir = tmpDir();
      cpSync(join(EXAMPLES, name), dir, { recursive: true });
      const applied = await rosterInProcess(['apply', '--yes'], { cwd: dir });
      expect(applied.code, applied.stderr).toBe(0);
      const json = await rosterInProcess(['review', '--format', 'json'], { cwd: dir });
      expect(json.code, json.stderr).toBe(0);
      const review = JSON.parse(json.stdout);
      expect(validReview(review), JSON.stringify(validReview.errors)).toBe(true);
      expect(review.matrix.length).toBeGreaterThan(0);
      for (const format of ['markdown', 'html', 'csv']) {
        const run = await rosterInProcess(['review', '--format', format], { cwd: dir });
        expect([run.code, run.stderr]).toEqual([0, '']);
      }
      const audit = await rosterInProcess(['audit'], { cwd: dir });
      expect(audit.code, audit.stderr).toBe(0);
      expect(audit.stdout).toContain('member.invite');
    });
  }

  it('agent-gateway-team is the worked setup of the team guide', () => {
    const { desired } = validateConfig(join(EXAMPLES, 'agent-gateway-team', 'roster.yaml'));
    const roles = Object.fromEntries(desired!.members.map((m) => [m.name, m.role]));
    expect(roles).toMatchObject({ 'The Owner': 'owner', 'Head of Operations': 'admin', 'Sales Rep': 'member' });
    const grantsOf = (email: string) =>
      Object.fromEntries(desired!.grants.filter((g) => g.email === email).map((g) => [g.integration, g.profile]));
    expect(grantsOf('sales@pipeworks.test')).toEqual({ salesforce: 'full', sendgrid: 'no-delete' });
    expect(grantsOf('marketing@pipeworks.test')).toEqual({
      'google-analytics': 'read-only',
      'google-ads': 'read-only',
    });
    expect(grantsOf('finance@pipeworks.test')).toEqual({ stripe: 'no-delete' });
    const bot = desired!.keys.find((k) => k.name === 'support-bot')!;
    expect(bot.type).toBe('workspace');
    expect(bot.scope.map((s) => [s.integration, s.profile])).toEqual([
      ['email', 'no-delete'],
      ['salesforce', 'read-only'],
    ]);
    expect(desired!.keys.find((k) => k.name === 'ops-gateway')).toMatchObject({ scope: [], allIntegrations: true });
  });

  it('multi-platform keeps its people in one file for the gateway and Pipefy', () => {
    const gateway = validateConfig(join(EXAMPLES, 'multi-platform', 'gateway.roster.yaml')).desired!;
    const pipefy = validateConfig(join(EXAMPLES, 'multi-platform', 'pipefy.roster.yaml')).desired!;
    const roles = (state: typeof gateway) => state.members.map((m) => [m.email, m.role]);
    expect(roles(pipefy)).toEqual(roles(gateway));
    expect(roles(gateway)).toHaveLength(7);
    expect(gateway.grants.length).toBeGreaterThan(0);
    expect([gateway.pipeMemberships, pipefy.grants]).toEqual([[], []]);
    expect(pipefy.pipeMemberships.find((p) => p.email === 'rita@initech.test' && p.pipe === 'hiring')?.level).toBe(
      'read-only',
    );
  });

  it('split-by-team merges the team files into one model', () => {
    const { desired } = validateConfig(join(EXAMPLES, 'split-by-team', 'roster.yaml'));
    expect(desired!.members.map((m) => m.email).sort()).toEqual([
      'fay@globex.test',
      'hank@globex.test',
      'raj@globex.test',
      'sue@globex.test',
    ]);
    expect(desired!.pipeMemberships.find((p) => p.email === 'raj@globex.test' && p.pipe === 'leads')?.level).toBe(
      'admin',
    );
  });
});
