// The workspace's pipe settings, kept in the meta table beside its name and plan.
import type { WorkspaceSettings } from '../model/state.js';
import type { Db } from './database.js';

const COLUMNS = {
  onlyAdminsManagePipeMembers: 'only_admins_manage_pipe_members',
  guestsCanCreatePipes: 'guests_can_create_pipes',
} as const satisfies Record<keyof WorkspaceSettings, string>;

/** Every setting, with its stored value (the migration writes the defaults). */
export function readSettings(db: Db): Required<WorkspaceSettings> {
  const value = (key: string) =>
    (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  return {
    onlyAdminsManagePipeMembers: value(COLUMNS.onlyAdminsManagePipeMembers) === 'true',
    guestsCanCreatePipes: value(COLUMNS.guestsCanCreatePipes) !== 'false',
  };
}

/** Writes the settings given; the others stay as they are. */
export function writeSettings(db: Db, settings: WorkspaceSettings): void {
  const write = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  for (const [name, column] of Object.entries(COLUMNS) as [keyof WorkspaceSettings, string][]) {
    const value = settings[name];
    if (value !== undefined) write.run(String(value), column);
  }
}
