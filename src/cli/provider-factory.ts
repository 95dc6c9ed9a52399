// Opens the provider a config names. Secrets come from the environment, never from the config.
import { relative } from 'node:path';
import type { ProviderConfig } from '../config/model.js';
import { HttpProvider } from '../providers/http/http-provider.js';
import { LocalProvider } from '../providers/local/local-provider.js';
import type { Provider } from '../providers/provider.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';

export function openProvider(config: ProviderConfig, io: Io): Provider {
  switch (config.type) {
    case 'local':
      return new LocalProvider(config.path, relative(io.cwd, config.path) || config.path);
    case 'http': {
      const token = io.env.ROSTER_TOKEN;
      if (!token) {
        throw new CliError(
          'missing-token',
          'set ROSTER_TOKEN to the personal key of an owner or admin of the workspace at ' + config.url,
        );
      }
      return new HttpProvider(config.url, token);
    }
    case 'pipefy':
      throw new CliError(
        'unsupported-provider',
        'the pipefy provider is not available in this version of roster; use local or http',
      );
  }
}
