// A diagnostic is the one error type of the config layer: a stable code, a message that says what
// to do, and the file:line:col it is about. Every stage returns these instead of throwing.
import type { SourceRef } from '../model/state.js';
import { compareText } from '../model/compare.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic extends SourceRef {
  code: string;
  severity: Severity;
  message: string;
}

export function diagnostic(severity: Severity, code: string, message: string, at: SourceRef): Diagnostic {
  return { code, severity, message, file: at.file, line: at.line, col: at.col };
}

/** The most of a value a diagnostic quotes: enough to find it, too little to leak a file's secrets. */
export const QUOTE_LIMIT = 40;

/**
 * A value from a config as a diagnostic shows it: JSON-quoted (control characters escaped) and cut
 * to QUOTE_LIMIT characters. Diagnostics reach terminals and pull request annotations, and the
 * value may be a file that was never meant to be config (a token, /etc/passwd).
 */
export function quoteValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  const chars = Array.from(value.slice(0, QUOTE_LIMIT * 2));
  return chars.length > QUOTE_LIMIT || value.length > QUOTE_LIMIT * 2
    ? `${JSON.stringify(chars.slice(0, QUOTE_LIMIT).join(''))}...`
    : JSON.stringify(value);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for output: by file, then position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col || compareText(a.code, b.code),
  );
}
