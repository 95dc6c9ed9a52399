// The version `roster --version` prints: package.json's, read at run time so it cannot drift.
// Both src/cli and dist/cli sit two folders below the package root.
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
