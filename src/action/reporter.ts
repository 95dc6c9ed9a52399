// What the commands tell the workflow run, as an interface: main.ts implements it with
// @actions/core (the one place that imports it), so the commands stay plain functions.
export interface ActionReporter {
  /** A line (or lines) for the step's log. */
  info(text: string): void;
  /** An annotation on a file of the repository (path relative to the workspace). */
  annotate(
    severity: 'error' | 'warning',
    message: string,
    at: { file: string; startLine: number; startColumn: number },
  ): void;
  setOutput(name: 'has-changes' | 'plan-json' | 'summary' | 'applied', value: string): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
}
