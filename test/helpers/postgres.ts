// The tests' throwaway PostgreSQL cluster: one per test file that needs one (src/bench/postgres-cluster.ts).
export { type Cluster, NO_POSTGRES, startCluster } from '../../src/bench/postgres-cluster.js';
