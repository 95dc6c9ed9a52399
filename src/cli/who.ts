// `roster who <email|integration|pipe>`: what one person can use, or who can use one integration
// or pipe, and where each access comes from. Read from the config alone: no workspace is opened.
import { AppError } from '../app/errors.js';
import { type Via, who, type WhoAnswer } from '../app/who.js';
import { validateConfig } from '../config/validate.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { where } from '../render/plan-sections.js';
import { visible } from '../render/visible.js';
import type { Io } from './io.js';

export interface WhoOptions {
  config: string;
  format: 'text' | 'json';
}

export function runWho(io: Io, target: string, options: WhoOptions): number {
  const validation = validateConfig(options.config, { cwd: io.cwd });
  io.err(renderDiagnostics(validation.diagnostics, 'text'));
  if (!validation.desired) throw new AppError('invalid-config', `${options.config} is invalid; fix it first`);
  const answers = who(validation.desired, target);
  if (answers.length === 0) {
    throw new AppError(
      'not-found',
      `${options.config} has no ${target.includes('@') ? 'member' : 'integration or pipe'} ${JSON.stringify(target)}: name a member's email, an integration id or a pipe id`,
    );
  }
  const basis = `as ${options.config} declares it (the desired state; the workspace is not read: roster plan shows what differs)`;
  if (options.format === 'json') {
    io.out(`${JSON.stringify({ config: options.config, basis: 'config', answers }, null, 2)}\n`);
  } else {
    io.out(answers.map(text).join('\n'));
    io.out(`\n${basis}\n`);
  }
  return 0;
}

const from = (vias: Via[]) => `(${vias.map((v) => [v.via, where(v.source)].filter(Boolean).join(' ')).join(', ')})`;
const until = (expires?: string) => (expires ? `  until ${expires}` : '');
const disabled = (tools: string[]) => (tools.length ? `  disabled: ${tools.join(', ')}` : '');

function text(answer: WhoAnswer): string {
  const lines: string[] = [];
  switch (answer.kind) {
    case 'member':
      lines.push(`${answer.email}${answer.name ? ` (${answer.name})` : ''}: ${answer.role}`);
      lines.push(
        'integrations:',
        ...orNone(
          answer.integrations.map(
            (a) => `  ${a.integration}  ${a.profile}${disabled(a.disabledTools)}${until(a.expires)}  ${from(a.from)}`,
          ),
        ),
      );
      lines.push(
        'pipes:',
        ...orNone(answer.pipes.map((a) => `  ${a.pipe}  ${a.level}${until(a.expires)}  ${from(a.from)}`)),
      );
      lines.push(
        'keys:',
        ...orNone(
          answer.keys.map((k) => `  ${k.name}  ${k.type} key, ${k.as === 'owner' ? 'owns it' : 'listed as a user'}`),
        ),
      );
      break;
    case 'integration':
      lines.push(`integration ${answer.id}${answer.name ? ` (${answer.name})` : ''}`);
      lines.push(
        'members:',
        ...orNone(
          answer.members.map(
            (a) => `  ${a.email}  ${a.profile}${disabled(a.disabledTools)}${until(a.expires)}  ${from(a.from)}`,
          ),
        ),
      );
      lines.push('keys scoped to it:', ...orNone(answer.keys.map((name) => `  ${name}`)));
      break;
    case 'pipe':
      lines.push(`pipe ${answer.id}${answer.name ? ` (${answer.name})` : ''}`);
      lines.push(
        'members:',
        ...orNone(answer.members.map((a) => `  ${a.email}  ${a.level}${until(a.expires)}  ${from(a.from)}`)),
      );
      break;
  }
  // Names come from the config: each line goes through visible(), newlines are ours.
  return `${lines.map(visible).join('\n')}\n`;
}

function orNone(lines: string[]): string[] {
  return lines.length ? lines : ['  (none)'];
}
