// Cursor paging for list endpoints. Cursors are opaque to clients: base64url of the last key.
import { StoreError } from './errors.js';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  next?: string;
}

/** `rows` holds up to limit + 1 items; the extra one only tells that another page exists. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (item: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: encodeCursor(keyOf(items[items.length - 1] as T)) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The key inside a cursor this server gave out. Anything else is refused rather than read as some
 * other position (Node's base64 decoder skips what it cannot read, so "%%" would mean "start").
 */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
  if (key === undefined || encodeCursor(key) !== cursor) throw invalidCursor();
  return key;
}

export function invalidCursor(): StoreError {
  return new StoreError('invalid-request', 'cursor must be the `next` of a previous page, unchanged');
}
