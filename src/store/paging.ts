// Cursor paging for list endpoints. Cursors are opaque to clients: base64url of the last key.

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

export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
}
