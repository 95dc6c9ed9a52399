// A fake Pipefy GraphQL endpoint on 127.0.0.1 for tests and the benchmark: a real schema
// (graphql-js) over in-memory state, Bearer tokens standing for users, and Pipefy's quirks
// switchable through `state.quirks`. Every answer carries a correlation id (header and errors).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql } from 'graphql';
import { rootFor } from './resolvers.js';
import { fakePipefySchema } from './schema.js';
import { FakePipefyState, type FakeSeed } from './state.js';

export interface FakePipefy {
  /** The GraphQL endpoint: http://127.0.0.1:<port>/graphql. */
  url: string;
  state: FakePipefyState;
  close(): Promise<void>;
}

export const CORRELATION_HEADER = 'x-correlation-id';

export async function startFakePipefy(seed: FakeSeed = {}, port = 0): Promise<FakePipefy> {
  const state = new FakePipefyState(seed);
  let served = 0;
  const server = createServer((request, response) => {
    const correlationId = `fake-${++served}`;
    handle(state, correlationId, request, response).catch((error: unknown) => {
      send(response, 500, { errors: [{ message: String(error) }] }, correlationId);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  state: FakePipefyState,
  correlationId: string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const body = await readBody(request);
  const { quirks } = state;
  if (quirks.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, quirks.latencyMs));
  const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
    state.requests.push({ status });
    send(response, status, payload, correlationId, headers);
  };
  if (quirks.rateLimited > 0) {
    quirks.rateLimited--;
    return answer(429, { errors: [{ message: 'Too many requests' }] }, { 'retry-after': '0' });
  }
  // A failure before or after the work is done: only the second leaves the outcome unknown for real.
  const failure = quirks.badGateway > 0 ? 'bad-gateway' : quirks.dropConnections > 0 ? 'drop' : undefined;
  if (failure === 'bad-gateway') quirks.badGateway--;
  if (failure === 'drop') quirks.dropConnections--;
  const fail = () => {
    if (failure === 'bad-gateway') return answer(502, '<html>502 Bad Gateway</html>');
    state.requests.push({ status: 0 });
    request.socket.destroy();
  };
  if (failure && !quirks.failAfterEffect) return fail();

  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const userId = token === undefined ? undefined : state.tokens.get(token);
  const caller = userId === undefined ? undefined : state.users.get(userId);
  if (request.method !== 'POST' || !caller) {
    if (failure) return fail();
    return answer(401, { errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHORIZED' } }] });
  }
  let parsed: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return answer(400, { errors: [{ message: 'the body is not JSON' }] });
  }
  const result = await graphql({
    schema: fakePipefySchema,
    source: String(parsed.query ?? ''),
    rootValue: rootFor(state, caller),
    variableValues: (parsed.variables as Record<string, unknown> | undefined) ?? null,
    operationName: typeof parsed.operationName === 'string' ? parsed.operationName : null,
  });
  if (failure) return fail();
  const errors = result.errors?.map((error) => {
    const json = error.toJSON();
    return { ...json, extensions: { ...json.extensions, correlation_id: correlationId } };
  });
  answer(200, { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) });
}

function send(
  response: ServerResponse,
  status: number,
  payload: unknown,
  correlationId: string,
  headers: Record<string, string> = {},
) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': typeof payload === 'string' ? 'text/html' : 'application/json',
    [CORRELATION_HEADER]: correlationId,
    ...headers,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
