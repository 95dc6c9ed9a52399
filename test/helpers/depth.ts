// How deep a run goes. `npm test` is the developer's loop: every behaviour at least once, with
// property tests at a few dozen cases. `npm run test:deep` (CI runs it too) adds the long runs:
// hundreds of property cases, the browser test, the large workspaces. Both use the same fixed seed;
// PROPERTY_SEED picks another, PROPERTY_RUNS multiplies the cases, to explore by hand.
export const DEEP = process.env.ROSTER_TEST_DEPTH === 'deep';

export const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);

/** The number of property cases: `quick` in `npm test`, `deep` in `npm run test:deep`. */
export function runs(quick: number, deep: number): number {
  return (DEEP ? deep : quick) * Number(process.env.PROPERTY_RUNS ?? 1);
}
