// Reads one config file defensively (size, binary content, YAML syntax, duplicate keys, alias
// bombs) and keeps the parsed document so later stages can point at any value's line and column.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { SourceRef } from '../model/state.js';
import { type Diagnostic, diagnostic } from './diagnostic.js';

/** Access configs are small; anything near this is a mistake, not a team. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Anchors and aliases are allowed for reuse, but not enough of them to blow up memory. */
const MAX_ALIAS_COUNT = 100;

export type PathSegment = string | number;

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

  const lineCounter = new LineCounter();
  const doc = withPlainEnv(() => parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true }));
  const at = (offset: number): SourceRef => {
    const pos = lineCounter.linePos(offset);
    return { file: displayPath, line: pos.line, col: pos.col };
  };
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

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return fail(
      'yaml-alias-limit',
      `${displayPath} expands too many aliases (${firstLine(String((error as Error).message))}); write the values out or use include:`,
    );
  }

  const locate = (path: readonly PathSegment[], options: { key?: boolean } = {}): SourceRef => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = pairsOf(node).get(String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        break;
      }
    }
    const target = options.key && keyNode ? keyNode : (node as Node | null);
    return at(target?.range?.[0] ?? 0);
  };

  return { file: { displayPath, absolutePath, data, locate }, diagnostics: [] };
}

function scalarValue(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/** A mapping's pairs by key, built on first use: a catalog of 2,000 pipes is located in O(1) each. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const key = scalarValue(item.key);
      // The first of duplicate keys, as a linear search would find (duplicates are errors anyway).
      if (key !== undefined && !index.has(key)) index.set(key, item);
    }
    pairIndex.set(map, index);
  }
  return index;
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
