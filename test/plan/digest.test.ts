// A saved plan is bound to its changes by a digest; it must not depend on the order of keys in
// an object, and must match a plain reading of "sha256 of the changes as key-sorted JSON".
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { planDigest } from '../../src/plan/digest.js';

/** Reference: rebuild every object with sorted keys, then let JSON.stringify do the rest. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const changes = [
  { kind: 'member.invite', email: 'ana@acme.com', role: 'owner', name: 'Ana "A" Souza' },
  { kind: 'grant.set', email: 'fin@acme.com', integration: 'stripe', profile: 'no-delete', disabledTools: ['refund'] },
  { kind: 'pipe_member.remove', pipe: 'hiring', email: 'sam@acme.com' },
] as unknown as Change[];

describe('the plan digest', () => {
  it('is the sha256 of the changes as key-sorted JSON', () => {
    const expected = createHash('sha256')
      .update(JSON.stringify(sortedDeep(changes)))
      .digest('hex');
    expect(planDigest(changes)).toBe(`sha256:${expected}`);
  });

  it('ignores the order of keys and fields left undefined, but not the order or content of changes', () => {
    const reordered = changes.map((change) => Object.fromEntries(Object.entries(change).reverse())) as Change[];
    expect(planDigest(reordered)).toBe(planDigest(changes));
    expect(planDigest([{ ...changes[0], expires: undefined } as Change, ...changes.slice(1)])).toBe(
      planDigest(changes),
    );
    expect(planDigest([...changes].reverse())).not.toBe(planDigest(changes));
    expect(planDigest([{ ...changes[0], role: 'admin' } as Change, ...changes.slice(1)])).not.toBe(planDigest(changes));
    expect(planDigest([])).toBe(`sha256:${createHash('sha256').update('[]').digest('hex')}`);
  });
});
