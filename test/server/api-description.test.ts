// schemas/workspace-api.yaml describes every route the server answers, and nothing it does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startServer } from '../helpers/server.js';

const api = parse(readFileSync(join(import.meta.dirname, '../../schemas/workspace-api.yaml'), 'utf8'));

describe('the API description', () => {
  it('is OpenAPI 3.1 and every described operation is answered by the server', async () => {
    expect(api.openapi).toBe('3.1.0');
    const server = await startServer();
    for (const [path, operations] of Object.entries(api.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) {
        const response = await server.call(
          server.ownerKey,
          method.toUpperCase(),
          path,
          method === 'post' ? {} : undefined,
        );
        expect(response.status, `${method} ${path}`).not.toBe(404);
      }
    }
  });

  it('documents every status the batch endpoint can answer', () => {
    const statuses = Object.keys(api.paths['/v1/changes'].post.responses);
    expect(statuses).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409', '412', '413', '422', '429']));
  });
});
