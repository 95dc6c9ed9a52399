// Opens the provider a config names. Secrets come from the environment, never from the config,
// and go only where the environment allows (credentials.ts).
import { relative } from 'node:path';
import type { ProviderConfig } from '../config/model.js';
import type { PipefyDeclarations } from '../providers/pipefy/snapshot.js';
import type { Provider } from '../providers/provider.js';
import { bindCredential, PIPEFY_CREDENTIAL, ROSTER_CREDENTIAL, type Terminal } from './credentials.js';
import { EndpointMemory } from './endpoint-memory.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';

/**
 * `write` only for apply: every other command reads, and a local workspace file is never created by
 * reading. `declared`: what a Pipefy provider takes from the config (without it, no pipe is read).
 */
export async function openProvider(
  config: ProviderConfig,
  io: AppIo,
  access: { write: boolean },
  declared?: PipefyDeclarations,
): Promise<Provider> {
  // Each provider's modules load only when a config names it: a command starts faster for it.
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
      const { url, token } = await bindCredential(ROSTER_CREDENTIAL, config.url, io.env, terminal(io));
      const { HttpProvider } = await import('../providers/http/http-provider.js');
      return new HttpProvider(url, token);
    }
    case 'pipefy': {
      const { url, token } = await bindCredential(PIPEFY_CREDENTIAL, config.url, io.env, terminal(io));
      // Loaded only for Pipefy: its client compiles answer schemas with Ajv, which no other provider needs.
      const [{ PipefyClient }, { PipefyProvider }] = await Promise.all([
        import('../providers/pipefy/client.js'),
        import('../providers/pipefy/pipefy-provider.js'),
      ]);
      return new PipefyProvider(
        new PipefyClient(url, token),
        config.organizationId,
        declared ?? { workspace: { name: '', plan: 'business' }, pipes: [], names: new Map() },
      );
    }
  }
}

/** The person at the terminal, when there is one to ask. */
function terminal(io: AppIo): Terminal | undefined {
  return io.ask ? { ask: io.ask, memory: EndpointMemory.forUser(io.env) } : undefined;
}
