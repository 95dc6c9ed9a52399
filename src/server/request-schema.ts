// Checks request bodies: POST /v1/changes against schemas/changes.schema.json, POST /v1/keys
// against the same definitions, POST /v1/authorize against the id pattern.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { PATTERN_MEANING } from '../config/pattern-meaning.js';
import { isRealDate } from '../model/dates.js';
import { CARD_OWNERS, type CardOwner, PIPE_ACTIONS, type PipeAction } from '../model/pipe-powers.js';
import type { ScopeEntry } from '../model/state.js';
import { ID_PATTERN } from '../model/vocabulary.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/changes.schema.json', import.meta.url), 'utf8'));

/**
 * Defs of the change schema that hold the config's rules (test/model/schema-patterns.test.ts keeps
 * them equal), by the config def they copy: a value they refuse is explained as a config's would be.
 */
const CONFIG_DEFS = new Map([
  ['id', 'id'],
  ['name', 'name'],
  ['newEmail', 'email'],
  ['date', 'date'],
]);

/** The body of POST /v1/keys: a personal key's name, an optional narrowing scope, a last day. */
const ownKeySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { $ref: `${schema.$id}#/$defs/id` },
    scope: { $ref: `${schema.$id}#/$defs/scope` },
    expires: { $ref: `${schema.$id}#/$defs/date` },
  },
};

let validators: { batch: ValidateFunction; ownKey: ValidateFunction } | undefined;

function compiled() {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    const batch = ajv.compile(schema);
    validators = { batch, ownKey: ajv.compile(ownKeySchema) };
  }
  return validators;
}

/** Problems with a batch body as "path: message" lines; empty when it is well-formed. */
export function batchProblems(body: unknown): string[] {
  return problems(compiled().batch, body);
}

export interface OwnKeyBody {
  name: string;
  scope?: ScopeEntry[];
  expires?: string;
}

/** The body of POST /v1/keys, or what is wrong with it. */
export function ownKeyRequest(body: unknown): OwnKeyBody | string {
  const found = problems(compiled().ownKey, body);
  if (found.length > 0)
    return `send {"name": "...", "scope": [...], "expires": "YYYY-MM-DD"} (scope and expires optional): ${found.join('; ')}`;
  const request = body as OwnKeyBody;
  if (request.expires !== undefined && !isRealDate(request.expires))
    return `expires ${request.expires} is not a date on the calendar`;
  return request;
}

function problems(validate: ValidateFunction, body: unknown): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => `${error.instancePath || '/'}: ${explain(error)}`);
}

/** Ajv's message, or for a pattern the config shares, what the pattern means (not the regex). */
function explain(error: ErrorObject): string {
  const def = /^#\/\$defs\/([^/]+)\/pattern$/.exec(error.schemaPath)?.[1];
  const meaning = def === undefined ? undefined : PATTERN_MEANING[CONFIG_DEFS.get(def) ?? ''];
  return meaning ? `must be ${meaning}` : (error.message ?? 'is not valid');
}

export type AuthorizeRequest =
  { integration: string; tool: string } | { pipe: string; action: PipeAction; cardOwner?: CardOwner };

/**
 * The body of POST /v1/authorize, or a problem to answer with 400: a tool of an integration, or
 * an action in a pipe. Names that cannot exist are refused here, before they reach the audit log
 * (a caller must not fill it with 90 KB names).
 */
export function authorizeRequest(body: unknown): AuthorizeRequest | string {
  const shape =
    'send {"integration": "...", "tool": "..."} or {"pipe": "...", "action": "...", "card_owner": "self" | "other"}';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return shape;
  const fields = body as Record<string, unknown>;
  if ('pipe' in fields) return pipeRequest(fields, shape);
  // Like the pipe form, a field this form does not have is refused rather than ignored.
  const { integration, tool, ...rest } = fields;
  if (typeof integration !== 'string' || typeof tool !== 'string' || Object.keys(rest).length > 0) return shape;
  return idProblem({ integration, tool }) ?? { integration, tool };
}

function pipeRequest(fields: Record<string, unknown>, shape: string): AuthorizeRequest | string {
  const { pipe, action, card_owner: cardOwner, ...rest } = fields;
  if (typeof pipe !== 'string' || typeof action !== 'string' || Object.keys(rest).length > 0) return shape;
  const problem = idProblem({ pipe });
  if (problem) return problem;
  if (!(PIPE_ACTIONS as readonly string[]).includes(action)) return `action must be one of ${PIPE_ACTIONS.join(', ')}`;
  if (cardOwner !== undefined && !(CARD_OWNERS as readonly unknown[]).includes(cardOwner))
    return 'card_owner must be self (a card the caller created or is responsible for) or other';
  return { pipe, action: action as PipeAction, ...(cardOwner ? { cardOwner: cardOwner as CardOwner } : {}) };
}

function idProblem(ids: Record<string, string>): string | undefined {
  for (const [field, value] of Object.entries(ids)) {
    if (!ID_PATTERN.test(value)) {
      return `${field} must be an id (lower-case letters, digits, "-" and "_", at most 63 characters), so no ${field} has that name`;
    }
  }
  return undefined;
}
