// What the CLI says when Pipefy cannot be used, in Pipefy's terms: the endpoint that did not
// answer (PIPEFY_URL), the token refused (PIPEFY_TOKEN and the service account's role), and an
// answer that is not Pipefy's (its URL, status, content type and first words). Never a hint about
// roster's own server, and nothing is applied.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePipefy } from '../../src/bench/fake-pipefy/server.js';
import { rosterAsync } from '../helpers/cli.js';
import { HIRING_YAML, openPipefy, PIPEFY_SEED, pipefyConfig } from '../helpers/pipefy.js';
import { tmpDir } from '../helpers/tmp.js';

let fake: FakePipefy | undefined;
let server: Server | undefined;
afterEach(async () => {
  await fake?.close();
  server?.close();
});

async function run(args: string[], url: string, token = 'tok') {
  const dir = tmpDir({ 'roster.yaml': pipefyConfig(HIRING_YAML) });
  const result = await rosterAsync(args, { cwd: dir, env: { PIPEFY_URL: url, PIPEFY_TOKEN: token } });
  expect(result.stderr).not.toMatch(/roster serve|ROSTER_TOKEN|ROSTER_URL|\n\s+at /);
  return result;
}

describe('pipefy failures in Pipefy’s terms', () => {
  it('points an unreachable API at PIPEFY_URL, and a refused token at PIPEFY_TOKEN and the account’s role', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const unreachable = await run(['plan'], `http://127.0.0.1:${port}/graphql`);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(
      `error [unreachable]: Pipefy did not answer at http://127.0.0.1:${port}/graphql`,
    );
    expect(unreachable.stderr).toContain('hint: check PIPEFY_URL (or provider.url)');

    const refused = await run(['plan'], fake.url, 'expired');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('hint: check PIPEFY_TOKEN');
    expect(refused.stderr).toContain('admin or super admin');
  });

  it('refuses an answer that is not Pipefy’s, naming URL, status, content type and first words; nothing applied', async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Sign in</title>');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const applied = await run(['apply', '--yes'], url);
    expect(applied.code).toBe(1);
    expect(applied.stdout).not.toContain('applied');
    expect(applied.stderr).toContain(
      `error [unexpected-answer]: the answer at ${url} to Me is not Pipefy's (HTTP 200, text/html; charset=utf-8, not JSON): it begins "<!doctype html><title>Sign in</title>"`,
    );
  });
});
