// What a use case needs from where it runs: the folder paths resolve against, the environment that
// holds the provider secrets, and a place for notes meant for a person (diagnostics, warnings).
// The CLI passes its stderr; the action passes its log.
import type { Diagnostic } from '../config/diagnostic.js';

export interface AppIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  log(text: string): void;
  /** The config's diagnostics, when the caller shows them its own way (annotations); else they are logged as text. */
  diagnostics?(diagnostics: readonly Diagnostic[]): void;
  /**
   * Asks the person at the terminal a yes-or-no question (true only on "yes"). Absent when no one
   * is there to ask: no TTY, a script, CI, the GitHub Action.
   */
  ask?(question: string): Promise<boolean>;
}
