// Checks a response of the workspace server against schemas/workspace-api.yaml: the status must be
// described for the route (or, for a route that is not described, under `x-unknown-route`), the
// body must match the schema described for that status, with the described content type, and the
// headers the description marks required must be there. The server tests run every response they
// receive through it, so the server and its description cannot drift apart.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { API_ID, apiSchemaForAjv } from '../../scripts/schema-validators.mjs';

const API_FILE = new URL('../../schemas/workspace-api.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface ObservedResponse {
  method: string;
  /** The request path, with or without a query string. */
  path: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

interface Described {
  description: string;
  headers?: Record<string, { required?: boolean; schema?: object; $ref?: string }>;
  content?: Record<string, { schema?: object }>;
}

type Responses = Record<string, Described | { $ref: string }>;

/** schemas/workspace-api.yaml, parsed. */
export function loadApiDescription(): any {
  return parse(readFileSync(API_FILE, 'utf8'));
}

/** The (METHOD, path) pairs the description lists, e.g. "GET /v1/state". */
export function describedOperations(api: any): { method: string; path: string; responses: Responses }[] {
  return Object.entries(api.paths as Record<string, Record<string, { responses: Responses }>>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      responses: item[method]!.responses,
    })),
  );
}

export class ResponseValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly validators = new Map<object, ValidateFunction>();
  /** Files the description references, by name, as the $id ajv knows them by. */
  private readonly files = new Map<string, string>();
  private readonly operations: { method: string; pattern: RegExp; responses: Responses }[];

  constructor(private readonly api: any = loadApiDescription()) {
    this.ajv.addSchema({ $id: API_ID, $defs: this.rewriteRefs(api.components?.schemas ?? {}) });
    this.operations = describedOperations(api).map(({ method, path, responses }) => ({
      method,
      // Path templates ({name}) match one segment.
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      responses,
    }));
    // Compile every schema now, so a schema ajv cannot use fails here rather than mid-test.
    const allResponses: Responses[] = [...this.operations.map((op) => op.responses), api['x-unknown-route'].responses];
    for (const described of allResponses.flatMap((responses) => Object.values(responses))) {
      const { headers = {}, content = {} } = this.resolve<Described>(described);
      for (const header of Object.values(headers)) this.compiled(this.resolve<{ schema?: object }>(header).schema);
      for (const media of Object.values(content)) this.compiled(media.schema);
    }
  }

  /** What in the response differs from the description; empty when it is as described. */
  check(response: ObservedResponse): string[] {
    const path = response.path.split('?')[0]!;
    const route = `${response.method} ${path} answered ${response.status}`;
    const operation = this.operations.find((op) => op.method === response.method && op.pattern.test(path));
    const responses: Responses = operation?.responses ?? this.api['x-unknown-route'].responses;
    const family = `${String(response.status)[0]}XX`;
    const found = responses[String(response.status)] ?? responses[family] ?? responses.default;
    if (!found) {
      const listed = Object.keys(responses).join(', ');
      const where = operation ? 'this route' : 'a route it does not describe';
      return [
        `${route}, a status the API description does not list for ${where} (${listed}): ${response.body.slice(0, 300)}`,
      ];
    }
    const described = this.resolve<Described>(found);
    return [...this.headerProblems(described, response), ...this.bodyProblems(described, response)].map(
      (problem) => `${route}: ${problem}`,
    );
  }

  private headerProblems(described: Described, response: ObservedResponse): string[] {
    return Object.entries(described.headers ?? {}).flatMap(([name, header]) => {
      const { required, schema } = this.resolve<{ required?: boolean; schema?: { type?: string } }>(header);
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) return required ? [`the required header ${name} is missing`] : [];
      if (!schema) return [];
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
      return this.schemaProblems(schema, typed, name, `header ${name} (${value})`);
    });
  }

  private bodyProblems(described: Described, response: ObservedResponse): string[] {
    const mediaType = response.headers['content-type']?.split(';')[0]?.trim();
    if (!described.content) return response.body ? [`the description says no body, got ${response.body}`] : [];
    const media = mediaType && Object.hasOwn(described.content, mediaType) ? described.content[mediaType] : undefined;
    if (!media) return [`content type ${mediaType ?? '(none)'} is not described (${Object.keys(described.content)})`];
    if (!media.schema) return [];
    // Every body the API describes is JSON.
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [`the body is not JSON: ${response.body.slice(0, 200)}`];
    }
    return this.schemaProblems(media.schema, body, 'body', 'the body');
  }

  private schemaProblems(schema: object, value: unknown, name: string, what: string): string[] {
    const validate = this.compiled(schema)!;
    if (validate(value)) return [];
    const errors = this.ajv.errorsText(validate.errors, { dataVar: name });
    return [`${what} does not match the description: ${errors}; got ${JSON.stringify(value).slice(0, 500)}`];
  }

  private compiled(schema: object | undefined): ValidateFunction | undefined {
    if (!schema) return undefined;
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(this.rewriteRefs(schema) as object);
      this.validators.set(schema, validate);
    }
    return validate;
  }

  /** Follows a local $ref ("#/components/responses/X") in the description. */
  private resolve<T>(node: T | { $ref: string }): T {
    const ref = (node as { $ref?: string }).$ref;
    if (ref === undefined) return node as T;
    const target = ref
      .slice(2)
      .split('/')
      .reduce((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.api);
    if (target === undefined) throw new Error(`the API description has a dangling $ref ${ref}`);
    return this.resolve(target);
  }

  /** Makes a schema's $refs absolute for ajv, as the http provider's validators are made. */
  private rewriteRefs(node: unknown): unknown {
    return apiSchemaForAjv(node, (file) => this.registerFile(file));
  }

  private registerFile(file: string): string {
    let id = this.files.get(file);
    if (id === undefined) {
      const schema = JSON.parse(readFileSync(new URL(file, API_FILE), 'utf8')) as { $id: string };
      this.ajv.addSchema(schema);
      id = schema.$id;
      this.files.set(file, id);
    }
    return id;
  }
}
