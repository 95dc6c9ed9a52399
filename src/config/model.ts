// The config as declared: every file merged into one model, each entry remembering the file and
// path it came from so rules and plans can point back at it. Shapes mirror the JSON Schema.
import type { WorkspaceSettings } from '../model/state.js';
import type { BillingPlan, PipeLevel, PipeVisibility, Profile, Role, ToolKind } from '../model/vocabulary.js';
import type { Policy } from '../model/policy.js';
import type { Skipped } from './prune.js';
import type { PathSegment } from './source-map.js';
import type { ConfigFile } from './yaml-file.js';

export type RawIntegrationGrant = Profile | { profile?: Profile; disabled_tools?: string[]; expires?: string };
export type RawPipeGrant = PipeLevel | { level: PipeLevel; expires?: string };

export interface RawIntegration {
  name?: string;
  tools?: Record<string, ToolKind>;
  default_profile?: Profile;
}

export interface RawTeam {
  name?: string;
  members: string[];
  integrations?: Record<string, RawIntegrationGrant>;
  pipes?: Record<string, RawPipeGrant>;
}

export interface RawMember {
  email: string;
  name?: string;
  role: Role;
  github?: string;
  integrations?: Record<string, RawIntegrationGrant>;
  pipes?: Record<string, RawPipeGrant>;
  expires?: string;
}

export interface RawKey {
  name: string;
  type: 'personal' | 'workspace';
  owner?: string;
  /** `all`: a workspace key scoped to every integration, present and future. */
  integrations?: Record<string, RawIntegrationGrant> | typeof ALL_INTEGRATIONS;
  users?: string[];
  expires?: string;
  rotate_every?: string;
  deliver?: { file?: string; github_secret?: { repo: string; name: string } };
}

/** How a workspace key's `integrations` says "every integration". */
export const ALL_INTEGRATIONS = 'all';

/** A declared entry and where it stands. */
export interface Declared<T> {
  value: T;
  file: ConfigFile;
  path: PathSegment[];
}

export type ProviderConfig =
  | { type: 'local'; path: string }
  | { type: 'http'; url?: string }
  | { type: 'pipefy'; organizationId: string; url?: string };

export interface ConfigModel {
  root: ConfigFile;
  files: ConfigFile[];
  workspace: { name: string; plan: BillingPlan };
  provider: ProviderConfig;
  policy: Policy;
  /** The root file's settings block, as declared (absent: the defaults). */
  settings: WorkspaceSettings;
  integrations: Map<string, Declared<RawIntegration>>;
  pipes: Map<string, Declared<{ name?: string; visibility?: PipeVisibility; pipefy_id?: string | number }>>;
  teams: Map<string, Declared<RawTeam>>;
  members: Declared<RawMember>[];
  keys: Declared<RawKey>[];
  /** Set when a file breaks the schema: what was left out, which the rules must not report again. */
  skipped?: Skipped;
}

export const DEFAULT_STATE_PATH = '.roster/state.db';

/** Location of a declared entry, or of a field inside it. */
export function where(entry: Declared<unknown>, ...sub: PathSegment[]) {
  return entry.file.locateBelow(entry.path, sub);
}

const KEY = { key: true };

export function whereKey(entry: Declared<unknown>, ...sub: PathSegment[]) {
  return entry.file.locateBelow(entry.path, sub, KEY);
}
