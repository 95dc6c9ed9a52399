// The README's ten-minute tutorial, followed literally: its commands in order, the roster.yaml it
// shows written as shown, its edits made as its words say, and every output it shows printed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roster, type RunResult } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const TUTORIAL = README.slice(README.indexOf('## Ten-minute tutorial'), README.indexOf('## Concepts'));

interface Block {
  lang: string;
  body: string;
  /** The prose between the previous block and this one. */
  before: string;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  let rest = markdown;
  for (let match = /```(\w*)\n([\s\S]*?)```/.exec(rest); match; match = /```(\w*)\n([\s\S]*?)```/.exec(rest)) {
    found.push({ lang: match[1]!, body: match[2]!, before: rest.slice(0, match.index) });
    rest = rest.slice(match.index + match[0].length);
  }
  return found;
}

/** The edits the tutorial asks for in words, each checked to still be what the words say. */
const EDITS: { says: string; edit: (config: string) => string }[] = [
  {
    says: "Change the finance team's `stripe: no-delete` to `stripe: no-delte`",
    edit: (config) => config.replace('integrations: { stripe: no-delete }', 'integrations: { stripe: no-delte }'),
  },
  { says: 'Put `no-delete` back.', edit: (config) => config.replace('stripe: no-delte', 'stripe: no-delete') },
  {
    says: "delete Sam's entry (the six lines from `- email: sam@acme.com` to\n`expires: 2027-06-30`)",
    edit: (config) => config.replace(/ {2}- email: sam@acme\.com\n(.*\n){4}.*expires: 2027-06-30\n/, ''),
  },
];

describe('the README tutorial', () => {
  it('works as written, step by step', () => {
    const dir = tmpDir();
    const config = join(dir, 'roster.yaml');
    let last: RunResult[] = [];
    for (const block of blocks(TUTORIAL)) {
      for (const { says, edit } of EDITS) {
        if (!block.before.replace(/\s+/g, ' ').includes(says.replace(/\s+/g, ' '))) continue;
        const edited = edit(readFileSync(config, 'utf8'));
        expect(edited, says).not.toBe(readFileSync(config, 'utf8'));
        writeFileSync(config, edited);
      }
      if (block.lang === 'yaml') {
        expect(block.body.split('\n')[0]).toBe('# roster.yaml');
        writeFileSync(config, block.body);
      } else if (block.lang === 'sh') {
        const commands = block.body.split('\n').filter((line) => line.trim() !== '');
        last = commands.map((line) => {
          const [program, ...args] = line.split(/\s+/);
          expect(program).toBe('roster');
          return roster(args, { cwd: dir });
        });
      } else if (block.lang === 'text') {
        const output = last.map((run) => run.stdout + run.stderr).join('\n');
        const failing = block.body.includes('error [');
        for (const run of last) expect(run.code, output).toBe(failing ? 1 : 0);
        const printed = new Set(output.split('\n').map((line) => line.trimEnd()));
        for (const line of block.body.trimEnd().split('\n')) expect(printed, output).toContain(line);
        last = [];
      }
    }
    // Commands whose output the tutorial does not show still succeed, and say what they made.
    for (const run of last) expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, '.roster/secrets/fin-agent.key'))).toBe(true);
    expect(readFileSync(join(dir, 'review.html'), 'utf8')).toContain('sam@acme.com');
  });
});
