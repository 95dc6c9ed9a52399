// Reads one config file defensively (size, binary content, YAML syntax, duplicate keys, alias
// bombs) and keeps where each value sits so later stages can point at any value's line and column.
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { SourceRef } from '../model/state.js';
import { type Diagnostic, diagnostic } from './diagnostic.js';
import { parsePlainYaml } from './plain-yaml.js';
import { LineIndex, offsetAt, type PathSegment, type Placed, placeNode } from './source-map.js';

/** Access configs are small; anything near this is a mistake, not a team. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Anchors and aliases are allowed for reuse, but not enough of them to blow up memory. */
const MAX_ALIAS_COUNT = 100;

export interface ConfigFile {
  /** The path as shown to the user (relative to the working directory when inside it). */
  displayPath: string;
  absolutePath: string;
  data: unknown;
  /** Line and column of the value (or, with `key`, of the key) at a path in this file. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): SourceRef;
}

export function readConfigFile(
  absolutePath: string,
  displayPath: string,
): { file?: ConfigFile; diagnostics: Diagnostic[] } {
  const start: SourceRef = { file: displayPath, line: 1, col: 1 };
  const fail = (code: string, message: string, at: SourceRef = start) => ({
    diagnostics: [diagnostic('error', code, message, at)],
  });

  let size: number;
  try {
    const stat = statSync(absolutePath);
    if (!stat.isFile()) return fail('not-a-file', `${displayPath} is not a regular file`);
    size = stat.size;
  } catch {
    return fail('file-not-found', `${displayPath} does not exist; check the path or create it`);
  }
  if (size > MAX_CONFIG_BYTES) {
    return fail(
      'file-too-large',
      `${displayPath} is ${formatMiB(size)}; config files may be at most ${formatMiB(MAX_CONFIG_BYTES)}. Split it with include: or check that this is the right file`,
    );
  }
  const bytes = readFileSync(absolutePath);
  const text = decodeText(bytes);
  if (text === undefined) {
    return fail('file-binary', `${displayPath} is not UTF-8 text; a config file must be YAML`);
  }

  const lines = new LineIndex(text);
  const at = (offset: number): SourceRef => ({ file: displayPath, ...lines.position(offset) });
  const parsed = parsePlainYaml(text) ?? parseFully(text, displayPath, at);
  if ('diagnostics' in parsed) return parsed;
  const { data, placed } = parsed;
  const locate = (path: readonly PathSegment[], options?: { key?: boolean }) => at(offsetAt(placed, path, options));
  return { file: { displayPath, absolutePath, data, locate }, diagnostics: [] };
}

/** The full YAML parser, for files outside the plain subset and for every file with an error. */
function parseFully(
  text: string,
  displayPath: string,
  at: (offset: number) => SourceRef,
): { data: unknown; placed: Placed } | { diagnostics: Diagnostic[] } {
  const doc = withPlainEnv(() => parseDocument(text, { uniqueKeys: true, prettyErrors: true }));
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push(
      diagnostic(
        'error',
        duplicate ? 'duplicate-key' : 'yaml-syntax',
        duplicate
          ? 'this key appears twice in the same mapping; keep one'
          : `YAML syntax: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
        at(error.pos[0]),
      ),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), placed: placeNode(doc.contents) };
  } catch (error) {
    const message = `${displayPath} expands too many aliases (${firstLine(String((error as Error).message))}); write the values out or use include:`;
    return { diagnostics: [diagnostic('error', 'yaml-alias-limit', message, at(0))] };
  }
}

/**
 * Runs a synchronous function with `process.env` replaced by a plain copy of itself. The yaml
 * parser reads a debug switch from `process.env` once per token, and every read of the real
 * environment object is a call into C++: on a config of 10,000 members that alone took about a
 * quarter of the parse. The copy holds the same values and nothing else runs meanwhile.
 */
function withPlainEnv<T>(run: () => T): T {
  const environment = process.env;
  process.env = { ...environment };
  try {
    return run();
  } finally {
    process.env = environment;
  }
}

/** UTF-8 text without NUL bytes, or undefined for anything binary. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
