// The tests' throwaway PostgreSQL cluster: one per test file that needs one (src/bench/postgres-cluster.ts).
import { afterAll, beforeAll } from 'vitest';
import { type Cluster, NO_POSTGRES, startCluster } from '../../src/bench/postgres-cluster.js';

export { type Cluster, NO_POSTGRES, startCluster };

/** A describe title, with why it is skipped where it is (no PostgreSQL binaries). */
export function titled(title: string): string {
  return NO_POSTGRES ? `${title} (skipped: ${NO_POSTGRES})` : title;
}

/** Starts a cluster before the block's tests and stops it after; call inside describe. */
export function useCluster(): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());
  return () => cluster!;
}
