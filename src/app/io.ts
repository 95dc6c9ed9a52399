// What a use case needs from where it runs: the folder paths resolve against, the environment that
// holds the provider secrets, and a place for notes meant for a person (diagnostics, warnings).
// The CLI passes its stderr; the action passes its log.
export interface AppIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  log(text: string): void;
}
