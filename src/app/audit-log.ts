// The audit use case: read the provider's audit log, page after page, filtered by member, key and
// time, handing each page on as it comes (a member's history can be long: it is not held whole). Only the config's provider block is read, so the history of a member who has left the
// config (and the workspace) stays readable.
import { instantOf } from '../model/dates.js';
import { normalizeEmail } from '../model/state.js';
import type { AuditQuery, AuditRecord } from '../providers/provider.js';
import { readProviderOf } from './config-provider.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';
import { openProvider } from './provider-factory.js';

export interface AuditOptions {
  config: string;
  member?: string;
  key?: string;
  since?: string;
}

/** Calls `onPage` with each page of matching records, in order; resolves to how many there were. */
export async function readAuditLog(
  io: AppIo,
  options: AuditOptions,
  onPage: (records: AuditRecord[]) => void,
): Promise<number> {
  const since = options.since === undefined ? undefined : instantOf(options.since);
  if (options.since !== undefined && since === undefined) {
    throw new AppError(
      'bad-arguments',
      `--since must be a date (2026-11-22) or a date and time with a zone (2026-11-22T09:30:00Z), not ${JSON.stringify(options.since)}`,
    );
  }
  const query: AuditQuery = {
    ...(options.member ? { member: normalizeEmail(options.member) } : {}),
    ...(options.key ? { key: options.key } : {}),
    ...(since ? { since } : {}),
  };
  const { provider: config } = readProviderOf(io, options.config);
  const provider = await openProvider(config, io, { write: false });
  try {
    if (!provider.auditLog) {
      throw new AppError(
        'unsupported',
        `${provider.description} keeps no audit log roster can read; use the platform's own activity log`,
      );
    }
    if ((await provider.snapshot()).isNew) {
      throw new AppError(
        'workspace-not-found',
        `${provider.description} does not exist: there is no audit log to read. Check provider.path in ${options.config}`,
      );
    }
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await provider.auditLog(query, cursor);
      if (page.items.length > 0) onPage(page.items);
      count += page.items.length;
      cursor = page.next;
    } while (cursor);
    return count;
  } finally {
    await provider.close();
  }
}
