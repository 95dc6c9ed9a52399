// The layering DESIGN.md promises: the core (model, config, plan, apply) imports no use case, CLI
// or action code, and only src/action/ talks to the GitHub Actions runtime.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const imports = (path: string) =>
  [...readFileSync(`${SRC}${path}`, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);

describe('layers', () => {
  it('keeps the core free of src/app, src/cli and src/action', () => {
    const offending = globSync(['{model,config,plan,apply}/**/*.ts'], { cwd: SRC }).flatMap((path) =>
      imports(path)
        .filter((target) => /^(\.\.\/)+(app|cli|action)\//.test(target))
        .map((target) => `${path} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the review pure: src/app/review imports only the model and itself', () => {
    const offending = globSync(['app/review/**/*.ts'], { cwd: SRC }).flatMap((path) =>
      imports(path)
        .filter((target) => !/^\.\/[a-z-]+\.js$/.test(target) && !/^\.\.\/\.\.\/model\//.test(target))
        .map((target) => `${path} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('imports @actions/* only in src/action', () => {
    const offending = globSync(['**/*.ts', '!action/**'], { cwd: SRC }).filter((path) =>
      imports(path).some((target) => target.startsWith('@actions/')),
    );
    expect(offending).toEqual([]);
    expect(imports('action/main.ts')).toContain('@actions/core');
  });
});
