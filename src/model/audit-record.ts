// One record of a workspace's audit log, as the store keeps it and every provider reads it back.

/** Who did what and when; for changes applied from git, the commit, pull request and approvers. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  actorRole?: string;
  keyName?: string;
  action: string;
  subject?: string;
  detail: unknown;
  commit?: string;
  pullRequest?: number;
  approvers?: string[];
  stateVersion: number;
}
