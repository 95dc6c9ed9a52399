// Invitations: a member invited through the store is pending until they accept, and they accept
// by using the workspace, that is with the first request their own personal key authenticates
// (a key an admin created for them counts once they use it). Acceptance is a change of state: the
// version moves (a plan made before it is stale) and the audit log records it.
import type { Db } from './database.js';
import { writeAudit } from './audit.js';
import { readVersion } from './snapshot.js';

/** Marks `email`'s invitation accepted, if it is pending; says whether it was. */
export function acceptInvitation(db: Db, email: string, keyName: string, now: Date): boolean {
  return db
    .transaction(() => {
      const accepted = db
        .prepare(`UPDATE members SET status = 'active' WHERE email = ? AND status = 'pending' RETURNING role`)
        .get(email) as { role: string } | undefined;
      if (!accepted) return false;
      const version = readVersion(db) + 1;
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'state_version'`).run(String(version));
      writeAudit(db, {
        at: now.toISOString(),
        actor: { name: email, role: accepted.role as never, keyName },
        action: 'member.accept',
        subject: email,
        detail: { email },
        stateVersion: version,
      });
      return true;
    })
    .immediate();
}
