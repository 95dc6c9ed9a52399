// Parses a config file with js-yaml (full YAML 1.2, core schema) and keeps where each key and value
// starts. js-yaml builds plain data without a syntax tree, which is what makes it fast on configs of
// thousands of members; its `listener` reports each node as it opens and closes, and the placement
// is rebuilt from those events. Where js-yaml may read what YAML 1.2 refuses or means otherwise, the
// `yaml` package confirms the data. Anything refused goes to the caller, which asks the `yaml`
// package for a diagnostic (its messages and positions are the better ones).
import { load, YAMLException } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema.js';
import { type Positions, scalarRef } from './source-map.js';
import { AliasLimit, Placement, Refusal } from './yaml-placement.js';
import { rewordedReason } from './yaml-reasons.js';
import { confirmSuspects, gluedDocumentStart, spanSuspects, textSuspects } from './yaml-misread.js';

/**
 * How deep mappings and sequences may nest. A real config nests five or six levels; the limit keeps
 * a hostile file (100,000 `[`) from exhausting the stack.
 */
export const MAX_NESTING = 64;
/**
 * How many values aliases may stand for in all. js-yaml shares the anchored value instead of
 * copying it, but everything after the parser (the schema, the rules, the plan) walks the data as a
 * tree: ten levels of ten aliases each would be 10^10 values to walk.
 */
export const MAX_ALIAS_VALUES = 10_000;
/** Access configs are small; anything near this is a mistake, not a team. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/**
 * How much text (in characters, keys included) aliases may stand for in all: no more than a config
 * file may hold. A string is shared, not copied, by the parser, but whatever copies or prints the
 * data later does so once per alias: 300 aliases of a 2 MB string would be 600 MB.
 */
export const MAX_ALIAS_TEXT = MAX_CONFIG_BYTES;
/** js-yaml's own depth guard, past MAX_NESTING: it counts nodes, and some levels take two. */
const PARSER_MAX_DEPTH = 2 * MAX_NESTING + 4;

export type YamlRead =
  | { data: unknown; positions: Positions }
  /** Refused: `reason` and `offset` are the reader's, for when the yaml package finds nothing wrong. */
  | { problem: 'syntax'; reason: string; offset: number }
  | { problem: 'too-deep' }
  /** Aliases stand for too much; `offset` is the alias that goes past the limit. */
  | { problem: 'aliases'; offset: number };

/** What YAML 1.2 does not allow in a stream (js-yaml refuses it, the yaml package reads it). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

export function readYaml(source: string): YamlRead {
  // js-yaml drops a byte order mark before it counts positions.
  const shift = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = shift ? source.slice(1) : source;
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = `\\u${control[0].charCodeAt(0).toString(16).padStart(4, '0')}`;
    const reason = `a control character (${code}) in the text, which YAML does not allow; write it as the escape ${code} inside double quotes, or remove it`;
    return { problem: 'syntax', reason, offset: control.index + shift };
  }
  // A carriage return alone is a line break to js-yaml and text to the yaml package.
  const loneReturn = /\r(?!\n)/.exec(text);
  if (loneReturn) {
    const reason = 'a carriage return without a line feed; save the file with \\n or \\r\\n line ends';
    return { problem: 'syntax', reason, offset: loneReturn.index + shift };
  }
  const glued = gluedDocumentStart(text);
  if (glued !== undefined) {
    const reason =
      'the file starts with `---` glued to text: YAML tools differ on whether the dashes start the document or belong to the text; put a space after `---` to start the document, or quote the text';
    return { problem: 'syntax', reason, offset: glued + shift };
  }
  const builder = new Placement(text, shift, { values: MAX_ALIAS_VALUES, text: MAX_ALIAS_TEXT });
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') builder.open(state.position, (state as { version?: string | null }).version);
        else builder.close(state.kind as string | null, state.result, state.position, (state as { tag?: string }).tag);
      },
      maxDepth: PARSER_MAX_DEPTH,
    } as Parameters<typeof load>[1]);
  } catch (error) {
    if (error instanceof AliasLimit) return { problem: 'aliases', offset: error.offset + shift };
    if (error instanceof Refusal) return { problem: 'syntax', reason: error.reason, offset: error.offset };
    if (error instanceof YAMLException) {
      const reason = rewordedReason(error.reason);
      return { problem: 'syntax', reason, offset: (error.mark?.position ?? 0) + shift };
    }
    throw error;
  }
  const pastLimit = builder.aliasPastLimit();
  if (pastLimit !== undefined) return { problem: 'aliases', offset: pastLimit + shift };
  const root = builder.root();
  if (root && root.height > MAX_NESTING) return { problem: 'too-deep' };
  // Where js-yaml may have read what YAML refuses or means otherwise, the yaml package decides.
  const suspects = [...textSuspects(text), ...spanSuspects(text, builder.spans), ...builder.suspects];
  const misread = suspects.length > 0 ? confirmSuspects(text, data, suspects) : undefined;
  if (misread) return { problem: 'syntax', reason: misread.reason, offset: misread.offset + shift };
  // A document of comments only is null, placed at its start.
  const empty = !root || (root.kind === null && root.result === null);
  const { positions } = builder;
  positions.root = empty ? scalarRef(0) : root.ref;
  return { data: data ?? null, positions };
}
