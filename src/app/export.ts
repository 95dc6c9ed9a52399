// The export use case, shared by `roster export` (and `roster init --from-workspace`): read the
// workspace through the config's provider, carry over what only the config says, and write a
// roster.yaml that validates, or refuse with the reason. Nothing is created or changed anywhere.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { validateConfig } from '../config/validate.js';
import { type CarriedOver, ExportRefused, exportConfig } from '../config/export.js';
import { hasErrors } from '../config/diagnostic.js';
import { loadConfig } from '../config/load.js';
import type { ProviderConfig, RawKey, RawMember } from '../config/model.js';
import { normalizeEmail } from '../model/state.js';
import { readProviderOf } from './config-provider.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';
import { openProvider } from './provider-factory.js';

export interface Exported {
  text: string;
  members: number;
  keys: number;
}

/**
 * `config` names the provider (the local default when the file does not exist) and, when it is a
 * valid config, what the workspace does not store. `outDir` is the folder the export is written
 * to: its relative paths (provider.path, deliver.file) are written relative to it.
 */
export async function exportWorkspace(io: AppIo, options: { config: string; outDir: string }): Promise<Exported> {
  const configExists = existsSync(resolve(io.cwd, options.config));
  const { provider } = readProviderOf(io, options.config, 'local-default');
  const opened = await openProvider(provider, io, { write: false });
  try {
    const snapshot = await opened.snapshot();
    if (snapshot.isNew) {
      throw new AppError(
        'workspace-not-found',
        `${opened.description} does not exist: there is no workspace to export, and nothing was created. ${configExists ? `Check provider.path in ${options.config}` : `${options.config} does not exist, so this is the local default; pass the config that names the workspace with -c`}`,
      );
    }
    const carried = configExists ? carryOver(io, options.config, options.outDir) : undefined;
    try {
      const text = exportConfig({
        state: snapshot.state,
        provider: providerBlock(provider, options.outDir),
        header: `Exported by roster from ${opened.description} at state version ${snapshot.version}.`,
        ...(carried ? { carried } : {}),
      });
      refuseInvalid(text);
      return { text, members: snapshot.state.members.length, keys: snapshot.state.keys.length };
    } catch (error) {
      if (error instanceof ExportRefused) throw new AppError(error.code, error.message);
      throw error;
    }
  } finally {
    await opened.close();
  }
}

/**
 * The last word on "an export validates": the text is validated (in a private temporary folder, so
 * nothing appears beside the export), and refused with the first error when it would not (say, an
 * owner whose carried-over end date has passed). The checks in exportConfig give common reasons first.
 */
function refuseInvalid(text: string): void {
  const folder = mkdtempSync(join(tmpdir(), 'roster-export-'));
  const probe = join(folder, 'roster.yaml');
  try {
    writeFileSync(probe, text, { mode: 0o600 });
    const result = validateConfig(probe);
    const first = result.diagnostics.find((d) => d.severity === 'error');
    if (first) {
      throw new AppError(
        'export-invalid',
        `the export would not validate (${first.code}: ${first.message}); nothing was written. Fix the workspace or the config it carries from`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the config says that the workspace does not store; undefined when it is no valid config. */
function carryOver(io: AppIo, config: string, outDir: string): CarriedOver | undefined {
  // A file with schema errors still loads (what validated of it), but it is not a config to trust.
  const { model, diagnostics } = loadConfig(config, io.cwd);
  if (!model || hasErrors(diagnostics)) {
    io.log(
      `note: ${config} is not a valid config (see roster validate -c ${config}); only its provider was used, so its policy, github logins, rotate_every and deliver are not in the export\n`,
    );
    return undefined;
  }
  const members = new Map<string, Pick<RawMember, 'github' | 'expires'>>();
  for (const { value } of model.members) {
    members.set(normalizeEmail(value.email), {
      ...(value.github ? { github: value.github } : {}),
      ...(value.expires ? { expires: value.expires } : {}),
    });
  }
  const keys = new Map<string, Pick<RawKey, 'rotate_every' | 'deliver'>>();
  for (const { value, file } of model.keys) {
    keys.set(value.name, {
      ...(value.rotate_every ? { rotate_every: value.rotate_every } : {}),
      ...(value.deliver ? { deliver: rebaseDeliver(value, dirname(file.absolutePath), outDir) } : {}),
    });
  }
  const policy = (model.root.data as { policy?: Record<string, unknown> }).policy;
  return {
    from: config,
    ...(model.workspace.name ? { workspaceName: model.workspace.name } : {}),
    ...(policy ? { policy } : {}),
    members,
    keys,
  };
}

/** A deliver.file is relative to the file that names it; the export names it from `outDir`. */
function rebaseDeliver(key: RawKey, from: string, outDir: string): NonNullable<RawKey['deliver']> {
  const deliver = key.deliver ?? {};
  if (deliver.file === undefined) return deliver;
  const file = relative(outDir, resolve(from, deliver.file));
  if (file.startsWith('..') || isAbsolute(file)) {
    throw new AppError(
      'export-deliver-outside',
      `key ${key.name} delivers its secret to ${resolve(from, deliver.file)}, outside the folder the export is written to, where deliver.file may not point; write the export next to the config (--out in its folder)`,
    );
  }
  return { ...deliver, file };
}

/** The provider as the exported file should write it: a local path relative to that file. */
function providerBlock(provider: ProviderConfig, outDir: string): Record<string, string> {
  switch (provider.type) {
    case 'local':
      return { type: 'local', path: relative(outDir, provider.path) };
    case 'http':
      return { type: 'http', ...(provider.url ? { url: provider.url } : {}) };
    case 'pipefy':
      return {
        type: 'pipefy',
        organization_id: provider.organizationId,
        ...(provider.url ? { url: provider.url } : {}),
      };
  }
}
