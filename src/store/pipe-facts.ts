// The facts a pipe decision needs (pipe-powers.ts), read from the store.
import { isExpired, todayUtc } from '../model/dates.js';
import type { PipeFacts } from '../model/pipe-powers.js';
import type { PipeLevel, PipeVisibility, Role } from '../model/vocabulary.js';
import type { Db } from './database.js';
import { readSettings } from './settings.js';

export function readPipeFacts(
  db: Db,
  pipe: string,
  person: { email: string; role: Role; expires?: string } | undefined,
  now: Date,
): PipeFacts {
  const row = db.prepare('SELECT visibility FROM pipes WHERE id = ?').get(pipe) as
    { visibility: PipeVisibility } | undefined;
  const membership = person
    ? (db.prepare('SELECT level, expires FROM pipe_members WHERE pipe = ? AND email = ?').get(pipe, person.email) as
        { level: PipeLevel; expires: string | null } | undefined)
    : undefined;
  const today = todayUtc(now);
  // An expired membership is no membership, from the day after its last day.
  const current = membership && !isExpired(membership.expires ?? undefined, today) ? membership : undefined;
  return {
    today,
    ...(person ? { person } : {}),
    ...(row ? { pipe: row } : {}),
    ...(current ? { level: current.level } : {}),
    settings: readSettings(db),
  };
}
