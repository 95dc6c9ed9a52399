// Whether the terminal output may carry colour escapes: only on a terminal, and never when the
// user opted out with NO_COLOR (https://no-color.org: set and not empty) or --no-color.
export function colourWanted(isTty: boolean, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (!isTty || noColorFlag) return false;
  const noColor = env.NO_COLOR;
  return noColor === undefined || noColor === '';
}
