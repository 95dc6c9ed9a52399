// The `yaml` package, loaded on first use. It reads a config file a second time only when js-yaml
// refused it or may have misread it (yaml-errors.ts, yaml-misread.ts), and loading it costs every
// command that reads a config about a tenth of its start-up when nothing needs it.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlPackage(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
