// A Pipefy sandbox to try the pipefy provider without a Pipefy account: the fake Pipefy (written
// from Pipefy's published API, see schema.ts), seeded with an organization, two pipes and a few
// people, on 127.0.0.1. `npm run pipefy-sandbox` starts it and prints the provider block and the
// token to use; PIPEFY_SANDBOX_PORT picks another port (0: any free one). Nothing is kept.
import { startFakePipefy } from './server.js';
import type { FakeSeed } from './state.js';

const TOKEN = 'sandbox-token';

const SANDBOX_SEED: FakeSeed = {
  organizations: [
    {
      id: '300',
      name: 'Acme sandbox',
      members: [
        { email: 'ana@acme.example', name: 'Ana', role: 'super_admin' },
        { email: 'roster-bot@acme.example', name: 'roster bot', role: 'admin' },
        { email: 'fin@acme.example', name: 'Fin', role: 'normal' },
        { email: 'gus@acme.example', name: 'Gus', role: 'company_guest' },
      ],
    },
  ],
  pipes: [
    {
      id: '10',
      organization: '300',
      name: 'Hiring',
      members: [
        { email: 'roster-bot@acme.example', role: 'admin' },
        { email: 'fin@acme.example', role: 'my_cards_only' },
      ],
    },
    { id: '11', organization: '300', name: 'Buying', members: [{ email: 'roster-bot@acme.example', role: 'admin' }] },
  ],
  tokens: { [TOKEN]: 'roster-bot@acme.example' },
};

const port = Number(process.env.PIPEFY_SANDBOX_PORT ?? 4747);
const fake = await startFakePipefy(SANDBOX_SEED, port).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `port ${port} is taken: set PIPEFY_SANDBOX_PORT to a free port (0 picks one)`
      : `the sandbox could not start: ${error.message}`,
  );
  process.exit(1);
});
const lines = [
  `Pipefy sandbox: a local fake of Pipefy's GraphQL API at ${fake.url}`,
  'Organization 300 (Acme sandbox): ana@acme.example (super_admin), roster-bot@acme.example (admin, the token),',
  '  fin@acme.example (normal; my_cards_only in Hiring), gus@acme.example (company_guest)',
  'Pipes: 10 Hiring, 11 Buying',
  '',
  'The provider block for roster.yaml:',
  '  provider: { type: pipefy, organization_id: "300" }',
  '  pipes:',
  '    hiring: { name: Hiring, pipefy_id: "10" }',
  '    buying: { name: Buying, pipefy_id: "11" }',
  '',
  'The token, in the shell that runs roster:',
  `  export PIPEFY_URL=${fake.url} PIPEFY_TOKEN=${TOKEN}`,
  '',
  'Ctrl-C stops the sandbox; it keeps nothing.',
];
console.log(lines.join('\n'));
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
