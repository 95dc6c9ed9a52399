// `roster review` over Pipefy through the built CLI: after an apply, every declared pipe and each
// member's level is in the matrix, with the findings the gateway's review makes where they apply.
import { afterEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/app/review/types.js';
import type { FakePipefy } from '../../src/bench/fake-pipefy/server.js';
import { rosterAsync } from '../helpers/cli.js';
import { HIRING_YAML, openPipefy, PIPEFY_SEED, pipefyConfig } from '../helpers/pipefy.js';
import { tmpDir } from '../helpers/tmp.js';

let fake: FakePipefy;
afterEach(() => fake?.close());

describe('roster review with the pipefy provider', () => {
  it('shows every declared pipe and member level after an apply, with guest and drift findings', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const dir = tmpDir({ 'roster.yaml': pipefyConfig(HIRING_YAML) });
    const env = { PIPEFY_URL: fake.url, PIPEFY_TOKEN: 'tok' };
    const applied = await rosterAsync(['apply', '--yes', '--allow-removals'], { cwd: dir, env });
    expect(applied.code, applied.stderr).toBe(0);
    // Someone raises fin's level in Pipefy by hand after the apply.
    fake.state.pipes.get('10')!.roles.set(fake.state.findUser('fin@acme.io')!.id, 'admin');

    const run = await rosterAsync(['review', '--format', 'json', '--as-of', '2027-01-04'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    const review = JSON.parse(run.stdout) as Review;
    const cells = review.matrix
      .filter((cell) => cell.resource === 'pipe:hiring')
      .map((cell) => `${cell.subject} ${cell.access} ${cell.sources.join(',')}`)
      .sort();
    expect(cells).toEqual([
      'ana@acme.io admin role owner',
      'bot@acme.io admin role admin',
      'fin@acme.io admin direct',
      'new@acme.io member direct',
    ]);
    const findings = review.findings.map((finding) => `${finding.code} ${finding.subject}: ${finding.message}`);
    expect(findings).toEqual(
      expect.arrayContaining([
        'guest gus@acme.io: company guest: shared forms only',
        'drift-pipe-member fin@acme.io: admin in pipe hiring in the workspace; the config says read-only',
      ]),
    );
  });
});
