// Reads a small file that a config's folder may hold, without following a link at it or waiting
// on a FIFO, and without reading more than a bound.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A regular file's text when it is at most `limit` bytes, else undefined. Never follows a link
 * (O_NOFOLLOW) nor waits on a FIFO (O_NONBLOCK).
 */
export function readSmallFile(path: string, limit: number): string | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > limit) return undefined;
    const buffer = Buffer.alloc(stats.size);
    const read = readSync(fd, buffer, 0, stats.size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
