// PostgreSQL, asked synchronously. The store's rules are synchronous code over better-sqlite3
// (one statement at a time, transactions as plain function calls); node-postgres is asynchronous.
// Rather than keep a second, asynchronous copy of every rule, the queries go to a worker thread
// that owns a node-postgres pool, and the calling thread waits for the answer (Atomics.wait on a
// shared flag). An instance therefore runs one query at a time, exactly as it does on SQLite, and
// grows by adding instances; the wait is a loopback or LAN round trip instead of a file read.
import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface ConnectionOptions {
  url: string;
  /** Connections the worker's pool may open. */
  poolSize: number;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** A database error as node-postgres reports it: SQLSTATE code and message. */
export class PostgresError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/** How long a query may take before the caller gives up (the worker's own timeout fires first). */
const WAIT_MS = 60_000;

interface Reply {
  id: number;
  rows?: Record<string, unknown>[];
  rowCount?: number;
  error?: { code: string; message: string };
}

export class BlockingConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  constructor(options: ConnectionOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData = {
      url: options.url,
      poolSize: options.poolSize,
      pg: createRequire(import.meta.url).resolve('pg'),
      port: port2,
      flag: this.flag,
    };
    // The worker's code is this module's function, sent as source: one file wherever roster is
    // built or bundled to.
    // execArgv: [] so that no flag of this process (--input-type=module) changes how it is read.
    this.worker = new Worker(`(${runWorker.toString()})()`, {
      eval: true,
      execArgv: [],
      workerData,
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Runs one statement (several, without parameters) and waits for its rows. */
  query(sql: string, params: readonly unknown[] = []): QueryResult {
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ id, sql, params });
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      // The port is drained before each wait: an answer that arrived while a stale one was being
      // read is never waited for again.
      const received = receiveMessageOnPort(this.port);
      if (!received) {
        const left = deadline - Date.now();
        if (left <= 0 || Atomics.wait(this.flag, 0, 0, left) === 'timed-out') {
          throw new PostgresError('57014', `PostgreSQL did not answer within ${WAIT_MS / 1000} s`);
        }
        Atomics.store(this.flag, 0, 0);
        continue;
      }
      // An answer to a query given up on earlier is dropped.
      const reply = received.message as Reply;
      if (reply.id !== id) continue;
      if (reply.error) throw new PostgresError(reply.error.code, reply.error.message);
      return { rows: (reply.rows ?? []).map(asBuffers), rowCount: reply.rowCount ?? 0 };
    }
  }

  close(): void {
    this.query('--close');
    void this.worker.terminate();
  }
}

/** bytea arrives as Uint8Array after crossing threads; the store compares Buffers. */
function asBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

/**
 * The worker thread. It runs from its source text, so it names nothing outside itself: node-postgres
 * comes by the path the caller resolved. A transaction holds one pooled client from BEGIN to its
 * end; everything else takes whichever client is free. A connection that fails is dropped by the
 * pool and the next query opens another, so a database that comes back is used again.
 */
function runWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- an eval'd worker is CommonJS */
  const { workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const data = workerData as { url: string; poolSize: number; pg: string; port: MessagePort; flag: Int32Array };
  const pg = require(data.pg) as typeof import('pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  pg.types.setTypeParser(20, Number); // count(*) and bigint ids: well below 2^53
  const pool = new pg.Pool({
    connectionString: data.url,
    max: data.poolSize,
    connectionTimeoutMillis: 5_000,
    query_timeout: 30_000,
  });
  pool.on('error', () => undefined); // an idle client's lost connection: the pool drops it
  let held: import('pg').PoolClient | undefined;
  const answer = (message: unknown) => {
    data.port.postMessage(message);
    Atomics.store(data.flag, 0, 1);
    Atomics.notify(data.flag, 0);
  };
  data.port.on('message', (message: { id: number; sql: string; params: unknown[] }) => {
    void (async () => {
      const { id, sql } = message;
      const params = message.params.map((value) =>
        value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value,
      );
      try {
        if (sql === '--close') {
          await pool.end();
          answer({ id });
          return;
        }
        if (/^BEGIN\b/.test(sql) && !held) held = await pool.connect();
        const client = held ?? pool;
        const result = await client.query(sql, params);
        const last = Array.isArray(result) ? (result as import('pg').QueryResult[]).at(-1) : result;
        if (/^(COMMIT|ROLLBACK)$/.test(sql)) {
          held?.release();
          held = undefined;
        }
        answer({ id, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 });
      } catch (error) {
        const failed = error as { code?: string; message?: string };
        if (held && /^(BEGIN\b|COMMIT$|ROLLBACK$)/.test(sql)) {
          held.release(error as Error); // a transaction that could not begin or end: not reused
          held = undefined;
        }
        answer({ id, error: { code: failed.code ?? 'connection', message: failed.message ?? String(error) } });
      }
    })();
  });
}
