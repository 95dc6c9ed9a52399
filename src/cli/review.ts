// `roster review`: the access review of the workspace as it is, against the config: the matrix and
// the findings, as markdown (the quarterly issue), html (one file to read or print), csv (one row
// per matrix cell) or json (schemas/review.schema.json).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../app/errors.js';
import { reviewWorkspace } from '../app/review-workspace.js';
import type { Review, ReviewFacts } from '../app/review/types.js';
import { isRealDate, todayUtc } from '../model/dates.js';
import { plural } from '../model/plural.js';
import { renderReviewCsv } from '../render/review-csv.js';
import { renderReviewHtml } from '../render/review-html.js';
import { renderReviewMarkdown } from '../render/review-markdown.js';
import { appIo, type Io } from './io.js';

export const REVIEW_FORMATS = ['markdown', 'html', 'csv', 'json'] as const;

export interface ReviewOptions {
  config: string;
  format: (typeof REVIEW_FORMATS)[number];
  out?: string;
  asOf?: string;
}

const RENDER: Record<ReviewOptions['format'], (review: Review, facts: ReviewFacts) => string> = {
  markdown: renderReviewMarkdown,
  html: renderReviewHtml,
  csv: renderReviewCsv,
  json: (review) => `${JSON.stringify(review, null, 2)}\n`,
};

export async function runReview(io: Io, options: ReviewOptions): Promise<number> {
  const asOf = options.asOf ?? todayUtc();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !isRealDate(asOf)) {
    throw new AppError(
      'bad-arguments',
      `--as-of must be a calendar date such as 2026-11-22, not ${JSON.stringify(asOf)}`,
    );
  }
  const { review, facts } = await reviewWorkspace(appIo(io), { config: options.config, asOf });
  const text = RENDER[options.format](review, facts);
  if (options.out) {
    writeFileSync(resolve(io.cwd, options.out), text);
    io.err(
      `wrote ${options.out}: ${plural(review.matrix.length, 'matrix cell')}, ${plural(review.findings.length, 'finding')}\n`,
    );
  } else {
    io.out(text);
  }
  return 0;
}
