// Versioned schema migrations, applied in order inside one transaction each. Never edit a
// released migration: add a new one. PRAGMA user_version holds the number applied.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('state_version', '0'), ('workspace_name', ''), ('workspace_plan', 'business');

  CREATE TABLE members (
    email TEXT PRIMARY KEY,
    name TEXT,
    role TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    managed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX members_role ON members (role);

  CREATE TABLE integrations (id TEXT PRIMARY KEY, name TEXT, managed INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE tools (
    integration TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (integration, name)
  );

  CREATE TABLE grants (
    email TEXT NOT NULL REFERENCES members (email) ON DELETE CASCADE,
    integration TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    disabled_tools TEXT NOT NULL DEFAULT '[]',
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (email, integration)
  );

  CREATE TABLE pipes (id TEXT PRIMARY KEY, name TEXT, managed INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE pipe_members (
    pipe TEXT NOT NULL REFERENCES pipes (id) ON DELETE CASCADE,
    email TEXT NOT NULL REFERENCES members (email) ON DELETE CASCADE,
    level TEXT NOT NULL,
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pipe, email)
  );
  CREATE INDEX pipe_members_email ON pipe_members (email);

  -- The secret is never stored: only its SHA-256, looked up by the key id embedded in it.
  CREATE TABLE keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    owner TEXT REFERENCES members (email) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT '[]',
    users TEXT NOT NULL DEFAULT '[]',
    secret_hash BLOB NOT NULL,
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    rotated_at TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE INDEX keys_owner ON keys (owner);

  -- Audit records name members and keys by value, so they outlive them.
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT,
    key_name TEXT,
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    commit_sha TEXT,
    pull_request INTEGER,
    approvers TEXT,
    state_version INTEGER NOT NULL
  );
  CREATE INDEX audit_subject ON audit (subject);
  CREATE INDEX audit_key ON audit (key_name);
  CREATE INDEX audit_at ON audit (at);

  -- A retried batch returns its first result. The lookup key and the encryption key both derive
  -- from the client's Idempotency-Key, which is never stored, so stored results reveal nothing.
  CREATE TABLE idempotency (
    lookup BLOB PRIMARY KEY,
    request_hash BLOB NOT NULL,
    result BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: idempotency records are scoped to the caller's secret and expire after a day. Records of
  // the first scheme opened with the Idempotency-Key alone: they are wiped, not kept.
  `
  PRAGMA secure_delete = ON;
  DELETE FROM idempotency;
  CREATE INDEX idempotency_created ON idempotency (created_at);
  `,
  // 3: pipe visibility, the workspace's pipe settings, and invitations: a member invited from
  // now on is pending (members.status) until their first authenticated request; those already
  // here stay active.
  `
  ALTER TABLE pipes ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private';
  ALTER TABLE members ADD COLUMN invited_at TEXT;
  INSERT INTO meta (key, value) VALUES ('only_admins_manage_pipe_members', 'false'), ('guests_can_create_pipes', 'true');
  `,
  // 4: a member's last day (the server refuses them from the day after, whatever plan is still
  // to be applied), and workspace keys scoped to every integration (`integrations: all`).
  `
  ALTER TABLE members ADD COLUMN expires TEXT;
  ALTER TABLE keys ADD COLUMN all_integrations INTEGER NOT NULL DEFAULT 0;
  `,
  // 5: each grant's last use, kept per minute by the authorize path (GroupCommit), so the review's
  // "unused for 90 days" reads one row per grant instead of scanning the audit log; filled here
  // from the log once. Each grant's last grant.set (granted_at), so a grant made yesterday is not
  // "unused for 90 days"; also filled from the log. And the audit log by actor, for \`roster audit --member\` (records about a
  // member use audit_subject, which holds (subject, id): id is the rowid).
  `
  CREATE TABLE grant_use (
    email TEXT NOT NULL,
    integration TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    PRIMARY KEY (email, integration)
  ) WITHOUT ROWID;
  INSERT INTO grant_use (email, integration, last_used_at)
    SELECT subject, json_extract(detail, '$.integration'), MAX(at) FROM audit
    WHERE action = 'tool.allowed' AND subject IS NOT NULL AND json_extract(detail, '$.integration') IS NOT NULL
    GROUP BY subject, json_extract(detail, '$.integration');
  ALTER TABLE grants ADD COLUMN granted_at TEXT;
  UPDATE grants SET granted_at = (
    SELECT MAX(at) FROM audit
    WHERE subject = grants.email AND action = 'grant.set' AND json_extract(detail, '$.integration') = grants.integration
  );
  CREATE INDEX audit_actor ON audit (actor, id);
  `,
  // 6: rotations in two steps. A staged rotation adds its new secret's hash to pending_secrets
  // (SHA-256 hashes end to end, newest last) while secret_hash keeps working; retiring the previous
  // secret moves the newest into secret_hash. pending_since: when the first unfinished one began.
  `
  ALTER TABLE keys ADD COLUMN pending_secrets BLOB;
  ALTER TABLE keys ADD COLUMN pending_since TEXT;
  `,
];
