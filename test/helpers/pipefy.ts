// A small Pipefy organization for the fake Pipefy, and the provider opened on it in-process.
import { startFakePipefy } from '../../src/bench/fake-pipefy/server.js';
import type { FakeSeed } from '../../src/bench/fake-pipefy/state.js';
import { PipefyClient } from '../../src/providers/pipefy/client.js';
import { PipefyProvider } from '../../src/providers/pipefy/pipefy-provider.js';
import type { DeclaredPipe } from '../../src/providers/pipefy/read.js';

/** Organization 300: bot (the token's account, a company admin) and pipe 10 (hiring) it belongs to; pipe 11 it does not. */
export const PIPEFY_SEED: FakeSeed = {
  organizations: [
    {
      id: '300',
      members: [
        { email: 'bot@acme.io', role: 'admin' },
        { email: 'ana@acme.io', role: 'super_admin' },
        { email: 'fin@acme.io', role: 'normal' },
        { email: 'gus@acme.io', role: 'company_guest' },
        { email: 'ext@acme.io', role: 'external_guest' },
        { email: 'cre@acme.io', role: 'normal' },
      ],
    },
  ],
  pipes: [
    {
      id: '10',
      organization: '300',
      members: [
        { email: 'bot@acme.io', role: 'admin' },
        { email: 'fin@acme.io', role: 'my_cards_only' },
        { email: 'cre@acme.io', role: 'creator' },
      ],
    },
    { id: '11', organization: '300', members: [{ email: 'fin@acme.io', role: 'member' }] },
  ],
  tokens: { tok: 'bot@acme.io', 'fin-tok': 'fin@acme.io' },
};

export const HIRING: DeclaredPipe = { id: 'hiring', pipefyId: '10', source: { file: 'roster.yaml', line: 7, col: 3 } };

/** The fake Pipefy seeded with `seed`, and a provider on it that retries without waiting. */
export async function openPipefy(seed: FakeSeed = PIPEFY_SEED, pipes = [HIRING], org = '300', token = 'tok') {
  const fake = await startFakePipefy(seed);
  const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2000 };
  const client = new PipefyClient(fake.url, token, retry, async () => {});
  const provider = new PipefyProvider(client, org, {
    workspace: { name: 'acme', plan: 'business' },
    pipes,
    names: new Map(),
  });
  return { fake, provider, client, cbc: provider.changeByChange! };
}

/** A config on organization 300 of PIPEFY_SEED, declaring `pipes` (line 7 declares the first). */
export const pipefyConfig = (pipes: string, org = '300') => `version: 1
workspace: { name: acme, plan: business }
provider: { type: pipefy, organization_id: "${org}" }
policy:
  max_removals: { count: 5 }
pipes:
  ${pipes}
members:
  - { email: ana@acme.io, role: owner }
  - { email: bot@acme.io, role: admin }
  - { email: fin@acme.io, role: member, pipes: { hiring: read-only } }
  - { email: cre@acme.io, role: member, pipes: { hiring: admin } }
  - { email: gus@acme.io, role: guest }
  - { email: new@acme.io, name: New, role: member, pipes: { hiring: member } }
`;

/** The pipe of PIPEFY_SEED the token's account belongs to, as a config declares it. */
export const HIRING_YAML = 'hiring: { name: Hiring, pipefy_id: "10" }';
