// At a terminal a person may point a token at a config's URL, but a config that sends the token
// somewhere other than where it last went from this machine is asked about first. What "last"
// means is remembered outside the project folder and without the token itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindCredential, ROSTER_CREDENTIAL, type Terminal } from '../../src/app/credentials.js';
import { EndpointMemory } from '../../src/app/endpoint-memory.js';
import { AppError } from '../../src/app/errors.js';
import { appIo } from '../../src/cli/io.js';
import { tmpDir } from '../helpers/tmp.js';

const TOKEN = `rst_0123456789abcdef_${'T'.repeat(43)}`;
const HOME = 'https://roster.acme.example';
const THIEF = 'https://roster.attacker.example';

/** A terminal whose person answers `answer`, recording each question. */
function person(answer: boolean, memory: EndpointMemory) {
  const asked: string[] = [];
  const terminal: Terminal = {
    ask: async (question) => {
      asked.push(question);
      return answer;
    },
    memory,
  };
  return { terminal, asked };
}

const outcome = (run: Promise<{ url: string }>) =>
  run.then(
    (bound) => bound.url,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('a token at a terminal', () => {
  it('asks before sending it to a URL the config chose and it did not last go to, and sends nothing on "no"', async () => {
    const configDir = tmpDir();
    const memory = EndpointMemory.forUser({ XDG_CONFIG_HOME: configDir });
    const env = { ROSTER_TOKEN: TOKEN };
    // A first use of a URL only the config names is asked about too: there is nothing on record.
    const unsure = person(false, memory);
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, HOME, env, unsure.terminal))).toBe('endpoint-not-confirmed');
    expect(unsure.asked).toEqual([
      `ROSTER_TOKEN has no earlier endpoint on record here; this run would send it to ${HOME}. Send it there? Only "yes" sends it: `,
    ]);
    const first = person(true, memory);
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, HOME, env, first.terminal))).toBe(HOME);
    // Bound by ROSTER_URL, the environment chose it: nothing to ask.
    const bound = person(false, memory);
    const boundEnv = { ROSTER_TOKEN: `${TOKEN}3`, ROSTER_URL: THIEF };
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, undefined, boundEnv, bound.terminal))).toBe(THIEF);
    expect(bound.asked).toEqual([]);

    const pullRequest = person(false, memory);
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, THIEF, env, pullRequest.terminal))).toBe(
      'endpoint-not-confirmed',
    );
    expect(pullRequest.asked).toEqual([
      `ROSTER_TOKEN was last sent to ${HOME}; this run would send it to ${THIEF}. Send it there? Only "yes" sends it: `,
    ]);
    // Refused: the memory still names the first URL, so the next run asks again.
    expect(memory.lastUrl(TOKEN)).toBe(HOME);

    const moved = person(true, memory);
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, THIEF, env, moved.terminal))).toBe(THIEF);
    expect(memory.lastUrl(TOKEN)).toBe(THIEF);
    // Another token has its own memory: nothing is on record for it, so its first use asks.
    const other = person(true, memory);
    expect(await outcome(bindCredential(ROSTER_CREDENTIAL, HOME, { ROSTER_TOKEN: `${TOKEN}2` }, other.terminal))).toBe(
      HOME,
    );
    expect(other.asked).toHaveLength(1);
    expect(other.asked[0]).toContain('has no earlier endpoint on record here');
  });

  it('remembers a keyed hash of the token, never the token, privately in the user config folder', async () => {
    const configDir = tmpDir();
    const memory = EndpointMemory.forUser({ XDG_CONFIG_HOME: configDir });
    await bindCredential(ROSTER_CREDENTIAL, HOME, { ROSTER_TOKEN: TOKEN }, person(true, memory).terminal);
    expect(readdirSync(join(configDir, 'roster'))).toEqual(['endpoints.json']);
    const file = join(configDir, 'roster', 'endpoints.json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(4, 20)); // not even the key id
    expect(Object.values(JSON.parse(text).tokens)).toEqual([HOME]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(EndpointMemory.forUser({ HOME: '/home/someone' })).toEqual(
      EndpointMemory.forUser({ XDG_CONFIG_HOME: '/home/someone/.config' }),
    );
  });

  it('is asked only when stdin and the output are a terminal', () => {
    const base = { out: () => {}, err: () => {}, env: {}, cwd: '/', stdin: process.stdin };
    expect(appIo({ ...base, isTty: false }).ask).toBeUndefined();
    expect(appIo({ ...base, isTty: true }).ask).toBeTypeOf('function');
  });
});
