// The whole config pipeline: load and merge files, check the rules, build the desired state.
import { todayUtc } from '../model/dates.js';
import type { WorkspaceState } from '../model/state.js';
import { buildDesired } from './desired.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostic.js';
import { loadConfig } from './load.js';
import type { ConfigModel } from './model.js';
import { checkRules } from './rules.js';

export interface ValidationResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  model?: ConfigModel;
  /** Present only when the config is valid. */
  desired?: WorkspaceState;
}

export function validateConfig(rootPath: string, options: { cwd?: string; today?: string } = {}): ValidationResult {
  const today = options.today ?? todayUtc();
  const { model, diagnostics } = loadConfig(rootPath, options.cwd);
  if (!model) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  const desired = buildDesired(model, today);
  diagnostics.push(...checkRules(model, desired, today));
  const ok = !hasErrors(diagnostics);
  return { ok, diagnostics: sortDiagnostics(diagnostics), model, ...(ok ? { desired } : {}) };
}
