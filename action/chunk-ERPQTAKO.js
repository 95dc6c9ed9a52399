import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);

// src/model/capabilities.ts
var FULL_CAPABILITIES = {
  roles: ["owner", "admin", "member", "guest", "external-guest"],
  pipeLevels: ["read-only", "restricted-view", "member", "admin"],
  resources: ["members", "integrations", "pipes", "grants", "pipe_memberships", "keys"],
  atomicBatches: true,
  connectsIntegrations: true,
  maxBatchChanges: Number.POSITIVE_INFINITY,
  memberExpiry: true
};

export {
  FULL_CAPABILITIES
};
