// Binds each provider's token to its endpoint. A config may come from a stranger's pull request,
// so it never decides where a token goes: the environment that holds the token also names the
// endpoint (ROSTER_URL for ROSTER_TOKEN, PIPEFY_URL for PIPEFY_TOKEN), and a config naming
// another one is refused before any request is made. Only a person at a terminal may let a
// config's URL have the token, and is asked first when it is not where that token last went.
// Every provider that sends a token from the environment goes through bindCredential with its own
// CredentialSpec.
import { EndpointError, normalizeEndpoint } from '../providers/endpoint.js';
import type { EndpointMemory } from './endpoint-memory.js';
import { AppError } from './errors.js';

/** A person at a terminal (stdin and the output are TTYs, and not CI): absent otherwise. */
export interface Terminal {
  /** Asks a yes-or-no question; true only on a clear yes. */
  ask(question: string): Promise<boolean>;
  /** Where each token was last sent from this machine. */
  memory: EndpointMemory;
}

export interface CredentialSpec {
  /** The environment variable holding the secret. */
  tokenVar: string;
  /** The environment variable naming the one endpoint the secret may go to. */
  urlVar: string;
  /** Where the token goes when neither the environment nor the config names an endpoint. */
  defaultUrl?: string;
  /** What the token must be, for the message when it is missing. */
  tokenIs: string;
}

export const ROSTER_CREDENTIAL: CredentialSpec = {
  tokenVar: 'ROSTER_TOKEN',
  urlVar: 'ROSTER_URL',
  tokenIs: 'the personal key of an owner or admin of the workspace',
};
export const PIPEFY_CREDENTIAL: CredentialSpec = {
  tokenVar: 'PIPEFY_TOKEN',
  urlVar: 'PIPEFY_URL',
  defaultUrl: 'https://api.pipefy.com/graphql',
  tokenIs: 'the token of a Pipefy service account (or user) that is an admin of the organization, for the GraphQL API',
};

/**
 * The normalized endpoint the token may be sent to, or a AppError saying why it may not be sent.
 * `interactive`: a person at a terminal runs this; only then may a config's URL have the token.
 */
export function bindEndpoint(
  spec: CredentialSpec,
  configUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  interactive = false,
): string {
  const { tokenVar, urlVar } = spec;
  const bound = env[urlVar]?.trim();
  const config = configUrl === undefined ? undefined : checked(configUrl, 'provider.url');
  if (bound) {
    const allowed = checked(bound, urlVar);
    if (config !== undefined && config !== allowed) {
      throw new AppError(
        'endpoint-mismatch',
        `the config's provider.url is ${config}, but ${urlVar} allows ${tokenVar} to go only to ${allowed}; nothing was sent. Make provider.url match ${urlVar} or remove it from the config`,
      );
    }
    return allowed;
  }
  const fallback = spec.defaultUrl === undefined ? undefined : checked(spec.defaultUrl, `the default ${urlVar}`);
  if (config === undefined || config === fallback) {
    if (fallback !== undefined) return fallback;
    throw new AppError('missing-url', `no workspace URL: set ${urlVar} (or provider.url in the config)`);
  }
  // CI, a script, a pipe: nobody is there to notice a pull request's URL, whatever CI says.
  if (!interactive || runsInCi(env)) {
    throw new AppError(
      'unbound-token',
      `without a terminal (or in CI), ${tokenVar} is sent only to the endpoint ${urlVar} names, never to one a config chooses (a pull request can change the config); set ${urlVar} to ${config} if that is your workspace. Nothing was sent`,
    );
  }
  return config;
}

/**
 * The endpoint and the token for it, from the environment. At a terminal, a token about to go
 * somewhere other than where it last went from this machine is sent only if the person says so.
 */
export async function bindCredential(
  spec: CredentialSpec,
  configUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  terminal?: Terminal,
): Promise<{ url: string; token: string }> {
  const url = bindEndpoint(spec, configUrl, env, terminal !== undefined);
  const token = env[spec.tokenVar];
  if (!token) {
    throw new AppError('missing-token', `set ${spec.tokenVar} to ${spec.tokenIs} at ${url}`);
  }
  if (terminal) {
    const last = terminal.memory.lastUrl(token);
    // Only the config chose this URL (not the environment, not the default): with nothing on
    // record for the token (a first use, or a memory that could not be written), ask too.
    const byDefault = spec.defaultUrl !== undefined && url === checked(spec.defaultUrl, `the default ${spec.urlVar}`);
    const configChose = !env[spec.urlVar]?.trim() && configUrl !== undefined && !byDefault;
    if (last !== url && (last !== undefined || configChose)) {
      const before = last === undefined ? 'has no earlier endpoint on record here' : `was last sent to ${last}`;
      const yes = await terminal.ask(
        `${spec.tokenVar} ${before}; this run would send it to ${url}. Send it there? Only "yes" sends it: `,
      );
      if (!yes) {
        throw new AppError(
          'endpoint-not-confirmed',
          `${spec.tokenVar} was not sent to ${url}: it ${before}. Check provider.url (and ${spec.urlVar}); nothing was sent`,
        );
      }
    }
    terminal.memory.remember(token, url);
  }
  return { url, token };
}

function checked(url: string, what: string): string {
  try {
    return normalizeEndpoint(url, what);
  } catch (error) {
    if (error instanceof EndpointError) throw new AppError('bad-endpoint', `${error.message}; nothing was sent`);
    throw error;
  }
}

function runsInCi(env: NodeJS.ProcessEnv): boolean {
  return [env.CI, env.GITHUB_ACTIONS].some((value) => value !== undefined && !['', '0', 'false'].includes(value));
}
