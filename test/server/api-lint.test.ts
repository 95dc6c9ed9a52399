// schemas/workspace-api.yaml is valid OpenAPI by redocly's recommended rules, so a client generated
// from it is right. Every problem, warning or error, fails; the one exception is named below.
import { fileURLToPath } from 'node:url';
import { BaseResolver, createConfig, lint, type NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it, vi } from 'vitest';

const API = fileURLToPath(new URL('../../schemas/workspace-api.yaml', import.meta.url));

/** Resolves local files only: the lint must never reach the network (no remote $ref). */
const resolver = new BaseResolver({
  http: {
    headers: [],
    customFetch: (url: string) => {
      throw new Error(`the API description must not reference a remote document (${url})`);
    },
  },
});

async function lintApi(): Promise<NormalizedProblem[]> {
  const config = await createConfig(
    { extends: ['recommended'] },
    {
      externalRefResolver: resolver,
      ignore: {
        [API]: {
          // GET /v1/health and /v1/ready need no key and are not rate limited: no 4XX answer to describe.
          'operation-4xx-response': new Set([
            '#/paths/~1v1~1health/get/responses',
            '#/paths/~1v1~1ready/get/responses',
          ]),
        },
      },
    },
  );
  return lint({ ref: API, config, externalRefResolver: resolver });
}

function describeProblem(problem: NormalizedProblem): string {
  const where = problem.location[0]?.pointer ?? '';
  return `${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}`;
}

describe('the API description lint', () => {
  it("has no error or warning under redocly's recommended rules", async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const problems = (await lintApi()).filter((problem) => !problem.ignored);
    expect(problems.map(describeProblem)).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});
