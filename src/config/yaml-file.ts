// Reads one config file defensively (size, binary content, YAML syntax, duplicate keys, alias
// bombs) and keeps where each value sits so later stages can point at any value's line and column.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isCollection, isPair, parseDocument } from 'yaml';
import type { SourceRef } from '../model/state.js';
import { type Diagnostic, diagnostic } from './diagnostic.js';
import { MAX_NESTING, parsePlainYaml } from './plain-yaml.js';
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

  const unreadable = () =>
    fail(
      'permission',
      `${displayPath} cannot be read: permission denied. Let the user running roster read it (and its folders), or run roster as the user who owns it`,
    );

  let size: number;
  try {
    // Checked before opening: opening a FIFO would wait for a writer.
    const stat = statSync(absolutePath);
    if (!stat.isFile()) return fail('not-a-file', `${displayPath} is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (isPermission(error)) return unreadable();
    return fail('file-not-found', `${displayPath} does not exist; check the path or create it`);
  }
  const tooLarge = (size: string) =>
    fail(
      'file-too-large',
      `${displayPath} is ${size}; config files may be at most ${formatMiB(MAX_CONFIG_BYTES)}. Split it with include: or check that this is the right file`,
    );
  if (size > MAX_CONFIG_BYTES) return tooLarge(formatMiB(size));
  // The size a file reports is not what reading it gives (files under /proc report 0): the limit
  // counts the bytes actually read.
  let bytes: Buffer | undefined;
  try {
    bytes = readCapped(absolutePath, MAX_CONFIG_BYTES);
  } catch (error) {
    if (isPermission(error)) return unreadable();
    throw error;
  }
  if (!bytes) return tooLarge(`more than ${formatMiB(MAX_CONFIG_BYTES)}`);
  if (bytes.includes(0)) {
    return fail('file-binary', `${displayPath} is a binary file, not YAML text; check that this is the right file`);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    return fail('invalid-utf8', `${displayPath} is not valid UTF-8 (byte ${text.offset + 1}); save it as UTF-8 text`, {
      file: displayPath,
      ...text.at,
    });
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
  // The parser turns a stack overflow into errors, one per unclosed level: report it once.
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  const tooDeep = exhausted ? exhausted.pos[0] : deeperThanAllowed(doc.contents);
  if (tooDeep !== undefined) {
    const message = `mappings and lists nest more than ${MAX_NESTING} levels deep here; a config never needs that many`;
    return { diagnostics: [diagnostic('error', 'yaml-too-deep', message, at(tooDeep))] };
  }
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

/**
 * Where the first collection nested deeper than MAX_NESTING starts, if one does. Iterative: the
 * tree may be as deep as the parser's own stack allowed.
 */
function deeperThanAllowed(root: unknown): number | undefined {
  const pending: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (isPair(node)) {
      pending.push({ node: node.value, depth }, { node: node.key, depth });
    } else if (isCollection(node)) {
      if (depth + 1 > MAX_NESTING) return node.range?.[0] ?? 0;
      for (const item of node.items) pending.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

function isPermission(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/** The file's bytes, or undefined when there are more than `limit`. */
function readCapped(path: string, limit: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > limit) return undefined;
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/** The text, or where the first byte that is not UTF-8 sits. */
function decodeUtf8(bytes: Buffer): string | { offset: number; at: { line: number; col: number } } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Re-encoding the lenient decoding changes the bytes first where they were invalid.
    const lenient = Buffer.from(bytes.toString('utf8'), 'utf8');
    let offset = 0;
    while (offset < bytes.length && bytes[offset] === lenient[offset]) offset++;
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length + 1;
    return { offset, at: { line, col: bytes.subarray(lineStart, offset).toString('utf8').length + 1 } };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
