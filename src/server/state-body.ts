// GET /v1/state, serialized once per state version. Reading and serializing a large workspace
// takes hundreds of milliseconds, and every plan and CI job reads it: the serialized state is kept
// until a committed change moves the version (read from the store on every request, so a change
// made by another process on the same file is seen too). The body also names the caller, so it
// is assembled around the cached state per request; its gzip form is kept per caller, for the few
// keys (owners', admins', CI's) that read the state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Actor } from '../model/changes.js';
import type { WorkspaceStore } from '../store/store.js';

const gzip = promisify(gzipCallback);
/** Callers whose compressed body is kept for the current version; more are compressed per request. */
const MAX_COMPRESSED_CALLERS = 8;

export class StateBodies {
  private version = -1;
  private state: Buffer | undefined;
  private compressed = new Map<string, Promise<Buffer>>();

  constructor(private readonly store: WorkspaceStore) {}

  async send(request: IncomingMessage, response: ServerResponse, caller: Actor): Promise<void> {
    const current = this.store.version();
    const etag = `"${current}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    const { version, state } = this.serialized(current);
    // The caller rides along so a client plans with one read.
    const parts = [Buffer.from(`{"version":${version},"caller":${JSON.stringify(caller)},"state":`), state, CLOSE];
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      etag: `"${version}"`,
    };
    if (acceptsGzip(request.headers['accept-encoding'])) {
      const body = await this.gzipped(version, JSON.stringify(caller), parts);
      response.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': parts.reduce((sum, part) => sum + part.length, 0) });
    response.write(parts[0]);
    response.write(parts[1]);
    response.end(parts[2]);
  }

  /** The state serialized at the current version; read again only when the version moved. */
  private serialized(current: number): { version: number; state: Buffer } {
    if (this.state === undefined || current !== this.version) {
      const { state, version } = this.store.snapshot();
      this.version = version;
      this.state = Buffer.from(JSON.stringify(state));
      this.compressed = new Map();
    }
    return { version: this.version, state: this.state };
  }

  /** Compressed off the event loop (zlib's thread pool); concurrent first reads share one. */
  private gzipped(version: number, caller: string, parts: Buffer[]): Promise<Buffer> {
    const kept = this.compressed.get(caller);
    if (kept) return kept;
    const body = gzip(Buffer.concat(parts));
    if (version === this.version && this.compressed.size < MAX_COMPRESSED_CALLERS) this.compressed.set(caller, body);
    return body;
  }
}

const CLOSE = Buffer.from('}');

/** Whether Accept-Encoding allows gzip (a q of 0 refuses it). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  });
}
