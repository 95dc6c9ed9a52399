// How an instance learns that another instance committed a change. Every change bumps the state
// version, and a trigger on that row sends NOTIFY roster_state when it commits (the migration in
// ./migrations.ts). While this instance is listening it keeps the version it last read and reads
// again only after a notification (or a change of its own); while the listening connection is
// down it knows nothing and reads the version for every decision, as strict mode always does,
// and it tries to listen again every second.
import pg from 'pg';

export const CHANNEL = 'roster_state';
const RECONNECT_MS = 1_000;

export class VersionWatch {
  private known: number | undefined;
  private listening = false;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly url: string) {
    this.listen();
  }

  /** The version, when it is known that nothing has changed it since it was read. */
  current(): number | undefined {
    return this.listening ? this.known : undefined;
  }

  /** The version as just read from the database. */
  read(version: number): void {
    if (this.listening) this.known = version;
  }

  /** Something changed (or may have): read the version again. */
  changed(): void {
    this.known = undefined;
  }

  /** Whether notifications are arriving (otherwise decisions read the version themselves). */
  isListening(): boolean {
    return this.listening;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    void this.client?.end().catch(() => undefined);
  }

  private listen(): void {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.listening = false;
      this.known = undefined;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed) this.timer = setTimeout(() => this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.changed());
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        // Whatever was committed while nobody listened is read at the next decision.
        this.known = undefined;
        this.listening = true;
      })
      .catch(lost);
  }
}
