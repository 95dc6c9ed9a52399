// The second step of a staged rotation. A plan rotates a key in two steps: the first adds a new
// secret beside the old one, which keeps working; once the new secret is delivered (to its file or
// its GitHub secret), key.retire_previous makes it the key's only one. A delivery that fails skips
// the second step, so the old secret still works, and the next plan rotates the key again.
import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../model/changes.js';
import type { Plan } from '../plan/types.js';
import type { Provider } from '../providers/provider.js';
import { type DeliveryReport, type Remedy, ROTATE_AGAIN } from './deliver.js';

/** The keys the plan rotates in two steps. */
export function stagedRotations(plan: Plan): Set<string> {
  return new Set(
    plan.changes.flatMap(({ change }) => (change.kind === 'key.rotate' && change.stage ? [change.name] : [])),
  );
}

/** What to do about a secret not delivered: for a staged rotation, nothing was lost. */
export function remedyFor(staged: ReadonlySet<string>): Remedy {
  return (key) =>
    staged.has(key)
      ? 'the old secret still works (the rotation was not finished): fix that, then apply again, which rotates the key again and delivers the new secret'
      : ROTATE_AGAIN(key);
}

/**
 * Retires the old secrets of the staged rotations whose new secret was delivered, in one batch at
 * `version` (the workspace as the apply left it: a workspace changed since keeps both secrets and
 * says so). Returns the workspace's version after it.
 */
export async function retirePrevious(
  provider: Provider,
  staged: ReadonlySet<string>,
  report: DeliveryReport,
  version: number,
  context: ChangeContext,
): Promise<number> {
  const names = report.keys.filter((name) => staged.has(name));
  if (names.length === 0) return version;
  try {
    const result = await provider.apply({
      changes: names.map((name) => ({ kind: 'key.retire_previous', name })),
      expectedVersion: String(version),
      idempotencyKey: randomUUID(),
      context,
    });
    for (const name of names) report.delivered.push(`key ${name}: its old secret no longer works`);
    return result.version;
  } catch (error) {
    for (const name of names) {
      report.failed.push(
        `key ${name}: the new secret was delivered, but the old one could not be retired (${(error as Error).message}); both work until the next apply, which rotates the key again`,
      );
    }
    return version;
  }
}
