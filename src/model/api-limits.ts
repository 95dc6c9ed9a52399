// Limits of the workspace API that both its server and its client obey. The server refuses a batch
// longer than this (413) and the http provider splits a plan at the same size, so they share one
// number; schemas/changes.schema.json states it as `maxItems` (a test keeps the two equal).

/** The most changes one POST /v1/changes batch may hold. */
export const MAX_BATCH_CHANGES = 5_000;
