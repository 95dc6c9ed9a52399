// The plan digest: sha256 over the canonical JSON of its changes, so the same changes always
// give the same digest whatever the order of keys in an object.
import { createHash } from 'node:crypto';
import type { Change } from '../model/changes.js';

export function planDigest(changes: readonly Change[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(changes)).digest('hex')}`;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
