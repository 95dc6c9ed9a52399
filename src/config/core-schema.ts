// The YAML 1.2 core schema for js-yaml, exactly as the YAML 1.2 spec (and the `yaml` package, which
// reports the errors) resolves plain scalars. js-yaml's own CORE_SCHEMA is its JSON schema, which
// also reads `0b101`, `-0x1f` and `+.5e3`-like forms as numbers: a value that one library reads as
// a number and the other as a string would mean different things in the plan and in the diagnostics.
import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/*
 * Most plain scalars in a config are names, emails and levels, and js-yaml asks every implicit type
 * about every one of them. The first character rules most types out before any pattern runs: a
 * null starts with `~`, `n` or `N` (or is empty), a boolean with `t`, `T`, `f` or `F`, a number with
 * a digit, a sign or (floats) a dot. The patterns still decide whatever passes. An explicit tag on
 * an empty node (`!!int` alone) asks its type about null.
 */
const startsLike = (data: string | null, first: string): data is string =>
  data !== null && data.length > 0 && first.includes(data[0] as string);
const NULL_FIRST = '~nN';
const BOOLEAN_FIRST = 'tTfF';
const INT_FIRST = '0123456789+-';
const FLOAT_FIRST = '0123456789+-.';

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || data === '' || (startsLike(data, NULL_FIRST) && NULL.test(data)),
  construct: () => null,
  predicate: (data: unknown) => data === null,
});

const bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => startsLike(data, BOOLEAN_FIRST) && BOOLEAN.test(data),
  construct: (data: string) => data[0] === 't' || data[0] === 'T',
  predicate: (data: unknown) => typeof data === 'boolean',
});

const int = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    startsLike(data, INT_FIRST) && (DECIMAL.test(data) || OCTAL.test(data) || HEX.test(data)),
  construct: (data: string) =>
    OCTAL.test(data) ? parseInt(data.slice(2), 8) : HEX.test(data) ? parseInt(data.slice(2), 16) : parseInt(data, 10),
  predicate: (data: unknown) => Number.isInteger(data),
});

const float = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    startsLike(data, FLOAT_FIRST) && (FLOAT.test(data) || INFINITY.test(data) || NAN.test(data)),
  construct: (data: string) =>
    NAN.test(data)
      ? Number.NaN
      : INFINITY.test(data)
        ? data.startsWith('-')
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY
        : parseFloat(data),
  predicate: (data: unknown) => typeof data === 'number',
});

/** null (`~`, `null`, empty), booleans (`true`, `False`, ...), then integers before floats. */
export const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, bool, int, float] });
