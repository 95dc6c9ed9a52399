// The review's matrix for spreadsheets: one row per cell, RFC 4180 (CRLF, fields with a comma, a
// quote or a line break quoted, quotes doubled). Names come from the config or the workspace, so a
// field a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) is prefixed
// with an apostrophe and shows as the text it is.
import type { Review } from '../app/review/types.js';

const HEADER = ['subject', 'subject_type', 'resource', 'access', 'disabled_tools', 'sources'];

export function renderReviewCsv(review: Review): string {
  const rows = review.matrix.map((cell) => [
    cell.subject,
    cell.subjectType,
    cell.resource,
    cell.access,
    cell.disabledTools.join(' '),
    cell.sources.join('; '),
  ]);
  return [HEADER, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
