// Remembers, on this machine, which endpoint each token was last sent to, so that in a terminal a
// config that points the same token elsewhere is noticed and asked about. The token itself is
// never written: only a keyed hash of it (HMAC-SHA256), beside the URL, in the user's own config
// folder ($XDG_CONFIG_HOME/roster or ~/.config/roster, %APPDATA%\roster on Windows), never in a
// project folder that a pull request could fill.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readSmallFile } from '../config/small-file.js';
import { writePrivateFile } from './private-file.js';

const FILE = 'endpoints.json';
/** Tokens remembered at most; the least recently used are forgotten first. */
const MAX_REMEMBERED = 100;

export class EndpointMemory {
  constructor(private readonly dir: string) {}

  /** The memory in the user's config folder, as the environment names it. */
  static forUser(env: NodeJS.ProcessEnv): EndpointMemory {
    const base =
      env.XDG_CONFIG_HOME ||
      (process.platform === 'win32' && env.APPDATA ? env.APPDATA : join(env.HOME || homedir(), '.config'));
    return new EndpointMemory(join(base, 'roster'));
  }

  /** The endpoint `token` was last sent to from here, if it was. */
  lastUrl(token: string): string | undefined {
    return this.read().get(fingerprint(token));
  }

  /** Records that `token` was sent to `url`. Best effort: a memory that cannot be written is not an error. */
  remember(token: string, url: string): void {
    const entries = this.read();
    const key = fingerprint(token);
    entries.delete(key); // re-added last: the most recently used
    entries.set(key, url);
    const kept = [...entries].slice(-MAX_REMEMBERED);
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writePrivateFile(
        this.dir,
        [FILE],
        `${JSON.stringify({ version: 1, tokens: Object.fromEntries(kept) }, null, 2)}\n`,
        () => undefined,
      );
    } catch {
      // A read-only home: the next run asks again rather than fail this one.
    }
  }

  private read(): Map<string, string> {
    let tokens: unknown;
    try {
      const text = readSmallFile(join(this.dir, FILE), 1 << 20);
      tokens = text === undefined ? undefined : (JSON.parse(text) as { tokens?: unknown }).tokens;
    } catch {
      return new Map(); // none yet, or unreadable: nothing remembered
    }
    if (typeof tokens !== 'object' || tokens === null) return new Map();
    return new Map(Object.entries(tokens).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
}

/** A keyed hash of the token: it names the token's entry and cannot be turned back into it. */
function fingerprint(token: string): string {
  return createHmac('sha256', 'roster endpoint memory').update(token).digest('hex');
}
