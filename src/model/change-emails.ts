// Changes arrive from any client of the workspace API, spelled as that client likes. The store
// keeps one spelling per person, so every email in a change is normalised before it is applied.
import type { Change } from './changes.js';
import { normalizeEmail } from './state.js';

/**
 * The change with every email normalised: `email`, a personal key's `owner`, a key's `users` and
 * a pipe's `createdBy`.
 * By field name rather than by kind, so a new change kind with these fields is covered too.
 */
export function normalizeChangeEmails(change: Change): Change {
  const fields = change as Partial<Record<'email' | 'owner' | 'createdBy', unknown>> & { users?: unknown };
  return {
    ...change,
    ...(typeof fields.email === 'string' ? { email: normalizeEmail(fields.email) } : {}),
    ...(typeof fields.owner === 'string' ? { owner: normalizeEmail(fields.owner) } : {}),
    ...(typeof fields.createdBy === 'string' ? { createdBy: normalizeEmail(fields.createdBy) } : {}),
    ...(Array.isArray(fields.users)
      ? {
          users: [
            ...new Set(fields.users.map((user) => (typeof user === 'string' ? normalizeEmail(user) : user))),
          ].sort(),
        }
      : {}),
  } as Change;
}
