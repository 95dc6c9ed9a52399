// Reads one config file defensively (size, binary content, YAML syntax, duplicate keys, alias
// bombs) and keeps where each value sits so later stages can point at any value's line and column.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { SourceRef } from '../model/state.js';
import { type Diagnostic, diagnostic } from './diagnostic.js';
import { linePosition, lineStarts, NO_SEGMENTS, offsetAt, type PathSegment, type Positions } from './source-map.js';
import { yamlDiagnostics } from './yaml-errors.js';
import { MAX_CONFIG_BYTES, readYaml } from './yaml-read.js';

/** A config file read: its data and where each of its values sits. */
export class ConfigFile {
  constructor(
    /** The path as shown to the user (relative to the working directory when inside it). */
    readonly displayPath: string,
    readonly absolutePath: string,
    readonly data: unknown,
    readonly positions: Positions,
    /** Offsets of the lines' first characters (see lineStarts). */
    readonly lineStarts: number[],
  ) {}

  /** Line and column of the value (or, with `key`, of the key) at a path in this file. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): SourceRef {
    return this.locateBelow(path, NO_SEGMENTS, options);
  }

  /** As locate, for the path `base` followed by `path` (an entry's path and a field in it). */
  locateBelow(base: readonly PathSegment[], path: readonly PathSegment[], options?: { key?: boolean }): SourceRef {
    // One object per place, not two: a plan places each of 100,000 grants.
    const { line, col } = linePosition(this.lineStarts, offsetAt(this.positions, base, options, path));
    return { file: this.displayPath, line, col };
  }
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

  return readConfigText(text, absolutePath, displayPath);
}

/** A config file's text, read as YAML: its data and where each value sits, or what is wrong. */
export function readConfigText(
  text: string,
  absolutePath: string,
  displayPath: string,
): { file?: ConfigFile; diagnostics: Diagnostic[] } {
  const starts = lineStarts(text);
  const parsed = readYaml(text);
  if ('problem' in parsed) {
    const at = (offset: number): SourceRef => ({ file: displayPath, ...linePosition(starts, offset) });
    return { diagnostics: yamlDiagnostics(text, parsed, displayPath, at) };
  }
  return { file: new ConfigFile(displayPath, absolutePath, parsed.data, parsed.positions, starts), diagnostics: [] };
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

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
