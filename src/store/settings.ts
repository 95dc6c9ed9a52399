// The workspace's pipe settings, kept in the meta table beside its name and plan.
import { effectiveSettings } from '../model/pipe-powers.js';
import type { WorkspaceSettings } from '../model/state.js';
import type { Db } from './database.js';

const COLUMNS = {
  onlyAdminsManagePipeMembers: 'only_admins_manage_pipe_members',
  guestsCanCreatePipes: 'guests_can_create_pipes',
} as const satisfies Record<keyof WorkspaceSettings, string>;

/** Every setting: the stored value, or its default. */
export function readSettings(db: Db): Required<WorkspaceSettings> {
  const stored: WorkspaceSettings = {};
  for (const [name, column] of Object.entries(COLUMNS) as [keyof WorkspaceSettings, string][]) {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(column) as { value: string } | undefined;
    if (row) stored[name] = row.value === 'true';
  }
  return effectiveSettings(stored);
}

/** Writes the settings given; the others stay as they are. */
export function writeSettings(db: Db, settings: WorkspaceSettings): void {
  const write = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  for (const [name, column] of Object.entries(COLUMNS) as [keyof WorkspaceSettings, string][]) {
    const value = settings[name];
    if (value !== undefined) write.run(String(value), column);
  }
}
