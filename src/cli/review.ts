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
import { type MarkdownReviewOptions, renderReviewMarkdown } from '../render/review-markdown.js';
import { appIo, type Io } from './io.js';
import type { REVIEW_FORMATS } from './review-formats.js';

export interface ReviewOptions {
  config: string;
  format: (typeof REVIEW_FORMATS)[number];
  out?: string;
  asOf?: string;
  /** Markdown only: the longest review to write, in characters (a decimal number). */
  maxLength?: string;
  /** Markdown only: where the whole review is, as Markdown. */
  fullReviewAt?: string;
}

/** Below this, a shortened review would hold little more than the notice that it was shortened. */
const MIN_MAX_LENGTH = 2000;

const RENDER: Record<
  ReviewOptions['format'],
  (review: Review, facts: ReviewFacts, options: MarkdownReviewOptions) => string
> = {
  markdown: renderReviewMarkdown,
  html: (review, facts) => renderReviewHtml(review, facts),
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
  const markdown = markdownOptions(options);
  const { review, facts } = await reviewWorkspace(appIo(io), { config: options.config, asOf });
  const text = RENDER[options.format](review, facts, markdown);
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

function markdownOptions(options: ReviewOptions): MarkdownReviewOptions {
  const given = [options.maxLength && '--max-length', options.fullReviewAt && '--full-review-at'].filter(Boolean);
  if (given.length > 0 && options.format !== 'markdown') {
    const [verb, them] = given.length > 1 ? ['shape', 'them'] : ['shapes', 'it'];
    throw new AppError(
      'bad-arguments',
      `${given.join(' and ')} only ${verb} the markdown review: drop ${them} for --format ${options.format}`,
    );
  }
  if (options.maxLength === undefined) return options.fullReviewAt ? { fullReviewAt: options.fullReviewAt } : {};
  const maxLength = /^\d{1,9}$/.test(options.maxLength) ? Number(options.maxLength) : NaN;
  if (!(maxLength >= MIN_MAX_LENGTH)) {
    throw new AppError(
      'bad-arguments',
      `--max-length must be a number of characters from ${MIN_MAX_LENGTH} up, such as 60000, not ${JSON.stringify(options.maxLength)}`,
    );
  }
  return { maxLength, ...(options.fullReviewAt ? { fullReviewAt: options.fullReviewAt } : {}) };
}
