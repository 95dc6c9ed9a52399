// The review's output: the access matrix and the findings, in the JSON shape of
// schemas/review.schema.json. Every renderer (markdown, html, csv, json) reads this one shape.

export interface MatrixCell {
  subject: string;
  subjectType: 'member' | 'key';
  /** "integration:<id>" or "pipe:<id>". */
  resource: string;
  /** A tool profile on an integration, a permission level in a pipe. */
  access: string;
  disabledTools: string[];
  /** Where the access comes from: "direct", "team:<id>", "role owner", "public pipe", "key scope", "not in config". */
  sources: string[];
}

export type Severity = 'high' | 'medium' | 'low' | 'info';

export interface Finding {
  /** Stable: scripts and spreadsheets key on it. */
  code: string;
  severity: Severity;
  /** The member's email, the key's name, "integration:<id>", "pipe:<id>" or "workspace". */
  subject: string;
  message: string;
}

export interface Review {
  /** The day the review is as of (YYYY-MM-DD). */
  asOf: string;
  workspace: { name: string; plan: string };
  matrix: MatrixCell[];
  findings: Finding[];
}

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** What the human-readable renderings add to the JSON: who is in the workspace (guests have no cells). */
export interface ReviewFacts {
  members: { email: string; name?: string; role: string }[];
  keys: { name: string; type: string }[];
  integrations: string[];
  pipes: string[];
}
