// Validates config files against schemas/roster.schema.json (the single source of truth for the
// language) and turns ajv's errors into diagnostics that point at the offending key or value.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { type Diagnostic, diagnostic, QUOTE_LIMIT, quoteValue } from './diagnostic.js';
import { PATTERN_MEANING } from './pattern-meaning.js';
// Compiled from the schema at build time (scripts/compile-schema.mjs).
import * as validators from './schema-validators.js';
import { closest } from './suggest.js';
import type { PathSegment } from './source-map.js';
import type { ConfigFile } from './yaml-file.js';

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Where the document breaks the schema: the paths of the values (or unknown fields) at fault. */
  invalid: PathSegment[][];
}

/** The root file is a whole config; included files may only hold the shareable sections. */
export function validateSchema(file: ConfigFile, kind: 'root' | 'fragment'): SchemaCheck {
  const validate = validators[kind];
  if (validate(file.data ?? {})) return { diagnostics: [], invalid: [] };
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const invalid = (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const name = (error as ErrorObject & { propertyName?: string }).propertyName;
    const field = error.keyword === 'additionalProperties' ? String(params.additionalProperty) : name;
    return [...toPath(error.instancePath), ...(field === undefined ? [] : [field])];
  });
  for (const error of validate.errors ?? []) {
    const found = describe(error, file, kind);
    if (!found) continue;
    const id = `${found.line}:${found.col}:${found.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(found);
  }
  return { diagnostics, invalid };
}

function describe(error: ErrorObject, file: ConfigFile, kind: 'root' | 'fragment'): Diagnostic | undefined {
  const path = toPath(error.instancePath);
  const where = path.length > 0 ? formatPath(path) : 'the top level';
  const value = valueAt(file.data, path);
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;

  if (propertyName !== undefined) {
    return diagnostic(
      'error',
      'bad-name',
      `${quoteValue(propertyName)} in ${where} is not ${meaningOf(error) ?? 'a valid name'}`,
      file.locate([...path, propertyName], { key: true }),
    );
  }

  switch (error.keyword) {
    case 'if': // the failing then/else branch has the real error
    case 'propertyNames': // the inner error, on the name itself, says more
      return undefined;
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object) ?? {}).filter(
        (name) => name !== '$schema',
      );
      const hint = closest(field, allowed);
      const onlyRoot =
        kind === 'fragment' && ['version', 'workspace', 'provider', 'policy', 'settings'].includes(field);
      return diagnostic(
        'error',
        'unknown-field',
        onlyRoot
          ? `"${field}" belongs in the root file only; move it out of this included file`
          : `unknown field ${quoteValue(field)} in ${where}; ${hint ? `did you mean "${hint}"? ` : ''}allowed fields: ${allowed.join(', ')}`,
        file.locate([...path, field], { key: true }),
      );
    }
    case 'false schema': {
      const field = String(path.at(-1));
      return diagnostic(
        'error',
        'unknown-field',
        `${quoteValue(field)} does not apply here (${where}); remove it`,
        file.locate(path, { key: true }),
      );
    }
    case 'required':
      return diagnostic(
        'error',
        'missing-field',
        `${where} needs "${String(params.missingProperty)}"`,
        file.locate(path, { key: true }),
      );
    case 'type':
      return diagnostic(
        'error',
        'wrong-type',
        `${where} must be ${article(String(params.type))}, not ${typeName(value)}`,
        file.locate(path),
      );
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      const hint = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
      return diagnostic(
        'error',
        'bad-value',
        `${where} is ${quoteValue(value)}; use one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        file.locate(path),
      );
    }
    case 'pattern':
      return diagnostic(
        'error',
        'bad-value',
        `${where} is ${quoteValue(value)}, which is not ${meaningOf(error) ?? `of the form ${String(params.pattern)}`}`,
        file.locate(path),
      );
    case 'minProperties':
    case 'maxProperties':
      return diagnostic(
        'error',
        'bad-value',
        `${where} takes exactly one of: ${Object.keys((error.parentSchema?.properties as object) ?? {}).join(', ')}`,
        file.locate(path),
      );
    default:
      return diagnostic('error', 'bad-value', `${where} ${error.message ?? 'is not valid'}`, file.locate(path));
  }
}

function meaningOf(error: ErrorObject): string | undefined {
  const match = /\$defs\/([^/]+)\//.exec(error.schemaPath);
  return match ? PATTERN_MEANING[match[1] as string] : undefined;
}

/** members[3].email, as a person would write it; a key longer than QUOTE_LIMIT is cut. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = part.length > QUOTE_LIMIT ? `${part.slice(0, QUOTE_LIMIT)}...` : part;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

function toPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<PathSegment, unknown> | undefined)?.[segment];
  return node;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${quoteValue(value)}`;
}

function article(types: string): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return types
    .split(',')
    .map((type) => words[type] ?? type)
    .join(' or ');
}
