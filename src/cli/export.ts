// `roster export`: the actual workspace as a roster.yaml, ready to commit.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { exportConfig } from '../config/export.js';
import { providerConfig } from '../config/load.js';
import { DEFAULT_STATE_PATH, type ProviderConfig } from '../config/model.js';
import { readConfigFile } from '../config/yaml-file.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { openProvider } from './provider-factory.js';

export async function runExport(io: Io, options: { config: string; out?: string }): Promise<number> {
  const provider = readProvider(io, options.config);
  const opened = openProvider(provider, io, { write: false });
  try {
    const snapshot = await opened.snapshot();
    const outPath = options.out ? resolve(io.cwd, options.out) : undefined;
    const text = exportConfig({
      state: snapshot.state,
      provider: providerBlock(provider, dirname(outPath ?? resolve(io.cwd, options.config))),
      header: `Exported by roster from ${opened.description} at state version ${snapshot.version}.`,
    });
    if (outPath) {
      writeFileSync(outPath, text);
      io.err(`wrote ${options.out}: ${snapshot.state.members.length} members, ${snapshot.state.keys.length} keys\n`);
    } else {
      io.out(text);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** The provider of the config file, or the local default when there is no config yet. */
function readProvider(io: Io, configPath: string): ProviderConfig {
  const absolute = resolve(io.cwd, configPath);
  if (!existsSync(absolute)) return { type: 'local', path: resolve(dirname(absolute), DEFAULT_STATE_PATH) };
  const { file, diagnostics } = readConfigFile(absolute, configPath);
  if (!file) {
    io.err(renderDiagnostics(diagnostics, 'text'));
    throw new CliError('invalid-config', `cannot read the provider from ${configPath}`);
  }
  const raw = (file.data as { provider?: Record<string, unknown> } | null)?.provider;
  return providerConfig(raw, file);
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
