import { validateConfig } from '../config/validate.js';
import { type DiagnosticFormat, renderDiagnostics, summarizeDiagnostics } from '../render/diagnostics.js';
import type { Io } from './io.js';

export function runValidate(
  io: Io,
  options: { config: string; format: DiagnosticFormat; allWarnings?: boolean },
): number {
  const result = validateConfig(options.config, { cwd: io.cwd });
  if (options.format === 'json') {
    io.out(renderDiagnostics(result.diagnostics, 'json'));
  } else {
    io.err(renderDiagnostics(result.diagnostics, options.format, { allWarnings: options.allWarnings === true }));
    io.err(
      `${result.ok ? `${options.config} is valid` : `${options.config} is invalid`}: ${summarizeDiagnostics(result.diagnostics)}\n`,
    );
  }
  return result.ok ? 0 : 1;
}
