// The audit use case: read the provider's audit log, page after page, filtered by member, key and
// time. Only the config's provider block is read, so the history of a member who has left the
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

export async function readAuditLog(io: AppIo, options: AuditOptions): Promise<AuditRecord[]> {
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
    const records: AuditRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await provider.auditLog(query, cursor);
      records.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return records;
  } finally {
    await provider.close();
  }
}
