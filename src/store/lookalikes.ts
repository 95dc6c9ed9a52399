// The server's side of the config's look-alike rule (src/config/rules.ts): an invitation may not
// bring in an email a reader cannot tell from a member's, nor one holding characters a reader
// cannot see. Otherwise a second person could pass a review as the first.
import { lookKey, unseenProblem } from '../model/email-look.js';
import type { Db } from './database.js';

export class Lookalikes {
  /** Members by the look of their email; read once per batch, on the first invitation. */
  private byLook: Map<string, string> | undefined;

  constructor(private readonly db: Db) {}

  /** Why `email` may not be invited, or undefined; a new member's look is remembered. */
  problem(email: string): { code: string; message: string } | undefined {
    const unseen = unseenProblem(email);
    if (unseen) return { code: 'invisible-character', message: unseen };
    this.byLook ??= new Map(
      (this.db.prepare('SELECT email FROM members').all() as { email: string }[]).map((row) => [
        lookKey(row.email),
        row.email,
      ]),
    );
    const look = lookKey(email);
    const member = this.byLook.get(look);
    if (member !== undefined) {
      return {
        code: 'lookalike-email',
        message: `${email} looks the same as ${member}, who is already a member; a reviewer cannot tell them apart, so they cannot be two people. Check the spelling`,
      };
    }
    this.byLook.set(look, email);
    return undefined;
  }
}
