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

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for output: by file, then position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col || compareText(a.code, b.code),
  );
}
