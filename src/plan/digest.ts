// The plan digest: sha256 over the canonical JSON of its changes, so the same changes always
// give the same digest whatever the order of keys in an object.
import { createHash } from 'node:crypto';
import type { Change } from '../model/changes.js';

export function planDigest(changes: readonly Change[]): string {
  // Hashed change by change: the same bytes as the canonical JSON of the whole list, without
  // building one string of tens of megabytes for a plan of 100,000 changes.
  const hash = createHash('sha256').update('[');
  changes.forEach((change, index) => hash.update(index === 0 ? canonicalJson(change) : `,${canonicalJson(change)}`));
  return `sha256:${hash.update(']').digest('hex')}`;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    let fields = '';
    // sort() orders by UTF-16 code unit, the same in every locale.
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) fields += `${fields === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(field)}`;
    }
    return `{${fields}}`;
  }
  return JSON.stringify(value);
}
