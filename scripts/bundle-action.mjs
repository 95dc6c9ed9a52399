// Builds the GitHub Action's bundle, action/ (committed: a workflow runs action/index.js without
// installing anything). ESM for Node, everything inlined except better-sqlite3, a native module
// that only the local provider needs: the provider is imported dynamically, and split into a chunk
// of its own, so index.js never imports better-sqlite3 and the http provider runs without it.
// The output is deterministic (relative paths, content-hashed chunk names, no dates): CI rebuilds
// it and fails when it differs from the committed one. `--outdir <dir>` builds elsewhere (tests).
import { readFileSync, rmSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REQUIRE_HEADER, VALIDATOR_MODULES } from './schema-validators.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = resolve(ROOT, 'src');
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : resolve(ROOT, 'action');

// Modules under src/ that load a package file through createRequire(import.meta.url) at run time
// (confusables.ts, the validators' ajv helpers): written as plain require() calls instead, so
// esbuild inlines what they load, since there is no node_modules beside the bundle.
const RUNTIME_REQUIRE = 'createRequire(import.meta.url)(';

/** The schemas' validators are generated code (as in vitest.config.ts): made from schemas/ here. */
const schemaValidators = {
  name: 'roster-schema-validators',
  setup(builder) {
    builder.onResolve({ filter: /-validators?\.js$/ }, (args) => {
      const key = relative(SRC, resolve(args.resolveDir, args.path));
      return Object.hasOwn(VALIDATOR_MODULES, key) ? { path: key, namespace: 'roster-validators' } : undefined;
    });
    builder.onLoad({ filter: /.*/, namespace: 'roster-validators' }, (args) => ({
      contents: VALIDATOR_MODULES[args.path]().replace(REQUIRE_HEADER, ''),
      resolveDir: ROOT,
      loader: 'js',
    }));
    builder.onLoad({ filter: /\/src\/.*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(RUNTIME_REQUIRE)) return undefined;
      return { contents: text.replaceAll(RUNTIME_REQUIRE, 'require('), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

// A chunk's name changes with its content: start empty, so no old chunk stays behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { index: 'src/action/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  // Paths in the output as in a clean install (node_modules may be a link on a developer's machine).
  preserveSymlinks: true,
  target: 'node20',
  external: ['better-sqlite3'],
  // CommonJS packages inlined into an ESM file still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __rosterCreateRequire } from 'node:module';\nconst require = __rosterCreateRequire(import.meta.url);",
  },
  plugins: [schemaValidators],
  logLevel: 'warning',
});
