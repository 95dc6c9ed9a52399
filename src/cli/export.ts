// `roster export`: the actual workspace as a roster.yaml, ready to commit.
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { exportConfig } from '../config/export.js';
import type { ProviderConfig } from '../config/model.js';
import { readProviderOf } from '../app/config-provider.js';
import { openProvider } from '../app/provider-factory.js';
import { appIo, type Io } from './io.js';

export async function runExport(io: Io, options: { config: string; out?: string }): Promise<number> {
  const { provider } = readProviderOf(appIo(io), options.config, 'local-default');
  const opened = await openProvider(provider, appIo(io), { write: false });
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
