// Opens the provider a config names. Secrets come from the environment, never from the config,
// and go only where the environment allows (credentials.ts).
import { relative } from 'node:path';
import type { ProviderConfig } from '../config/model.js';
import { HttpProvider } from '../providers/http/http-provider.js';
import type { Provider } from '../providers/provider.js';
import { bindCredential, bindEndpoint, PIPEFY_CREDENTIAL, ROSTER_CREDENTIAL } from './credentials.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';

/** `write` only for apply: every other command reads, and a local workspace file is never created by reading. */
export async function openProvider(config: ProviderConfig, io: AppIo, access: { write: boolean }): Promise<Provider> {
  switch (config.type) {
    case 'local': {
      // Loaded only for a local workspace: it needs better-sqlite3, a native module that the
      // GitHub Action's bundle leaves out (the http provider runs from the bundle alone).
      const { LocalProvider } = await import('../providers/local/local-provider.js').catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
        throw new AppError(
          'local-provider-unavailable',
          'the local provider needs better-sqlite3, which is not installed here; use the http provider (the GitHub Action runs it without installing anything), or install roster with npm',
        );
      });
      return new LocalProvider(config.path, relative(io.cwd, config.path) || config.path, access);
    }
    case 'http': {
      const { url, token } = bindCredential(ROSTER_CREDENTIAL, config.url, io.env);
      return new HttpProvider(url, token);
    }
    case 'pipefy':
      bindEndpoint(PIPEFY_CREDENTIAL, config.url, io.env);
      throw new AppError(
        'unsupported-provider',
        'the pipefy provider is not available in this version of roster; use local or http',
      );
  }
}
