// Loads a root config and everything it includes, validates each file against the schema and
// merges the files into one ConfigModel. Names defined twice across files are reported with both
// places. Nothing here touches a provider or the network.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type Diagnostic, diagnostic, quoteValue } from './diagnostic.js';
import { includeTargets, realpathOr } from './include.js';
import { type ConfigModel, DEFAULT_STATE_PATH, type Declared, type ProviderConfig, whereKey } from './model.js';
import { DEFAULT_POLICY, type Policy } from '../model/policy.js';
import type { WorkspaceSettings } from '../model/state.js';
import { noneSkipped, withoutInvalid } from './prune.js';
import { validateSchema } from './schema.js';
import { type ConfigFile, readConfigFile } from './yaml-file.js';

export interface LoadResult {
  model?: ConfigModel;
  diagnostics: Diagnostic[];
}

type Section = Record<string, unknown>;

export function loadConfig(rootPath: string, cwd: string = process.cwd()): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files: ConfigFile[] = [];
  // The rules run on what passed the schema, so one file reports all its problems at once; but
  // only when every file could be read whole: a missing one would make references look wrong.
  const checked = new Map<ConfigFile, Section>();
  const skipped = noneSkipped();
  let unreadable = false;
  let schemaBroken = false;
  const loaded = new Set<string>();
  const display = (absolute: string) => {
    const rel = relative(cwd, absolute);
    return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
  };

  const visit = (absolute: string, chain: string[], kind: 'root' | 'fragment'): void => {
    const real = realpathOr(absolute);
    if (loaded.has(real)) return; // included twice through different globs: read it once
    loaded.add(real);
    const { file, diagnostics: readProblems } = readConfigFile(absolute, display(absolute));
    diagnostics.push(...readProblems);
    if (!file) {
      unreadable = true;
      return;
    }
    const schema = validateSchema(file, kind);
    diagnostics.push(...schema.diagnostics);
    if (schema.invalid.length > 0) schemaBroken = true;
    const data = withoutInvalid(file.data, schema.invalid, skipped);
    // Without its includes the model would lack whole files.
    if (data === undefined || schema.invalid.some((path) => path[0] === 'include')) unreadable = true;
    else checked.set(file, data);
    files.push(file);
    const includes = (file.data as Section | null)?.include;
    if (!Array.isArray(includes)) return;
    includes.forEach((pattern, index) => {
      if (typeof pattern !== 'string') return;
      const at = file.locate(['include', index]);
      const found = includeTargets(pattern, dirname(absolute), rootDir);
      if ('problem' in found) {
        unreadable = true;
        diagnostics.push(diagnostic('error', found.problem.code, found.problem.message, at));
        return;
      }
      if (found.files.length === 0) {
        diagnostics.push(diagnostic('warning', 'include-empty', `include ${quoteValue(pattern)} matches no file`, at));
      }
      for (const target of found.files) {
        const targetReal = realpathOr(target);
        const cycleStart = chain.indexOf(targetReal);
        if (cycleStart >= 0) {
          unreadable = true;
          const loop = [...chain.slice(cycleStart), targetReal].map(display).join(' -> ');
          diagnostics.push(
            diagnostic('error', 'include-cycle', `include cycle: ${loop}; remove one of these includes`, at),
          );
          continue;
        }
        if (!existsSync(target)) {
          unreadable = true;
          diagnostics.push(
            diagnostic(
              'error',
              'include-missing',
              `included file ${quoteValue(display(target))} does not exist; fix the path or remove the entry`,
              at,
            ),
          );
          continue;
        }
        visit(target, [...chain, targetReal], 'fragment');
      }
    });
  };

  const rootAbsolute = resolve(cwd, rootPath);
  // Every include stays inside this folder (include.ts).
  const rootDir = dirname(rootAbsolute);
  visit(rootAbsolute, [realpathOr(rootAbsolute)], 'root');
  if (unreadable || files.length === 0) return { diagnostics };
  const model = merge(files, checked, diagnostics);
  if (schemaBroken) model.skipped = skipped;
  return { model, diagnostics };
}

function merge(files: ConfigFile[], checked: Map<ConfigFile, Section>, diagnostics: Diagnostic[]): ConfigModel {
  const root = files[0] as ConfigFile;
  const rootData = checked.get(root) ?? {};
  const model: ConfigModel = {
    root,
    files,
    // Left out for a schema error: the rules then check the rest against no particular plan.
    workspace: (rootData.workspace as ConfigModel['workspace'] | undefined) ?? { name: '', plan: 'business' },
    provider: providerConfig(rootData.provider as Section | undefined, root),
    policy: policyConfig(rootData.policy as Section | undefined),
    settings: settingsConfig(rootData.settings as Section | undefined),
    integrations: new Map(),
    pipes: new Map(),
    teams: new Map(),
    members: [],
    keys: [],
  };
  for (const file of files) {
    const data = checked.get(file) ?? {};
    for (const section of ['integrations', 'pipes', 'teams'] as const) {
      const map = model[section] as Map<string, Declared<unknown>>;
      for (const [id, value] of Object.entries((data[section] as Section | undefined) ?? {})) {
        const entry: Declared<unknown> = { value: value ?? {}, file, path: [section, id] };
        const first = map.get(id);
        if (first) {
          const at = whereKey(first);
          diagnostics.push(
            diagnostic(
              'error',
              'duplicate-name',
              `${section}.${id} is already defined at ${at.file}:${at.line}:${at.col}; keep one definition`,
              whereKey(entry),
            ),
          );
          continue;
        }
        map.set(id, entry);
      }
    }
    for (const section of ['members', 'keys'] as const) {
      const list = (data[section] as unknown[] | undefined) ?? [];
      list.forEach((value, index) => {
        if (value === undefined) return; // left out for a schema error
        (model[section] as Declared<unknown>[]).push({ value, file, path: [section, index] });
      });
    }
  }
  return model;
}

/** The provider block of a root file, with a local path resolved against the file's directory. */
export function providerConfig(raw: Section | undefined, root: Pick<ConfigFile, 'absolutePath'>): ProviderConfig {
  const base = dirname(root.absolutePath);
  switch (raw?.type) {
    case 'http':
      return { type: 'http', ...(raw.url ? { url: String(raw.url) } : {}) };
    case 'pipefy':
      return {
        type: 'pipefy',
        organizationId: String(raw.organization_id),
        ...(raw.url ? { url: String(raw.url) } : {}),
      };
    default:
      return { type: 'local', path: resolve(base, String(raw?.path ?? DEFAULT_STATE_PATH)) };
  }
}

function settingsConfig(raw: Section | undefined): WorkspaceSettings {
  return {
    ...(typeof raw?.only_admins_manage_pipe_members === 'boolean'
      ? { onlyAdminsManagePipeMembers: raw.only_admins_manage_pipe_members }
      : {}),
    ...(typeof raw?.guests_can_create_pipes === 'boolean' ? { guestsCanCreatePipes: raw.guests_can_create_pipes } : {}),
  };
}

function policyConfig(raw: Section | undefined): Policy {
  const removals = (raw?.max_removals ?? {}) as Section;
  const updates = (raw?.max_updates ?? {}) as Section;
  const unmanaged = (raw?.unmanaged ?? {}) as Section;
  const personalKeys = (raw?.personal_keys ?? {}) as Section;
  return {
    minOwners: (raw?.min_owners as number | undefined) ?? DEFAULT_POLICY.minOwners,
    maxRemovals: {
      ratio: (removals.ratio as number | undefined) ?? DEFAULT_POLICY.maxRemovals.ratio,
      count: (removals.count as number | undefined) ?? DEFAULT_POLICY.maxRemovals.count,
    },
    maxUpdates: {
      ratio: (updates.ratio as number | undefined) ?? DEFAULT_POLICY.maxUpdates.ratio,
      count: (updates.count as number | undefined) ?? DEFAULT_POLICY.maxUpdates.count,
    },
    unmanaged: { ...DEFAULT_POLICY.unmanaged, ...(unmanaged as Partial<Policy['unmanaged']>) },
    ignoreMembers: ((raw?.ignore as Section | undefined)?.members as string[] | undefined) ?? [],
    personalKeys: {
      ...(personalKeys.max_age ? { maxAge: String(personalKeys.max_age) } : {}),
      ...(personalKeys.max_per_member !== undefined ? { maxPerMember: personalKeys.max_per_member as number } : {}),
    },
  };
}
