// The apply use case, shared by the CLI and the action: plan again, check a saved plan against the
// fresh one, apply in batches, deliver the new keys' secrets (also those of batches that landed
// before a failure). Who confirms and what is printed is the caller's, through the hooks.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  ApplyError,
  applyPlan,
  assertNotBlocked,
  type BatchProgress,
  checkResumedPlan,
  checkSavedPlan,
  type SavedPlanCheck,
} from '../apply/apply-plan.js';
import { Journal } from '../apply/journal.js';
import type { ApplyResult } from '../apply/report.js';
import type { ChangeProgress } from '../apply/progress.js';
import type { ConfigModel } from '../config/model.js';
import type { ChangeContext } from '../model/changes.js';
import type { Key } from '../model/state.js';
import type { Plan } from '../plan/types.js';
import { parsePlan } from '../render/plan-json.js';
import { reservedFiles } from '../config/deliver-target.js';
import { type DeliveryReport, deliverSecrets, type Remedy } from './deliver.js';
import { remedyFor, retirePrevious, stagedRotations } from './staged-rotations.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';
import { type PrepareOptions, preparePlan } from './prepare-plan.js';

export interface ApplyOptions extends PrepareOptions {
  /** Apply exactly this plan (refused if the workspace or the config changed since it was made). */
  saved?: SavedPlanCheck;
  /** The saved plan's file (relative to `io.cwd`): a change-by-change apply keeps its journal beside it. */
  savedPath?: string;
  /** Deliver secrets inside this folder (relative to `io.cwd`) instead of each config's folder. */
  secretsDir?: string;
  /** Recorded with every change in the audit log; by default auditContext(io.env). */
  context?: ChangeContext;
}

export interface ApplyHooks {
  /** The fresh plan, checked against the saved one, before the blocked check (the CLI prints it). */
  planned?(plan: Plan): void;
  /** Called only when there are changes, right before the first is sent; throw to stop. */
  beforeApply?(plan: Plan, keys: readonly Key[], model: ConfigModel): Promise<void> | void;
  progress?(progress: BatchProgress): void;
  /** A change-by-change apply (Pipefy): told as each change settles or is sent again. */
  changeProgress?(progress: ChangeProgress): void;
  /**
   * Stores the new secrets bound for GitHub repository secrets (only the action can): each goes
   * into `report`, its key's name into report.keys once stored; `remedy` words a failure.
   */
  storeInGitHub?(toGitHub: GitHubSecretDelivery[], report: DeliveryReport, remedy: Remedy): Promise<void>;
  /** A batch failed after others landed: what was delivered of theirs. The error is thrown after. */
  partialDelivery?(report: DeliveryReport, error: ApplyError): Promise<void> | void;
}

/** A new secret bound for a GitHub repository secret, for the caller that can put it there. */
export interface GitHubSecretDelivery {
  key: string;
  repo: string;
  name: string;
  secret: string;
}

export interface ApplyOutcome {
  plan: Plan;
  /** Absent when the plan had no changes. */
  applied?: { result: ApplyResult; delivery: DeliveryReport };
}

/** Throws AppError (config, saved plan, hooks), ApplyError (refused, partial) or ProviderError. */
export async function applyConfig(io: AppIo, options: ApplyOptions, hooks: ApplyHooks = {}): Promise<ApplyOutcome> {
  const prepared = await preparePlan(io, options, { write: true });
  try {
    const plan = prepared.plan;
    const platform = prepared.provider.capabilities.atomicBatches ? undefined : prepared.provider.changeByChange;
    const journalFile = platform && journalPath(io, options, prepared.validation.model.root.absolutePath);
    const journal = journalFile ? new Journal(journalFile, relative(io.cwd, journalFile)) : undefined;
    const pace = platform ? pacing(io.env) : {};
    // A journal of this very plan (the saved one, or for a plain apply one holding every change
    // left): an interrupted run began it, and this run resumes it. Any other journal is not read.
    const resumed =
      journal?.resume(
        options.saved ? { digest: options.saved.digest } : { changes: plan.changes.map((c) => c.change) },
      ) ?? false;
    if (options.saved) {
      if (resumed) checkResumedPlan(options.saved, plan);
      else checkSavedPlan(options.saved, plan, platform);
    }
    hooks.planned?.(plan);
    assertNotBlocked(plan);
    if (plan.changes.length === 0) {
      journal?.remove(); // an interrupted run's changes all landed
      return { plan };
    }
    await hooks.beforeApply?.(plan, prepared.validation.desired.keys, prepared.validation.model);
    const keys = prepared.validation.desired.keys;
    const reserved = reservedFiles(prepared.validation.model);
    const context = options.context ?? auditContext(io.env);
    const staged = stagedRotations(plan);
    const remedy = remedyFor(staged);
    // Every new secret to its target, then the old secrets of the rotations delivered retired.
    const deliver = async (secrets: Record<string, string>, version: number) => {
      const { forFiles, toGitHub } = splitSecrets(secrets, keys);
      const report = deliverSecrets(
        forFiles,
        keys.filter((key) => !key.deliver || 'file' in key.deliver),
        io.cwd,
        options.secretsDir === undefined ? undefined : resolve(io.cwd, options.secretsDir),
        reserved,
        remedy,
      );
      if (toGitHub.length > 0) await hooks.storeInGitHub?.(toGitHub, report, remedy);
      return { report, version: await retirePrevious(prepared.provider, staged, report, version, context) };
    };
    let result: ApplyResult;
    try {
      result = await applyPlan(prepared.provider, plan, context, hooks.progress, {
        ...pace,
        ...(journal ? { journal } : {}),
        ...(hooks.changeProgress ? { onProgress: hooks.changeProgress } : {}),
      });
    } catch (error) {
      if (error instanceof ApplyError && error.partial) {
        const { report } = await deliver(error.partial.secrets, error.partial.version);
        await hooks.partialDelivery?.(report, error);
      }
      throw error;
    }
    const { report, version } = await deliver(result.secrets, result.version);
    return { plan, applied: { result: { ...result, version }, delivery: report } };
  } finally {
    await prepared.provider.close();
  }
}

/**
 * Where a change-by-change apply keeps its journal: beside the saved plan it applies, or for a
 * plain apply in .roster/ beside the root config (where a re-run from the same folder finds it).
 */
function journalPath(io: AppIo, options: ApplyOptions, rootConfig: string): string {
  if (options.savedPath !== undefined) return `${resolve(io.cwd, options.savedPath)}.journal`;
  return join(dirname(rootConfig), '.roster', 'apply.journal');
}

/** The concurrency and request budget of a change-by-change apply, when the environment sets them. */
function pacing(env: NodeJS.ProcessEnv): { concurrency?: number; requestsPerSecond?: number } {
  const read = (name: string, max: number): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 1 || value > max) {
      throw new AppError(
        'bad-environment',
        `${name} is ${JSON.stringify(text)}: set it to a number from 1 to ${max}, or unset it. Nothing was applied`,
      );
    }
    return value;
  };
  const concurrency = read('ROSTER_APPLY_CONCURRENCY', 64);
  const requestsPerSecond = read('ROSTER_APPLY_RATE', 10_000);
  return {
    ...(concurrency === undefined ? {} : { concurrency: Math.floor(concurrency) }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
  };
}

/** New secrets by where they go: files (delivered here) or GitHub repository secrets (the caller's). */
function splitSecrets(secrets: Record<string, string>, keys: readonly Key[]) {
  const toGitHub: GitHubSecretDelivery[] = keys.flatMap((key) =>
    key.deliver && 'githubSecret' in key.deliver && secrets[key.name] !== undefined
      ? [{ key: key.name, ...key.deliver.githubSecret, secret: secrets[key.name]! }]
      : [],
  );
  const forFiles = Object.fromEntries(
    Object.entries(secrets).filter(([name]) => !toGitHub.some((entry) => entry.key === name)),
  );
  return { forFiles, toGitHub };
}

/** The error to end an apply with when some secrets were not delivered; undefined when all were. */
export function deliveryFailure(delivery: DeliveryReport): AppError | undefined {
  if (delivery.failed.length === 0) return undefined;
  return new AppError(
    'delivery-failed',
    `every change was applied, but ${delivery.failed.length === 1 ? '1 secret was' : `${delivery.failed.length} secrets were`} not delivered:\n  ${delivery.failed.join('\n  ')}`,
  );
}

/**
 * A plan saved by `roster plan --out`, read and checked against the plan schema and its digest.
 * Only what the checks need is kept (SavedPlanCheck): the fresh plan is the one applied.
 */
export function readSavedPlan(io: AppIo, path: string): SavedPlanCheck {
  const file = resolve(io.cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('plan-not-found', `cannot read the plan file ${path}`);
  }
  const { plan, problem } = parsePlan(text);
  if (!plan) throw new AppError('bad-plan', `${path} cannot be applied: ${problem}. Nothing was applied`);
  const { stateVersion, digest, scopes, changes } = plan;
  // The changes are read again only to explain a refusal: one of the same plan, unedited.
  const readChanges = () => {
    try {
      const again = parsePlan(readFileSync(file, 'utf8')).plan;
      return again?.digest === digest ? again.changes : undefined;
    } catch {
      return undefined; // moved away since: the refusal says less, and still refuses
    }
  };
  return { stateVersion, digest, readChanges, ...(scopes ? { scopes, changes } : {}) };
}

/** The audit context of an apply from a terminal or CI: the commit, when the environment names one. */
export function auditContext(env: NodeJS.ProcessEnv): ChangeContext {
  const commit = env.ROSTER_COMMIT ?? env.GITHUB_SHA;
  return { source: 'roster apply', ...(commit && /^[0-9a-f]{7,64}$/.test(commit) ? { commit } : {}) };
}
