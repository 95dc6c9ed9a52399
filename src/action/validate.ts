// `command: validate`, and the diagnostics of `plan`: each diagnostic as an annotation on its
// file:line:col; since GitHub shows only about ten annotations per step, the whole list also goes
// to the log and the job summary.
import { relative, resolve } from 'node:path';
import { AppError } from '../app/errors.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { validateConfig } from '../config/validate.js';
import {
  renderDiagnostics,
  renderDiagnosticsMarkdown,
  summarizeDiagnostics,
} from '../render/diagnostics.js';
import { visible } from '../render/visible.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionReporter } from './reporter.js';

/** Throws AppError `invalid-config` when the config has errors. */
export async function validateCommand(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
): Promise<void> {
  const result = validateConfig(inputs.config, { cwd: ctx.workspace });
  await reportDiagnostics(reporter, ctx, result.diagnostics);
  const verdict = `${inputs.config} is ${result.ok ? 'valid' : 'invalid'}: ${summarizeDiagnostics(result.diagnostics)}`;
  if (!result.ok) throw new AppError('invalid-config', verdict);
  reporter.info(verdict);
}

export async function reportDiagnostics(
  reporter: ActionReporter,
  ctx: GithubContext,
  diagnostics: readonly Diagnostic[],
): Promise<void> {
  if (diagnostics.length === 0) return;
  for (const d of diagnostics) {
    reporter.annotate(d.severity, `[${d.code}] ${visible(d.message)}`, {
      file: relative(ctx.workspace, resolve(ctx.workspace, d.file)),
      startLine: d.line,
      startColumn: d.col,
    });
  }
  reporter.info(renderDiagnostics(diagnostics, 'text').trimEnd());
  await reporter.summary(
    `### roster: ${summarizeDiagnostics(diagnostics)}\n\n${renderDiagnosticsMarkdown(diagnostics)}\n`,
  );
}
