// Group commit for the authorize hot path. Every decision's audit record must be committed before
// the decision is answered, but one transaction (one fsync) per decision caps the server at the
// disk's sync rate. Records are queued instead, and whatever has gathered by the time the event
// loop comes round (the decisions of the last few milliseconds, more of them the busier the
// server) is written in one transaction; each caller's promise settles only once that
// transaction has committed, so an answered decision is never one the log lacks.
//
// Last use of a key, and of a grant (a tool call allowed to its member), rides along at the grain
// of a minute: the first use in a minute queues an update, later uses in the same minute write
// nothing.
import { type AuditWrite, writeAudit } from './audit.js';
import type { Db } from './database.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private records: AuditWrite[] = [];
  private waiters: Waiter[] = [];
  private lastUse = new Map<string, string>();
  private grantUse = new Map<string, { email: string; integration: string; at: string }>();
  /** The minute each key's (or grant's, as "grant\0email\0integration") last use was last written for (or queued in). */
  private readonly writtenMinute = new Map<string, string>();
  private scheduled = false;
  /** The minute writtenMinute was last pruned in. */
  private prunedMinute = '';

  constructor(private readonly db: Db) {}

  /** Queues an audit record; resolves once it is committed, rejects if its transaction failed. */
  record(entry: AuditWrite): Promise<void> {
    this.records.push(entry);
    this.schedule();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Notes that a key was used at `at`; written at most once per key and minute. */
  touch(keyId: string, at: string): void {
    if (this.firstInMinute(keyId, at)) this.lastUse.set(keyId, at);
  }

  /** Notes that a member's grant on an integration was used at `at`; written at most once per grant and minute. */
  touchGrant(email: string, integration: string, at: string): void {
    const id = `grant\0${email}\0${integration}`;
    if (this.firstInMinute(id, at)) this.grantUse.set(id, { email, integration, at });
  }

  private firstInMinute(id: string, at: string): boolean {
    const minute = at.slice(0, 16);
    if (this.writtenMinute.get(id) === minute) return false;
    this.forgetPastMinutes(minute);
    this.writtenMinute.set(id, minute);
    this.schedule();
    return true;
  }

  /**
   * Writes whatever is queued now, in one transaction. Readers of the log or of last use call it
   * first, so what they read includes every decision answered so far (and those about to be).
   */
  flush(): void {
    if (this.records.length === 0 && this.lastUse.size === 0 && this.grantUse.size === 0) return;
    const records = this.records;
    const waiters = this.waiters;
    const lastUse = this.lastUse;
    const grantUse = this.grantUse;
    this.records = [];
    this.waiters = [];
    this.lastUse = new Map();
    this.grantUse = new Map();
    try {
      this.db.transaction(() => {
        for (const entry of records) writeAudit(this.db, entry);
        const update = this.db.prepare('UPDATE keys SET last_used_at = ? WHERE id = ?');
        for (const [id, at] of lastUse) update.run(at, id);
        const use = this.db.prepare(
          `INSERT INTO grant_use (email, integration, last_used_at) VALUES (?, ?, ?)
           ON CONFLICT (email, integration) DO UPDATE SET last_used_at = MAX(last_used_at, excluded.last_used_at)`,
        );
        for (const { email, integration, at } of grantUse.values()) use.run(email, integration, at);
      })();
    } catch (error) {
      // Nothing of this group was written: its decisions are not answered (the callers fail),
      // and the keys' and grants' last use is written again on their next use.
      for (const id of [...lastUse.keys(), ...grantUse.keys()]) this.writtenMinute.delete(id);
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const waiter of waiters) waiter.resolve();
  }

  /**
   * Once a minute, forgets the keys last written for an earlier minute: their next use writes
   * anyway, and otherwise every key ever used (revoked ones too) would stay in the map.
   */
  private forgetPastMinutes(minute: string): void {
    if (this.prunedMinute === minute) return;
    this.prunedMinute = minute;
    for (const [id, written] of this.writtenMinute) if (written !== minute) this.writtenMinute.delete(id);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the requests that arrived together have been handled: while one
    // group's transaction syncs, the next group gathers in the sockets.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
