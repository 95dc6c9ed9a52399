// The action's inputs (action.yml), typed. The runner passes an input left out as an empty
// string, so an empty value means unset.
import { AppError } from '../app/errors.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'drift'] as const;
export type ActionCommand = (typeof COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** The root config file, relative to the workspace. */
  config: string;
  githubToken?: string;
  /** The one endpoint ROSTER_TOKEN may be sent to (ROSTER_URL for the provider). */
  rosterUrl?: string;
  /** The login github-token comments as, when it is not the workflow token (an App's `<slug>[bot]`). */
  commenter?: string;
}

/** `getInput` is @actions/core's: the value of INPUT_<NAME>, trimmed. */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const optional = (name: string) => getInput(name) || undefined;
  const command = getInput('command');
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new AppError(
      'bad-input',
      command
        ? `the command input is ${JSON.stringify(command)}; use one of ${COMMANDS.join(', ')}`
        : `the command input is required: one of ${COMMANDS.join(', ')}`,
    );
  }
  const githubToken = optional('github-token');
  const rosterUrl = optional('roster-url');
  const commenter = optional('commenter');
  return {
    command: command as ActionCommand,
    config: optional('config') ?? 'roster.yaml',
    ...(githubToken ? { githubToken } : {}),
    ...(rosterUrl ? { rosterUrl } : {}),
    ...(commenter ? { commenter } : {}),
  };
}
