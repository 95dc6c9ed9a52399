// Diagnostics for people (text), for tools (json) and for GitHub workflow annotations. A message
// may quote what it found (a bad name, a file name), so the text forms show control characters as
// escapes rather than sending them to a terminal or a log.
import type { Diagnostic } from '../config/diagnostic.js';
import { markdownCode, markdownText } from './markdown-text.js';
import { visible } from './visible.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

/** Warnings of one code shown one by one in text before the rest are counted (666 redundant grants read as 5 and a count). */
export const WARNINGS_SHOWN_PER_CODE = 5;

export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  options: { allWarnings?: boolean } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics }, null, 2)}\n`;
    case 'github':
      return diagnostics
        .map(
          (d) =>
            `::${d.severity} file=${escapeProperty(visible(d.file))},line=${d.line},col=${d.col},title=${escapeProperty(`roster ${d.code}`)}::${escapeData(visible(d.message))}\n`,
        )
        .join('');
    default:
      return renderText(options.allWarnings ? diagnostics : summarised(diagnostics));
  }
}

const renderText = (diagnostics: readonly (Diagnostic | string)[]) =>
  diagnostics
    .map((d) =>
      typeof d === 'string'
        ? `${d}\n`
        : visible(`${d.file}:${d.line}:${d.col}: ${d.severity} [${d.code}] ${d.message}`) + '\n',
    )
    .join('');

/**
 * Every error, and the first few warnings of each code; after them, one line counting the rest of
 * that code and saying how to see them all. Each error is a thing to fix; a hundred warnings of one
 * kind are one thing to understand.
 */
function summarised(diagnostics: readonly Diagnostic[]): (Diagnostic | string)[] {
  const seen = new Map<string, number>();
  const shown = diagnostics.filter((d) => {
    if (d.severity === 'error') return true;
    const count = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, count);
    return count <= WARNINGS_SHOWN_PER_CODE;
  });
  const counted = [...seen]
    .filter(([, count]) => count > WARNINGS_SHOWN_PER_CODE)
    .map(
      ([code, count]) =>
        `warning [${code}]: ${count - WARNINGS_SHOWN_PER_CODE} more like these (${count} in all; roster validate --all-warnings shows every one)`,
    );
  return [...shown, ...counted];
}

/** A Markdown list for a job summary: every diagnostic, where annotations stop at about ten. */
export function renderDiagnosticsMarkdown(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map(
      (d) =>
        `- ${markdownCode(`${d.file}:${d.line}:${d.col}`)} **${d.severity}** [${d.code}] ${markdownText(d.message)}\n`,
    )
    .join('');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

// Workflow command escaping, as the runner expects it.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
