// The review scenarios of `npm run bench`: `roster review` of the whole benchmark workspace (made
// by the local apply before it) as JSON and as HTML. The target is under 3 s.
import type { ScenarioResult } from './scenario.js';

export const REVIEW_TARGET_MS = 3000;

type Measure = (label: string, times: number, run: (i: number) => Promise<ScenarioResult>) => Promise<void>;
type Scenario = (args: string[], expectedExit: number, env?: Record<string, string>) => Promise<ScenarioResult>;

export async function measureReview(measure: Measure, scenario: Scenario, runs: number, config: string): Promise<void> {
  for (const format of ['json', 'html'] as const) {
    await measure(`local: review --format ${format}`, runs, () =>
      scenario(['review', '-c', config, '--format', format, '--out', `review.${format}`], 0),
    );
  }
}
